import { bool, str, strings, type Field } from '../model/schema.js';

/** A basic event selector of a trail (AWS's PascalCase members, as the API takes them). */
export interface EventSelector {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: { Type: string; Values: string[] }[];
  ExcludeManagementEventSources: string[];
}

/** An advanced event selector of a trail. */
export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: FieldSelector[];
}

const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;
type Operator = (typeof OPERATORS)[number];
type FieldSelector = { Field: string } & Partial<Record<Operator, string[]>>;

/** The manifest's camelCase spelling of an operator (`Equals` → `equals`). */
const camel = (op: Operator) => `${op[0]!.toLowerCase()}${op.slice(1)}`;

export const eventSelectorsField: Field = {
  kind: 'list',
  doc: 'Basic event selectors (at most 5); not with advancedEventSelectors.',
  maxItems: 5,
  items: {
    kind: 'object',
    doc: 'A basic event selector.',
    fields: {
      readWriteType: str('ReadOnly, WriteOnly or All (default All).', { enum: ['ReadOnly', 'WriteOnly', 'All'] }),
      includeManagementEvents: bool('Default true.'),
      dataResources: {
        kind: 'list',
        doc: 'Data events to log.',
        items: {
          kind: 'object',
          doc: 'A data resource.',
          fields: { type: str('e.g. AWS::S3::Object.', { required: true }), values: strings('ARNs or prefixes.') },
        },
      },
      excludeManagementEventSources: strings('kms.amazonaws.com and/or rdsdata.amazonaws.com.'),
    },
  },
};

const OPERATOR_DOCS: Record<Operator, string> = {
  Equals: 'Values the field equals.',
  StartsWith: 'Prefixes.',
  EndsWith: 'Suffixes.',
  NotEquals: 'Values excluded.',
  NotStartsWith: 'Prefixes excluded.',
  NotEndsWith: 'Suffixes excluded.',
};

export const advancedEventSelectorsField: Field = {
  kind: 'list',
  doc: 'Advanced event selectors; not with eventSelectors.',
  items: {
    kind: 'object',
    doc: 'An advanced event selector.',
    fields: {
      name: str('Selector name.'),
      fieldSelectors: {
        kind: 'list',
        doc: 'Field conditions.',
        minItems: 1,
        required: true,
        items: {
          kind: 'object',
          doc: 'A field condition of an advanced event selector.',
          fields: {
            field: str('e.g. eventCategory, resources.type, eventName, readOnly.', { required: true }),
            ...Object.fromEntries(OPERATORS.map((op) => [camel(op), strings(OPERATOR_DOCS[op])])),
          },
        },
      },
    },
  },
};

/** A basic event selector as written or read: any member may be left to AWS's default. */
interface EventSelectorInput {
  ReadWriteType?: EventSelector['ReadWriteType'];
  IncludeManagementEvents?: boolean;
  DataResources?: { Type: string; Values?: string[] }[];
  ExcludeManagementEventSources?: string[];
}

/**
 * Basic event selectors with AWS's defaults filled in — the same for the manifest and for what a
 * trail reads back; undefined when they amount to AWS's default set ("no custom selectors").
 */
export function canonicalEventSelectors(selectors: EventSelectorInput[]): EventSelector[] | undefined {
  const out = selectors.map((s) => ({
    ReadWriteType: s.ReadWriteType ?? 'All',
    IncludeManagementEvents: s.IncludeManagementEvents ?? true,
    DataResources: (s.DataResources ?? []).map((r) => ({ Type: r.Type, Values: r.Values ?? [] })),
    ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
  }));
  return isDefaultEventSelectors(out) ? undefined : out;
}

/** AWS's default selector set for a trail: reads back as "no custom selectors". */
function isDefaultEventSelectors(selectors: EventSelector[]): boolean {
  if (selectors.length === 0) return true;
  if (selectors.length !== 1) return false;
  const s = selectors[0]!;
  return s.ReadWriteType === 'All' && s.IncludeManagementEvents && s.DataResources.length === 0 && s.ExcludeManagementEventSources.length === 0;
}

