import { AwsError } from '../../errors.js';
import type { SourceOnly } from './config.js';
import { MESSAGE, TransformFailure, writeFields, type TransformEvent } from './event.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { sourceText } from './parsers.js';
import { isObject, JDouble, JInt, type JObject, type Json } from './value.js';

/**
 * The built-in parsers for AWS vended logs. Each reads the whole message (the only source AWS
 * allows them), and a message not in the vended format fails the transformation. Field names and
 * value types follow the documented example of each.
 */

/** "No other value than @message is allowed for source" (message unverified). */
export function checkVendedSource(config: SourceOnly): void {
  if (config.source !== undefined && config.source !== MESSAGE) {
    throw new AwsError('InvalidParameterException', `Invalid source '${config.source}': parsers of AWS vended logs accept only @message as the source.`);
  }
}

/** VPC flow logs, default format (version 2): 14 space-separated fields. */
const VPC_FIELDS = ['version', 'accountId', 'interfaceId', 'srcAddr', 'dstAddr', 'srcPort', 'dstPort', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'logStatus'];
const VPC_NUMBERS = new Set(['version', 'srcPort', 'dstPort', 'protocol', 'packets', 'bytes', 'start', 'end']);

export function parseVPC(event: TransformEvent): void {
  const values = message(event, 'parseVPC').trim().split(/ +/);
  if (values.length !== VPC_FIELDS.length) throw new TransformFailure('parseVPC: the message is not a VPC flow log record in the default format');
  const fields: JObject = new Map();
  VPC_FIELDS.forEach((name, i) => {
    const v = values[i]!;
    fields.set(name, VPC_NUMBERS.has(name) && /^\d+$/.test(v) ? new JInt(BigInt(v)) : v);
  });
  writeFields(event, fields, undefined, true);
}

/** Route 53 public DNS query logs: 10 space-separated fields; the version is a decimal number. */
const ROUTE53_FIELDS = ['version', 'queryTimestamp', 'hostZoneId', 'queryName', 'queryType', 'responseCode', 'protocol', 'edgeLocation', 'resolverIp', 'ednsClientSubnet'];

export function parseRoute53(event: TransformEvent): void {
  const values = message(event, 'parseRoute53').trim().split(/ +/);
  if (values.length !== ROUTE53_FIELDS.length) throw new TransformFailure('parseRoute53: the message is not a Route 53 query log record');
  const fields: JObject = new Map();
  ROUTE53_FIELDS.forEach((name, i) => {
    const v = values[i]!;
    if (name === 'version' && /^\d+(\.\d+)?$/.test(v)) fields.set(name, new JDouble(Number(v)));
    else fields.set(name, name === 'queryName' ? decodeOctal(v) : v);
  });
  writeFields(event, fields, undefined, true);
}

/** Route 53 writes characters outside printable ASCII in query names as `\ddd` octal escapes. */
const decodeOctal = (s: string): string => s.replace(/\\([0-3][0-7]{2})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** RDS for PostgreSQL, default log_line_prefix `%t:%r:%u@%d:[%p]:` followed by the level. */
const POSTGRES = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [A-Za-z]+):([^:]*):([^@:]*)@([^:]*):\[(\d+)\]:([A-Z0-9]+):/;

export function parsePostgres(event: TransformEvent): void {
  const m = POSTGRES.exec(message(event, 'parsePostgres'));
  if (!m) throw new TransformFailure('parsePostgres: the message is not an RDS for PostgreSQL log line');
  const names = ['logTime', 'srcIp', 'userName', 'dbName', 'processId', 'logLevel'];
  writeFields(event, new Map(names.map((n, i) => [n, m[i + 1]!])), undefined, true);
}

/** CloudFront standard logs: the 33 fields of the access log format, in their documented order. */
const CLOUDFRONT_FIELDS = [
  'date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(Host)', 'cs-uri-stem', 'sc-status', 'cs(Referer)',
  'cs(User-Agent)', 'cs-uri-query', 'cs(Cookie)', 'x-edge-result-type', 'x-edge-request-id', 'x-host-header', 'cs-protocol',
  'cs-bytes', 'time-taken', 'x-forwarded-for', 'ssl-protocol', 'ssl-cipher', 'x-edge-response-result-type', 'cs-protocol-version',
  'fle-status', 'fle-encrypted-fields', 'c-port', 'time-to-first-byte', 'x-edge-detailed-result-type', 'sc-content-type',
  'sc-content-len', 'sc-range-start', 'sc-range-end',
];

export function parseCloudfront(event: TransformEvent): void {
  const text = message(event, 'parseCloudfront').trim();
  const values = text.split(/\s+/);
  if (text.startsWith('#') || values.length < CLOUDFRONT_FIELDS.length) {
    throw new TransformFailure('parseCloudfront: the message is not a CloudFront access log record');
  }
  const fields: JObject = new Map(CLOUDFRONT_FIELDS.map((name, i) => [name, cloudfrontValue(values[i]!)]));
  writeFields(event, fields, undefined, true);
}

/** Encoded values are decoded; integers and decimals become numbers. */
function cloudfrontValue(raw: string): Json {
  if (/^-?\d+$/.test(raw)) return new JInt(BigInt(raw));
  if (/^-?\d+\.\d+$/.test(raw)) return new JDouble(Number(raw));
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * WAF logs (JSON): `httpRequest.headers` and `labels`, lists of name/value objects, become
 * objects keyed by name, and lead the event as in the documented example.
 */
export function parseWAF(event: TransformEvent): void {
  const log = parseObject(message(event, 'parseWAF'), 'parseWAF');
  const out: JObject = new Map();
  const request = log.get('httpRequest');
  if (isObject(request)) {
    const headers = request.get('headers');
    const reshaped: JObject = new Map(Array.isArray(headers) ? [['headers', headersObject(headers)]] : []);
    for (const [k, v] of request) if (k !== 'headers') reshaped.set(k, v);
    out.set('httpRequest', reshaped);
  }
  const labels = log.get('labels');
  if (Array.isArray(labels)) out.set('labels', mergeObjects(labels));
  for (const [k, v] of log) if (!out.has(k)) out.set(k, v);
  writeFields(event, out, undefined, true);
}

function headersObject(headers: Json[]): JObject {
  const out: JObject = new Map();
  for (const h of headers) {
    if (!isObject(h)) continue;
    const name = h.get('name');
    if (typeof name === 'string') out.set(name, h.get('value') ?? null);
  }
  return out;
}

function mergeObjects(items: Json[]): JObject {
  const out: JObject = new Map();
  for (const item of items) if (isObject(item)) for (const [k, v] of item) out.set(k, v);
  return out;
}

/** A message that must be a JSON object (WAF logs, the OCSF sources). */
export function parseObject(text: string, processor: string): JObject {
  try {
    const v = parseJson(text);
    if (isObject(v)) return v;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
  }
  throw new TransformFailure(`${processor}: the message is not a JSON object`);
}

function message(event: TransformEvent, processor: string): string {
  return sourceText(event, processor) ?? '';
}
