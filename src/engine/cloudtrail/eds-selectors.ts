import { AwsError } from '../errors.js';
import type { CloudTrailEvent } from './event-types.js';
import type { AdvancedEventSelectorRecord } from './lake-types.js';

type FieldSelector = AdvancedEventSelectorRecord['FieldSelectors'][number];
type Operator = Exclude<keyof FieldSelector, 'Field'>;

const POSITIVE: Operator[] = ['Equals', 'StartsWith', 'EndsWith'];
const NEGATIVE: Operator[] = ['NotEquals', 'NotStartsWith', 'NotEndsWith'];
const OPERATORS: Operator[] = [...POSITIVE, ...NEGATIVE];

/** What AWS returns for a store created without selectors: every management event. */
export const DEFAULT_EDS_SELECTORS: AdvancedEventSelectorRecord[] = [
  { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
];

/** Event data stores take up to five selectors and 500 condition values in all. */
const MAX_SELECTORS = 5;
const MAX_VALUES = 500;

/** Categories of CloudTrail events, and the other kinds of stores (Config items, Audit Manager, Insights). */
const TRAIL_CATEGORIES = ['Management', 'Data', 'NetworkActivity'];
const OTHER_CATEGORIES = ['ConfigurationItem', 'ActivityAuditLog', 'Insight'];

/** Fields a selector may name, with the operators each one allows (undefined = any operator). */
const FIELDS: Record<string, Operator[] | undefined> = {
  eventCategory: ['Equals'],
  readOnly: ['Equals'],
  'resources.type': ['Equals'],
  eventType: ['Equals', 'NotEquals'],
  sessionCredentialFromConsole: ['Equals', 'NotEquals'],
  eventSource: undefined,
  eventName: undefined,
  errorCode: undefined,
  'resources.ARN': undefined,
  'userIdentity.arn': undefined,
  vpcEndpointId: undefined,
};

/** Management-event selectors cannot filter on resources (those are data-event fields). */
const MANAGEMENT_FIELDS = new Set(['eventCategory', 'eventSource', 'eventName', 'eventType', 'readOnly', 'userIdentity.arn', 'sessionCredentialFromConsole']);

const invalid = (detail: string) => new AwsError('InvalidEventSelectorsException', `Invalid AdvancedEventSelectors: ${detail}`);

/**
 * Checks an event data store's advanced selectors against CloudTrail's rules (the model checked
 * shapes and lengths already) and returns them as AWS stores them: only operators that were given.
 */
export function validateEdsSelectors(selectors: AdvancedEventSelectorRecord[]): AdvancedEventSelectorRecord[] {
  if (selectors.length === 0) throw invalid('at least one advanced event selector is required.');
  if (selectors.length > MAX_SELECTORS) throw invalid(`an event data store can have at most ${MAX_SELECTORS} advanced event selectors.`);
  let values = 0;
  const categories = selectors.map((selector) => {
    for (const field of selector.FieldSelectors) values += checkFieldSelector(field);
    return checkCategory(selector);
  });
  if (values > MAX_VALUES) throw invalid(`the advanced event selectors have ${values} values; the maximum is ${MAX_VALUES}.`);
  const other = categories.find((c) => OTHER_CATEGORIES.includes(c));
  if (other && categories.some((c) => c !== other)) {
    throw invalid(`an event data store for ${other} events cannot select other event categories.`);
  }
  return selectors.map(canonicalSelector);
}

/** Validates one field condition; returns how many values it holds. */
function checkFieldSelector(field: FieldSelector): number {
  if (!Object.hasOwn(FIELDS, field.Field)) throw invalid(`field ${field.Field} is not supported.`);
  const used = OPERATORS.filter((op) => field[op] !== undefined);
  if (used.length === 0) throw invalid(`field ${field.Field} must have at least one operator.`);
  const allowed = FIELDS[field.Field];
  const wrong = allowed && used.find((op) => !allowed.includes(op));
  if (wrong) throw invalid(`operator ${wrong} is not supported for field ${field.Field}.`);
  const bad = field.Field === 'readOnly' || field.Field === 'sessionCredentialFromConsole'
    ? used.flatMap((op) => field[op] ?? []).find((v) => v !== 'true' && v !== 'false')
    : undefined;
  if (bad !== undefined) throw invalid(`value ${bad} for field ${field.Field} must be true or false.`);
  return used.reduce((n, op) => n + (field[op]?.length ?? 0), 0);
}

/** Each selector names exactly one event category; returns it after checking the fields fit it. */
function checkCategory(selector: AdvancedEventSelectorRecord): string {
  const categoryFields = selector.FieldSelectors.filter((f) => f.Field === 'eventCategory');
  if (categoryFields.length !== 1) throw invalid('each advanced event selector must have exactly one eventCategory field.');
  const values = categoryFields[0]!.Equals ?? [];
  const category = values[0] ?? '';
  if (values.length !== 1 || ![...TRAIL_CATEGORIES, ...OTHER_CATEGORIES].includes(category)) {
    throw invalid(`eventCategory must equal one of ${[...TRAIL_CATEGORIES, ...OTHER_CATEGORIES].join(', ')}.`);
  }
  const types = selector.FieldSelectors.filter((f) => f.Field === 'resources.type');
  if (category === 'Management') {
    const extra = selector.FieldSelectors.find((f) => !MANAGEMENT_FIELDS.has(f.Field));
    if (extra) throw invalid(`field ${extra.Field} is not supported for management events.`);
  } else if (category === 'Data') {
    const ok = types.length === 1 && types[0]!.Equals?.length === 1 && /^AWS::\w+::\w+$/.test(types[0]!.Equals[0]!);
    if (!ok) throw invalid('a data event selector must have exactly one resources.type field equal to one resource type.');
  } else if (OTHER_CATEGORIES.includes(category) && selector.FieldSelectors.length > 1) {
    throw invalid(`${category} events can be selected only by eventCategory.`);
  }
  return category;
}

/** AWS echoes selectors with the members given and nothing else. */
function canonicalSelector(selector: AdvancedEventSelectorRecord): AdvancedEventSelectorRecord {
  const fields = selector.FieldSelectors.map((f) => {
    const out: FieldSelector = { Field: f.Field };
    for (const op of OPERATORS) if (f[op] !== undefined) out[op] = [...f[op]!];
    return out;
  });
  return selector.Name === undefined ? { FieldSelectors: fields } : { Name: selector.Name, FieldSelectors: fields };
}

/** The values an event has for a selector field (several for resource fields). */
function eventValues(event: CloudTrailEvent, field: string): string[] {
  switch (field) {
    case 'eventCategory': return [event.eventCategory];
    case 'readOnly': return [String(event.readOnly)];
    case 'eventSource': return [event.eventSource];
    case 'eventName': return [event.eventName];
    case 'eventType': return [event.eventType];
    case 'errorCode': return event.errorCode === undefined ? [] : [event.errorCode];
    case 'userIdentity.arn': return [event.userIdentity.arn];
    case 'sessionCredentialFromConsole': return ['false'];
    case 'resources.type': return event.resources.map((r) => r.resourceType);
    case 'resources.ARN': return event.resources.map((r) => r.resourceName);
    default: return [];
  }
}

const test = (op: Operator, value: string, pattern: string): boolean => {
  if (op === 'Equals' || op === 'NotEquals') return value === pattern;
  if (op === 'StartsWith' || op === 'NotStartsWith') return value.startsWith(pattern);
  return value.endsWith(pattern);
};

/** A condition holds when some value matches a positive operator (if any) and none a negative one. */
function fieldMatches(field: FieldSelector, values: string[]): boolean {
  const positive = POSITIVE.filter((op) => field[op] !== undefined);
  if (positive.length > 0 && !values.some((v) => positive.some((op) => field[op]!.some((p) => test(op, v, p))))) return false;
  return !values.some((v) => NEGATIVE.some((op) => field[op]?.some((p) => test(op, v, p))));
}

/** An event is selected when every condition of some selector holds. */
export function selectorsMatch(selectors: AdvancedEventSelectorRecord[], event: CloudTrailEvent): boolean {
  return selectors.some((s) => s.FieldSelectors.every((f) => fieldMatches(f, eventValues(event, f.Field))));
}
