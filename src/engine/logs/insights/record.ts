import type { StoredLogEvent } from '../state.js';
import { instant, type Value } from './values.js';

/** At most this many fields are discovered in one JSON event (AWS documents 200). */
const MAX_DISCOVERED_FIELDS = 200;

/** Where an event lives: enough to find it again from its `@ptr`. */
export interface EventAddress {
  logGroupName: string;
  logStreamName: string;
  seq: number;
}

/** One event as a query sees it: its fields by name, its time, and where it came from. */
export interface Row {
  fields: Map<string, Value>;
  timestamp: number;
  address?: EventAddress;
}

/**
 * The fields of an event: the built-in `@timestamp`, `@message`, `@logStream`, `@log`
 * (`account:group`), `@ingestionTime`, and, for a JSON object message, its members flattened to
 * dotted paths (`a.b`, arrays by index `a.0`).
 */
export function eventRow(account: string, address: EventAddress, event: StoredLogEvent): Row {
  const fields = new Map<string, Value>([
    ['@timestamp', instant(event.timestamp)],
    ['@message', event.message],
    ['@logStream', address.logStreamName],
    ['@log', `${account}:${address.logGroupName}`],
    ['@ingestionTime', instant(event.ingestionTime)],
  ]);
  for (const [name, value] of discoveredFields(event.message)) if (!fields.has(name)) fields.set(name, value);
  return { fields, timestamp: event.timestamp, address };
}

/** The fields discovered in a message: those of a JSON object, else none. */
function discoveredFields(message: string): [string, Value][] {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return [];
  }
  const out: [string, Value][] = [];
  flatten(parsed, '', out);
  return out.slice(0, MAX_DISCOVERED_FIELDS);
}

function flatten(value: unknown, path: string, out: [string, Value][]): void {
  if (out.length >= MAX_DISCOVERED_FIELDS) return;
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, path ? `${path}.${i}` : String(i), out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (path !== '') {
    out.push([path, value as string | number | boolean]);
  }
}

/** The `@ptr` of an event: an opaque base64 string that GetLogRecord turns back into the event. */
export function encodePointer(address: EventAddress): string {
  return Buffer.from(JSON.stringify([address.logGroupName, address.logStreamName, address.seq])).toString('base64');
}

/** The address in a `@ptr`, or undefined when it is not one the engine made. */
export function decodePointer(pointer: string): EventAddress | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(pointer, 'base64').toString('utf8'));
    if (!Array.isArray(data) || data.length !== 3) return undefined;
    const [logGroupName, logStreamName, seq] = data as unknown[];
    if (typeof logGroupName !== 'string' || typeof logStreamName !== 'string' || !Number.isInteger(seq)) return undefined;
    return { logGroupName, logStreamName, seq: seq as number };
  } catch {
    return undefined;
  }
}
