import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { firstAtOrAfter, retentionCutoff } from './event-store.js';
import { eventRow, type Row } from './insights/record.js';
import { logGroupNameFromIdentifier, ownEntry } from './lookup.js';
import type { LogGroupRecord } from './state.js';

/** "You can include up to 50 log groups" in one query. */
const MAX_QUERY_LOG_GROUPS = 50;

/** The members by which StartQuery names its log groups: exactly one of the three. */
export interface QueryGroupMembers {
  logGroupName?: string;
  logGroupNames?: string[];
  logGroupIdentifiers?: string[];
}

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/**
 * The groups a query reads, from exactly one of logGroupName, logGroupNames, logGroupIdentifiers
 * (names, or ARNs without the trailing `:*`). Messages unverified against AWS.
 */
export function queryLogGroups(call: Call, input: QueryGroupMembers): LogGroupRecord[] {
  const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter((m) => m !== undefined);
  if (given.length !== 1) {
    throw invalid('Exactly one of logGroupName, logGroupNames, or logGroupIdentifiers must be specified.');
  }
  const identifiers = input.logGroupName !== undefined ? [input.logGroupName] : (input.logGroupNames ?? input.logGroupIdentifiers)!;
  if (identifiers.length === 0) throw invalid('At least one log group must be specified.');
  if (identifiers.length > MAX_QUERY_LOG_GROUPS) {
    throw invalid(`A query can include up to ${MAX_QUERY_LOG_GROUPS} log groups.`);
  }
  const groups = new Map<string, LogGroupRecord>();
  for (const identifier of identifiers) {
    if (identifier.startsWith('arn:') && identifier.endsWith(':*')) {
      throw invalid(`Log group ARN ${identifier} must not end with ':*'.`);
    }
    const name = input.logGroupIdentifiers ? logGroupNameFromIdentifier(call, identifier) : identifier;
    const group = name === undefined ? undefined : ownEntry(call.state.logs.logGroups, name);
    if (!group) {
      throw new AwsError('ResourceNotFoundException', `Log group '${name ?? identifier}' does not exist for account ID '${call.account}'`);
    }
    groups.set(group.logGroupName, group);
  }
  return [...groups.values()];
}

/** The events of the groups in [from, to] (epoch ms, both inclusive) and within retention. */
export function queryRows(call: Call, groups: LogGroupRecord[], from: number, to: number): Row[] {
  const rows: Row[] = [];
  for (const group of groups) {
    const start = Math.max(from, retentionCutoff(group, call.now));
    for (const stream of Object.values(group.streams)) {
      const events = stream.events;
      for (let i = firstAtOrAfter(events, start); i < events.length && events[i]!.timestamp <= to; i++) {
        const address = { logGroupName: group.logGroupName, logStreamName: stream.logStreamName, seq: events[i]!.seq };
        rows.push(eventRow(call.account, address, events[i]!));
      }
    }
  }
  return rows;
}
