import { JInt, type JObject, type Json } from './value.js';

/**
 * The common log format patterns (APACHE_ACCESS_LOG, NGINX_ACCESS_LOG, SYSLOG5424): predefined
 * matches whose fields come out shaped as the documented examples show them — `-` fields left
 * out, status codes, sizes and syslog numbers as integers, access log times in ISO 8601 UTC.
 */
export interface CommonLogPattern {
  regex: string;
  /** Reshapes the captured fields (in capture order) into the event's fields. */
  shape(captured: JObject): JObject;
}

const ACCESS = '%{IPORHOST:remote_host} %{NOTSPACE:ident} %{NOTSPACE:auth_user} \\[%{HTTPDATE:timestamp}\\] "(?:%{WORD:http_method} %{NOTSPACE:request}(?: HTTP/%{NUMBER:http_version})?|-)" %{INT:status_code} (?:%{INT:response_size}|-)';
const REFERRER_AGENT = ' "%{DATA:referrer}" "%{DATA:agent}"';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `03/Aug/2023:12:34:56 +0000` as `2023-08-03T12:34:56Z` (the instant in UTC). */
function httpDateToIso(s: string): string | undefined {
  const m = /^(\d{1,2})\/([A-Za-z]+)\/(\d{2,4}):(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)? ([+-])(\d{2}):?(\d{2})$/.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offset * 60_000;
  if (Number.isNaN(utc)) return undefined;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const integer = (v: Json): Json => (typeof v === 'string' && /^[+-]?\d+$/.test(v) ? new JInt(BigInt(v)) : v);

function shapeAccess(captured: JObject): JObject {
  const out: JObject = new Map();
  for (const [k, v] of captured) {
    if (v === '-') continue;
    if (k === 'status_code' || k === 'response_size') out.set(k, integer(v));
    else if (k === 'timestamp' && typeof v === 'string') out.set(k, httpDateToIso(v) ?? v);
    else out.set(k, v);
  }
  return out;
}

/**
 * RFC 5424: `<PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD…]MSG`. As the documented
 * example shows, `structured_data` is the first structured-data element (without brackets) and
 * `message` everything after it.
 */
const SYSLOG5424 = '<%{NONNEGINT:pri}>%{NONNEGINT:version} %{NOTSPACE:timestamp} %{NOTSPACE:hostname} %{NOTSPACE:app} %{NOTSPACE:proc_id} %{NOTSPACE:msg_id}(?: (?:-|\\[%{DATA:structured_data}\\]))? ?%{GREEDYDATA:message}';

function shapeSyslog(captured: JObject): JObject {
  const out: JObject = new Map();
  for (const [k, v] of captured) {
    if (v === '-' || (k === 'message' && v === '')) continue;
    out.set(k, k === 'pri' || k === 'version' ? integer(v) : v);
  }
  return out;
}

export const COMMON_LOG_PATTERNS: ReadonlyMap<string, CommonLogPattern> = new Map([
  ['APACHE_ACCESS_LOG', { regex: `${ACCESS}(?:${REFERRER_AGENT})?`, shape: shapeAccess }],
  ['NGINX_ACCESS_LOG', { regex: `${ACCESS}${REFERRER_AGENT}`, shape: shapeAccess }],
  ['SYSLOG5424', { regex: SYSLOG5424, shape: shapeSyslog }],
]);
