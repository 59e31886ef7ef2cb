import { accountPoliciesCovering, hasAccountPolicies } from './account-policy-store.js';
import { parseIndexPolicyDocument, type IndexField } from './index-document.js';
import { putEntry } from './lookup.js';
import type { LogGroupRecord, LogsState } from './state.js';

/** The field index policy a log group indexes by, as DescribeIndexPolicies reports its origin. */
export interface EffectiveIndexPolicy {
  source: 'LOG_GROUP' | 'ACCOUNT';
  policyName?: string;
  policyDocument: string;
  lastUpdateTime: number;
}

/**
 * A group's own policy (PutIndexPolicy) overrides the account-level FIELD_INDEX_POLICY that selects
 * it by name (no criteria, or a LogGroupNamePrefix); data-source policies select no group by name.
 */
export function effectiveIndexPolicy(logs: LogsState, group: LogGroupRecord): EffectiveIndexPolicy | undefined {
  if (group.indexPolicy) return { source: 'LOG_GROUP', ...group.indexPolicy };
  if (!hasAccountPolicies(logs, 'FIELD_INDEX_POLICY')) return undefined;
  const account = accountPoliciesCovering(logs, 'FIELD_INDEX_POLICY', group.logGroupName)[0];
  if (!account) return undefined;
  return { source: 'ACCOUNT', policyName: account.policyName, policyDocument: account.policyDocument, lastUpdateTime: account.lastUpdatedTime };
}

const fieldCache = new Map<string, IndexField[]>();

/** The fields of a stored (hence valid) index policy document, parsed once. */
export function indexFields(document: string): IndexField[] {
  let fields = fieldCache.get(document);
  if (!fields) {
    if (fieldCache.size >= 500) fieldCache.clear();
    fields = parseIndexPolicyDocument(document);
    fieldCache.set(document, fields);
  }
  return fields;
}

/** Keeps only the observations of fields a group's new policy still indexes. */
export function pruneFieldIndexes(group: LogGroupRecord, fields: readonly IndexField[]): void {
  if (!group.fieldIndexes) return;
  const keep = new Set(fields.map((f) => f.name));
  for (const name of Object.keys(group.fieldIndexes)) if (!keep.has(name)) delete group.fieldIndexes[name];
}

/** Whether a parsed JSON event has a value at a dotted field path (`a.b` is `{"a":{"b":…}}`). */
function fieldPresent(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== undefined;
}

/**
 * Records which indexed fields ingested JSON events carry: the first and last event time per
 * field, and the ingestion time as the last scan. Only events ingested under the policy count.
 */
export function observeFieldIndexes(group: LogGroupRecord, fields: readonly IndexField[], events: readonly { timestamp: number; message: string }[], now: number): void {
  for (const event of events) {
    if (!event.message.trimStart().startsWith('{')) continue;
    let root: unknown;
    try {
      root = JSON.parse(event.message);
    } catch {
      continue;
    }
    for (const { name } of fields) {
      if (!fieldPresent(root, name)) continue;
      const seen = (group.fieldIndexes ??= {});
      const record = Object.hasOwn(seen, name) ? seen[name] : undefined;
      if (!record) {
        putEntry(seen, name, { firstEventTime: event.timestamp, lastEventTime: event.timestamp, lastScanTime: now });
        continue;
      }
      record.firstEventTime = Math.min(record.firstEventTime, event.timestamp);
      record.lastEventTime = Math.max(record.lastEventTime, event.timestamp);
      record.lastScanTime = now;
    }
  }
}
