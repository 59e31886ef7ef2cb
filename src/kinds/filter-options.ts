import type { Field } from '../model/schema.js';
import { bool, str } from '../model/schema.js';

/** What metric and subscription filters share beyond their pattern (AWS's defaults read back as absent). */
export interface FilterOptions {
  /** Present only when on (AWS's default is off). */
  applyOnTransformedLogs?: true;
  fieldSelectionCriteria?: string;
}

export interface FilterOptionsDeclaration {
  applyOnTransformedLogs?: boolean;
  fieldSelectionCriteria?: string;
}

/** The system fields a filter may emit (PutMetricFilter / PutSubscriptionFilter `SystemField`). */
const SYSTEM_FIELDS = ['@aws.account', '@aws.region'];

/** The manifest fields of FilterOptions. */
export const FILTER_OPTION_FIELDS: Record<string, Field> = {
  applyOnTransformedLogs: bool("Match the events as the group's transformer left them (default false)."),
  fieldSelectionCriteria: str('Which events the filter processes, by system fields, e.g. `@aws.region = "us-east-1"`.'),
};

/** A list of system fields (`@aws.account`, `@aws.region`). */
export const systemFieldsField = (doc: string): Field => ({ kind: 'list', doc, items: str('', { enum: SYSTEM_FIELDS }) });

/** The options of a declaration or of what AWS reports: off and absent are the same. */
export function canonicalFilterOptions(given: FilterOptionsDeclaration): FilterOptions {
  const out: FilterOptions = {};
  if (given.applyOnTransformedLogs === true) out.applyOnTransformedLogs = true;
  if (given.fieldSelectionCriteria !== undefined) out.fieldSelectionCriteria = given.fieldSelectionCriteria;
  return out;
}

/** System fields as a sorted set under `member`; none is absent. Duplicates are kept for AWS to refuse. */
export function canonicalSystemFields<K extends string>(member: K, fields: string[] | undefined): Partial<Record<K, string[]>> {
  if (!fields?.length) return {};
  return Object.fromEntries([[member, [...fields].sort()]]) as Partial<Record<K, string[]>>;
}
