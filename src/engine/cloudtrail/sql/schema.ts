import type { CloudTrailEvent } from '../event-types.js';

/** How a value behaves in comparisons: the Trino type family of a column or literal. */
export type Family = 'varchar' | 'timestamp' | 'boolean' | 'number' | 'complex' | 'unknown';

/** A value while a query runs: timestamps are epoch milliseconds; rows, maps and arrays are objects. */
export type SqlValue = string | number | boolean | null | SqlComplex;

/** A row, map or array value; rendered the way Trino prints it (`{key=value, …}`, `[…]`). */
interface SqlComplex {
  complex: 'row' | 'map' | 'array';
  entries: [string, SqlValue][] | SqlValue[];
}

/** A column of the event data store schema or one field of a row column. */
export interface Field {
  /** The name as CloudTrail spells it (`eventID`, `userIdentity`): what `SELECT *` returns. */
  name: string;
  /** The Trino type, as error messages show it. */
  type: string;
  family: Family;
  /** The key it reads from its parent object (the event, or the row it is a field of). */
  key?: string;
  /** The fields of a row type, by lower-case name. */
  fields?: Record<string, Field>;
  /** Its value, read from the parent object. */
  read(parent: unknown): SqlValue;
}

const get = (source: unknown, key: string): unknown =>
  source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined;

const scalar = (name: string, type: string, family: Family, from?: string): Field => ({
  name,
  type,
  family,
  key: from,
  read: (source) => {
    const v = from ? get(source, from) : undefined;
    return v === undefined || v === null ? null : (v as SqlValue);
  },
});

const varchar = (name: string, from?: string): Field => scalar(name, 'varchar', 'varchar', from);

const row = (name: string, from: string | undefined, fields: Field[]): Field => {
  const byName = Object.fromEntries(fields.map((f) => [f.name.toLowerCase(), f]));
  const inner = fields.map((f) => `${f.name.toLowerCase()} ${f.type}`).join(', ');
  return {
    name,
    type: `row(${inner})`,
    family: 'complex',
    key: from,
    fields: byName,
    read: (source) => {
      const v = from ? get(source, from) : undefined;
      if (v === undefined || v === null) return null;
      return { complex: 'row', entries: fields.map((f): [string, SqlValue] => [f.name.toLowerCase(), f.read(v)]) };
    },
  };
};

/** A JSON object as a Trino map(varchar, varchar): nested values become their JSON text. */
const map = (name: string, from?: string): Field => ({
  name,
  type: 'map(varchar, varchar)',
  family: 'complex',
  read: (source) => {
    const v = from ? get(source, from) : undefined;
    if (v === undefined || v === null || typeof v !== 'object') return null;
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]): [string, SqlValue] => [
      k,
      x === null || x === undefined ? null : typeof x === 'object' ? JSON.stringify(x) : String(x),
    ]);
    return { complex: 'map', entries };
  },
});

const resources: Field = {
  name: 'resources',
  type: 'array(row(accountid varchar, type varchar, arn varchar, arnprefix varchar))',
  family: 'complex',
  read: (source) => {
    const event = source as CloudTrailEvent;
    const list = event.resources ?? [];
    const entries = list.map((r): SqlValue => ({
      complex: 'row',
      entries: [
        ['accountid', event.recipientAccountId],
        ['type', r.resourceType],
        ['arn', r.resourceName],
        ['arnprefix', null],
      ],
    }));
    return { complex: 'array', entries };
  },
};

const userIdentity = row('userIdentity', 'userIdentity', [
  varchar('type', 'type'),
  varchar('principalId', 'principalId'),
  varchar('arn', 'arn'),
  varchar('accountId', 'accountId'),
  varchar('accessKeyId', 'accessKeyId'),
  varchar('userName', 'userName'),
  row('sessionContext', 'sessionContext', [varchar('sourceIdentity', 'sourceIdentity')]),
  varchar('invokedBy', 'invokedBy'),
  varchar('identityProvider', 'identityProvider'),
]);

/** The event data store schema of CloudTrail events, in CloudTrail's column order. */
export const EVENT_COLUMNS: Field[] = [
  varchar('eventVersion', 'eventVersion'),
  userIdentity,
  scalar('eventTime', 'timestamp(3)', 'timestamp', 'eventTime'),
  varchar('eventSource', 'eventSource'),
  varchar('eventName', 'eventName'),
  varchar('awsRegion', 'awsRegion'),
  varchar('sourceIPAddress', 'sourceIPAddress'),
  varchar('userAgent', 'userAgent'),
  varchar('errorCode', 'errorCode'),
  varchar('errorMessage', 'errorMessage'),
  map('requestParameters', 'requestParameters'),
  map('responseElements', 'responseElements'),
  map('additionalEventData'),
  varchar('requestID', 'requestId'),
  varchar('eventID', 'eventId'),
  scalar('readOnly', 'boolean', 'boolean', 'readOnly'),
  resources,
  varchar('eventType', 'eventType'),
  varchar('apiVersion'),
  scalar('managementEvent', 'boolean', 'boolean', 'managementEvent'),
  varchar('recipientAccountId', 'recipientAccountId'),
  varchar('sharedEventID'),
  varchar('annotation'),
  varchar('vpcEndpointId'),
  map('serviceEventDetails'),
  varchar('eventCategory', 'eventCategory'),
  varchar('sessionCredentialFromConsole'),
];

/** Columns by lower-case name: Lake column names are case-insensitive. */
export const COLUMNS_BY_NAME: Record<string, Field> = Object.fromEntries(
  EVENT_COLUMNS.map((c) => [c.name.toLowerCase(), c]),
);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A timestamp(3) as Trino prints it: `2026-01-01 00:00:00.000` (UTC). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** A result value as GetQueryResults returns it: always a string; NULL comes back empty. */
export function renderValue(value: SqlValue, family: Family): string {
  if (value === null) return '';
  if (family === 'timestamp' && typeof value === 'number') return formatTimestamp(value);
  return renderNested(value);
}

function renderNested(value: SqlValue): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (value.complex === 'array') return `[${(value.entries as SqlValue[]).map(renderNested).join(', ')}]`;
  const entries = value.entries as [string, SqlValue][];
  return `{${entries.map(([k, v]) => `${k}=${renderNested(v)}`).join(', ')}}`;
}
