import { AwsError } from '../errors.js';

/**
 * The `selectionCriteria` of account policies: `LogGroupName NOT IN ["a", "b"]`,
 * `LogGroupNamePrefix IN ["/app"]`, or `DataSourceName = "amazon_vpc" AND DataSourceType = "flow"`.
 * Which forms a policy type accepts is the caller's rule (account-policy-rules.ts).
 */
export type SelectionCriteria =
  | { kind: 'list'; key: 'LogGroupName' | 'LogGroupNamePrefix'; negated: boolean; values: string[] }
  | { kind: 'dataSource'; name: string; type: string };

/** "You can specify up to 50 values in each IN or NOT IN list." */
const MAX_VALUES = 50;
const LIST = /^\s*(LogGroupName|LogGroupNamePrefix)\s+(NOT\s+IN|IN)\s*(\[.*\])\s*$/s;
const DATA_SOURCE = /^\s*DataSource(Name|Type)\s*=\s*("(?:[^"\\]|\\.)*")\s+AND\s+DataSource(Name|Type)\s*=\s*("(?:[^"\\]|\\.)*")\s*$/s;

// AWS's wording for a malformed criteria string was not found; this message is unverified.
const malformed = (criteria: string) => new AwsError('InvalidParameterException', `Invalid selection criteria: ${criteria}`);

/** Parses a criteria string; a string of neither form is an InvalidParameterException. */
export function parseSelectionCriteria(criteria: string): SelectionCriteria {
  const list = LIST.exec(criteria);
  if (list) {
    const values = parseValues(list[3]!, criteria);
    if (values.length > MAX_VALUES) {
      throw new AwsError('InvalidParameterException', `Selection criteria can have at most ${MAX_VALUES} values in an IN or NOT IN list.`);
    }
    return { kind: 'list', key: list[1] as 'LogGroupName' | 'LogGroupNamePrefix', negated: list[2] !== 'IN', values };
  }
  const source = DATA_SOURCE.exec(criteria);
  if (source && source[1] !== source[3]) {
    const first = JSON.parse(source[2]!) as string;
    const second = JSON.parse(source[4]!) as string;
    return source[1] === 'Name' ? { kind: 'dataSource', name: first, type: second } : { kind: 'dataSource', name: second, type: first };
  }
  throw malformed(criteria);
}

function parseValues(text: string, criteria: string): string[] {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw malformed(criteria);
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v === '')) throw malformed(criteria);
  return values as string[];
}

/** Whether criteria (none = every group) select a log group; data source criteria select no group by name. */
export function selectsLogGroup(criteria: SelectionCriteria | undefined, logGroupName: string): boolean {
  if (!criteria) return true;
  if (criteria.kind === 'dataSource') return false;
  const hit = criteria.values.some((v) => (criteria.key === 'LogGroupName' ? logGroupName === v : logGroupName.startsWith(v)));
  return hit !== criteria.negated;
}

/**
 * Whether two criteria can both select one log group, per the documented overlap rule: two IN lists
 * overlap when a value of one matches a value of the other (a prefix matches the names and prefixes
 * it starts); an IN list and a NOT IN list do not overlap only if every IN value lies within some
 * NOT IN value. Two NOT IN lists always overlap.
 */
export function criteriaOverlap(a: SelectionCriteria, b: SelectionCriteria): boolean {
  if (a.kind === 'dataSource' || b.kind === 'dataSource') {
    return a.kind === b.kind && a.kind === 'dataSource' && b.kind === 'dataSource' && a.name === b.name && a.type === b.type;
  }
  if (a.negated && b.negated) return true;
  if (a.negated || b.negated) {
    const [inList, notIn] = a.negated ? [b, a] : [a, b];
    return !inList.values.every((v) => notIn.values.some((n) => within(inList.key, v, notIn.key, n)));
  }
  return a.values.some((v) => b.values.some((w) => within(a.key, v, b.key, w) || within(b.key, w, a.key, v)));
}

/** Whether every group that `key value` selects is also selected by `outerKey outer`. */
function within(key: string, value: string, outerKey: string, outer: string): boolean {
  if (outerKey === 'LogGroupName') return key === 'LogGroupName' && value === outer;
  return value.startsWith(outer);
}
