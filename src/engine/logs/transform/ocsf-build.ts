import { getPath } from './event.js';
import { isObject, JInt, scalarText, type JObject, type Json } from './value.js';

/**
 * Building blocks of the OCSF events parseToOCSF writes: an object from optional members, typed
 * reads out of a source record, and the members every OCSF event class shares (class, category,
 * activity, type, severity, metadata, cloud).
 */

/** An object of the members that are defined, in order. */
export function obj(entries: [string, Json | undefined][]): JObject | undefined {
  const out: JObject = new Map();
  for (const [k, v] of entries) if (v !== undefined && !(isObject(v) && v.size === 0)) out.set(k, v);
  return out.size > 0 ? out : undefined;
}

export const int = (n: number | bigint | undefined): JInt | undefined => (n === undefined ? undefined : new JInt(BigInt(n)));

/** A string member of a record, by dotted path. */
export function str(record: JObject, path: string): string | undefined {
  const v = getPath(record, path);
  return v === undefined || v === null || v === '-' ? undefined : scalarText(v);
}

/** A whole-number member of a record (a number, or digits in a string). */
export function num(record: JObject, path: string): number | undefined {
  const s = str(record, path);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** An ISO 8601 time as OCSF's `timestamp_t`: epoch milliseconds. */
export function isoMillis(text: string | undefined): JInt | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : int(ms);
}

export interface OcsfClass {
  uid: number;
  name: string;
  category: [number, string];
}

export const NETWORK_ACTIVITY: OcsfClass = { uid: 4001, name: 'Network Activity', category: [4, 'Network Activity'] };
export const HTTP_ACTIVITY: OcsfClass = { uid: 4002, name: 'HTTP Activity', category: [4, 'Network Activity'] };
export const DNS_ACTIVITY: OcsfClass = { uid: 4003, name: 'DNS Activity', category: [4, 'Network Activity'] };
export const API_ACTIVITY: OcsfClass = { uid: 6003, name: 'API Activity', category: [6, 'Application Activity'] };

export interface OcsfHeader {
  cls: OcsfClass;
  activity: [number, string];
  /** `1.1.0` or `1.5.0`. */
  version: string;
  product: { name: string; feature?: string; version?: string; uid?: string };
  eventUid?: string;
}

/** The members every OCSF event starts with. */
export function header(h: OcsfHeader): [string, Json | undefined][] {
  const [activityId, activityName] = h.activity;
  return [
    ['activity_id', int(activityId)],
    ['activity_name', activityName],
    ['category_uid', int(h.cls.category[0])],
    ['category_name', h.cls.category[1]],
    ['class_uid', int(h.cls.uid)],
    ['class_name', h.cls.name],
    ['type_uid', int(h.cls.uid * 100 + activityId)],
    ['type_name', `${h.cls.name}: ${activityName}`],
    ['severity_id', int(1)],
    ['severity', 'Informational'],
    ['metadata', obj([
      ['uid', h.eventUid],
      ['version', h.version],
      ['product', obj([
        ['name', h.product.name],
        ['vendor_name', 'AWS'],
        ['version', h.product.version],
        ['uid', h.product.uid],
        ['feature', obj([['name', h.product.feature]])],
      ])],
    ])],
  ];
}

/** OCSF's `cloud` object for an AWS account and region. */
export function cloud(accountId: string | undefined, region: string | undefined): JObject | undefined {
  return obj([['provider', 'AWS'], ['region', region], ['account', obj([['uid', accountId]])]]);
}

/** Success (1) or Failure (2), as OCSF's status_id / status pair. */
export function status(ok: boolean): [string, Json][] {
  return ok ? [['status_id', int(1)!], ['status', 'Success']] : [['status_id', int(2)!], ['status', 'Failure']];
}

/** What is left of a source record after mapping, kept as OCSF's `unmapped`. */
export function unmapped(record: JObject, mapped: readonly string[]): JObject | undefined {
  const rest: JObject = new Map([...record].filter(([k]) => !mapped.includes(k)));
  return rest.size > 0 ? rest : undefined;
}
