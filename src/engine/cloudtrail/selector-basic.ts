import { AwsError } from '../errors.js';
import { bucketNameProblem } from './trail-refs.js';
import type { EventSelectorRecord } from './trail-types.js';
import { ownEntry } from '../own.js';

/** A basic event selector as PutEventSelectors receives it (every member optional). */
export interface EventSelectorInput {
  ReadWriteType?: EventSelectorRecord['ReadWriteType'];
  IncludeManagementEvents?: boolean;
  DataResources?: { Type?: string; Values?: string[] }[];
  ExcludeManagementEventSources?: string[];
}

/** Basic selectors per trail, and data resource values over all of them. */
const MAX_EVENT_SELECTORS = 5;
const MAX_DATA_RESOURCE_VALUES = 250;

/** Management event sources a selector may exclude. */
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

const invalid = (message: string) => new AwsError('InvalidEventSelectorsException', message);

const PARTITION = 'arn:aws(?:-cn|-us-gov|-iso|-iso-b)?';

/**
 * The data resource types basic selectors take, each with the values it accepts: `arn:aws:<service>`
 * for all resources of the type, or one resource (S3: a bucket ARN with a trailing `/` and an
 * optional object prefix; Lambda and DynamoDB: an exact function or table ARN).
 */
const DATA_RESOURCE_TYPES: Record<string, (value: string) => boolean> = {
  'AWS::S3::Object': (v) => {
    if (new RegExp(`^${PARTITION}:s3$`).test(v)) return true;
    const m = new RegExp(`^${PARTITION}:s3:::([^/]*)/`).exec(v);
    return m !== null && bucketNameProblem(m[1]!) === undefined;
  },
  'AWS::Lambda::Function': (v) =>
    new RegExp(`^${PARTITION}:lambda(:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?)?$`).test(v),
  'AWS::DynamoDB::Table': (v) =>
    new RegExp(`^${PARTITION}:dynamodb(:[a-z0-9-]+:\\d{12}:table/[A-Za-z0-9_.-]{3,255})?$`).test(v),
};

function normalizeDataResources(resources: EventSelectorInput['DataResources']): EventSelectorRecord['DataResources'] {
  return (resources ?? []).map(({ Type, Values = [] }) => {
    const accepts = Type !== undefined ? ownEntry(DATA_RESOURCE_TYPES, Type) : undefined;
    if (!accepts) throw invalid(`Value ${Type ?? 'null'} for DataResources.Type is invalid.`);
    for (const value of Values) {
      if (!accepts(value)) throw invalid(`Value ${value} for DataResources.Values is invalid.`);
    }
    return { Type: Type!, Values: [...Values] };
  });
}

function normalizeSelector(selector: EventSelectorInput): EventSelectorRecord {
  const sources = selector.ExcludeManagementEventSources ?? [];
  for (const source of sources) {
    if (!EXCLUDABLE_SOURCES.includes(source)) throw invalid(`Value ${source} for ExcludeManagementEventSources is invalid.`);
  }
  const normalized: EventSelectorRecord = {
    ReadWriteType: selector.ReadWriteType ?? 'All',
    IncludeManagementEvents: selector.IncludeManagementEvents ?? true,
    DataResources: normalizeDataResources(selector.DataResources),
    ExcludeManagementEventSources: [...sources],
  };
  if (!normalized.IncludeManagementEvents && normalized.DataResources.length === 0) {
    throw invalid(
      'Invalid combination of parameters in EventSelectors. When includeManagementEvents is false, DataResources must not be empty.',
    );
  }
  return normalized;
}

/**
 * Checks basic event selectors as PutEventSelectors does (1 to 5 selectors, known data resource
 * types and value forms, at most 250 values in all, excludable sources) and returns them with
 * AWS's defaults filled in, as GetEventSelectors reports them.
 */
export function normalizeEventSelectors(selectors: EventSelectorInput[]): EventSelectorRecord[] {
  if (selectors.length < 1 || selectors.length > MAX_EVENT_SELECTORS) {
    throw invalid(`Specify a valid number of event selectors (1 to ${MAX_EVENT_SELECTORS}) for a trail.`);
  }
  const normalized = selectors.map(normalizeSelector);
  const values = normalized.flatMap((s) => s.DataResources).reduce((n, r) => n + r.Values.length, 0);
  if (values > MAX_DATA_RESOURCE_VALUES) {
    throw invalid(`Specify a valid number of DataResources.Values (0 to ${MAX_DATA_RESOURCE_VALUES}) for all your selectors`);
  }
  return normalized;
}

/** The selector a trail without custom selectors reports: all management events, no data events. */
export function defaultEventSelectors(): EventSelectorRecord[] {
  return [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];
}