/** AWS's default selector set, as PutEventSelectors takes it (to drop custom selectors). */
export const DEFAULT_EVENT_SELECTORS: EventSelector[] = [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];

interface SelectorDeclaration {
  readWriteType?: EventSelector['ReadWriteType'];
  includeManagementEvents?: boolean;
  dataResources?: { type: string; values?: string[] }[];
  excludeManagementEventSources?: string[];
}

/** The manifest's basic selectors (camelCase) in canonical form. */
export function declaredEventSelectors(selectors: SelectorDeclaration[]): EventSelector[] | undefined {
  return canonicalEventSelectors(
    selectors.map((s) => ({
      ReadWriteType: s.readWriteType,
      IncludeManagementEvents: s.includeManagementEvents,
      DataResources: s.dataResources?.map((r) => ({ Type: r.type, Values: r.values })),
      ExcludeManagementEventSources: s.excludeManagementEventSources,
    })),
  );
}

/** The manifest's advanced selectors (camelCase) in the API's form. */
export function declaredAdvancedSelectors(selectors: { name?: string; fieldSelectors: Record<string, unknown>[] }[]): AdvancedEventSelector[] {
  return selectors.map((s) => {
    const out: AdvancedEventSelector = { FieldSelectors: s.fieldSelectors.map((f) => fieldSelector(f, 'manifest')) };
    if (s.name !== undefined) out.Name = s.name;
    return out;
  });
}

/** Basic selectors in the manifest's spelling, AWS's defaults left unsaid (the inverse of declaredEventSelectors). */
export function eventSelectorDeclarations(selectors: EventSelector[]): Record<string, unknown>[] {
  return selectors.map((s) =>
    Object.fromEntries(
      Object.entries({
        readWriteType: s.ReadWriteType === 'All' ? undefined : s.ReadWriteType,
        includeManagementEvents: s.IncludeManagementEvents ? undefined : false,
        dataResources: s.DataResources.length ? s.DataResources.map((r) => ({ type: r.Type, values: r.Values })) : undefined,
        excludeManagementEventSources: s.ExcludeManagementEventSources.length ? s.ExcludeManagementEventSources : undefined,
      }).filter(([, v]) => v !== undefined),
    ),
  );
}

/** Advanced selectors in the manifest's spelling (the inverse of declaredAdvancedSelectors). */
export function advancedSelectorDeclarations(selectors: AdvancedEventSelector[]): Record<string, unknown>[] {
  return selectors.map((s) => ({
    ...(s.Name !== undefined && { name: s.Name }),
    fieldSelectors: s.FieldSelectors.map((f) => ({ field: f.Field, ...Object.fromEntries(OPERATORS.filter((op) => f[op] !== undefined).map((op) => [camel(op), f[op]])) })),
  }));
}

/** Advanced selectors as GetEventSelectors returns them, empty operator lists dropped. */
export function observedAdvancedSelectors(selectors: any[]): AdvancedEventSelector[] {
  return selectors.map((s) => {
    const out: AdvancedEventSelector = { FieldSelectors: ((s.FieldSelectors ?? []) as Record<string, unknown>[]).map((f) => fieldSelector(f, 'api')) };
    if (s.Name) out.Name = s.Name;
    return out;
  });
}

/**
 * One field condition from the manifest's spelling (`field`, `equals`: sent as written) or the
 * API's (`Field`, `Equals`: empty operator lists, which AWS returns, dropped).
 */
function fieldSelector(f: Record<string, unknown>, spelling: 'manifest' | 'api'): FieldSelector {
  const manifest = spelling === 'manifest';
  const out: FieldSelector = { Field: (manifest ? f.field : f.Field) as string };
  for (const op of OPERATORS) {
    const values = f[manifest ? camel(op) : op] as string[] | undefined;
    if (values !== undefined && (manifest || values.length > 0)) out[op] = values;
  }
  return out;
}
