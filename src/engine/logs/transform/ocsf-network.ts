import { getPath, TransformFailure } from './event.js';
import { cloud, DNS_ACTIVITY, header, HTTP_ACTIVITY, int, isoMillis, NETWORK_ACTIVITY, num, obj, status, str, unmapped } from './ocsf-build.js';
import { isObject, type JObject, type Json } from './value.js';

/**
 * parseToOCSF for the network sources: VPC flow logs as Network Activity (4001), Route 53
 * Resolver query logs as DNS Activity (4003), WAF logs as HTTP Activity (4002). The mapping
 * follows the OCSF classes' definitions; AWS's own mapping tables are not published.
 */

const PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp' };
const VPC_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];

/** A VPC flow log record in the default format, as a record keyed by the format's field names. */
export function vpcRecord(text: string): JObject {
  const values = text.trim().split(/ +/);
  if (values.length !== VPC_FIELDS.length) throw new TransformFailure('parseToOCSF: the log event is not a VPC flow log record in the default format');
  return new Map(VPC_FIELDS.map((f, i) => [f, values[i]!]));
}

export function vpcFlowToOcsf(r: JObject, version: string): JObject {
  const action = str(r, 'action');
  const disposition: [number, string] | undefined = action === 'ACCEPT' ? [1, 'Allowed'] : action === 'REJECT' ? [2, 'Blocked'] : undefined;
  const start = num(r, 'start');
  const end = num(r, 'end');
  const protocol = str(r, 'protocol');
  return obj([
    ...header({ cls: NETWORK_ACTIVITY, activity: [6, 'Traffic'], version, product: { name: 'Amazon VPC', feature: 'Flowlogs', version: str(r, 'version') } }),
    ['time', int(start !== undefined ? start * 1000 : undefined)],
    ['start_time', int(start !== undefined ? start * 1000 : undefined)],
    ['end_time', int(end !== undefined ? end * 1000 : undefined)],
    ['cloud', cloud(str(r, 'account-id'), undefined)],
    ['src_endpoint', obj([['ip', str(r, 'srcaddr')], ['port', int(num(r, 'srcport'))], ['interface_uid', str(r, 'interface-id')]])],
    ['dst_endpoint', obj([['ip', str(r, 'dstaddr')], ['port', int(num(r, 'dstport'))]])],
    ['connection_info', obj([['protocol_num', int(num(r, 'protocol'))], ['protocol_name', protocol === undefined ? undefined : PROTOCOLS[protocol]]])],
    ['traffic', obj([['bytes', int(num(r, 'bytes'))], ['packets', int(num(r, 'packets'))]])],
    ['action_id', int(disposition?.[0])],
    ['action', disposition?.[1]],
    ['disposition_id', int(disposition?.[0])],
    ['disposition', disposition?.[1]],
    ['status_code', str(r, 'log-status')],
  ]) ?? new Map();
}

const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, YXDOMAIN: 6, YXRRSET: 7, NXRRSET: 8, NOTAUTH: 9, NOTZONE: 10 };

export function route53ResolverToOcsf(r: JObject, version: string): JObject {
  const rcode = str(r, 'rcode');
  const answers = r.get('answers');
  const mapped = ['version', 'account_id', 'region', 'vpc_id', 'query_timestamp', 'query_name', 'query_type', 'query_class', 'rcode', 'answers', 'srcaddr', 'srcport', 'transport', 'srcids'];
  return obj([
    ...header({ cls: DNS_ACTIVITY, activity: [2, 'Response'], version, product: { name: 'Route 53', feature: 'Resolver Query Logs', version: str(r, 'version') } }),
    ['time', isoMillis(str(r, 'query_timestamp'))],
    ['cloud', cloud(str(r, 'account_id'), str(r, 'region'))],
    ['query', obj([['hostname', str(r, 'query_name')], ['type', str(r, 'query_type')], ['class', str(r, 'query_class')]])],
    ['rcode', rcode],
    ['rcode_id', int(rcode === undefined ? undefined : RCODES[rcode] ?? 99)],
    ['answers', Array.isArray(answers) ? answers.filter(isObject).map(answer) : undefined],
    ['src_endpoint', obj([['ip', str(r, 'srcaddr')], ['port', int(num(r, 'srcport'))], ['vpc_uid', str(r, 'vpc_id')], ['instance_uid', str(r, 'srcids.instance')]])],
    ['connection_info', obj([['protocol_name', str(r, 'transport')?.toLowerCase()]])],
    ...status(rcode === undefined || rcode === 'NOERROR'),
    ['unmapped', unmapped(r, mapped)],
  ]) ?? new Map();
}

const answer = (a: JObject): Json => obj([['rdata', str(a, 'Rdata')], ['type', str(a, 'Type')], ['class', str(a, 'Class')]]) ?? new Map();

const HTTP_METHODS: Record<string, number> = { CONNECT: 1, DELETE: 2, GET: 3, HEAD: 4, OPTIONS: 5, POST: 6, PUT: 7, TRACE: 8 };
const WAF_DISPOSITIONS: Record<string, [number, string]> = { ALLOW: [1, 'Allowed'], BLOCK: [2, 'Blocked'], COUNT: [17, 'Logged'] };

export function wafToOcsf(r: JObject, version: string): JObject {
  const method = str(r, 'httpRequest.httpMethod');
  const headers = getPath(r, 'httpRequest.headers');
  const list = Array.isArray(headers) ? headers.filter(isObject) : [];
  const headerValue = (name: string) => {
    const h = list.find((x) => str(x, 'name')?.toLowerCase() === name);
    return h && str(h, 'value');
  };
  const disposition = WAF_DISPOSITIONS[str(r, 'action') ?? ''] ?? [99, 'Other'];
  const mapped = ['timestamp', 'formatVersion', 'webaclId', 'terminatingRuleId', 'terminatingRuleType', 'action', 'httpRequest'];
  return obj([
    ...header({ cls: HTTP_ACTIVITY, activity: method !== undefined && HTTP_METHODS[method] ? [HTTP_METHODS[method]!, capitalize(method)] : [99, 'Other'], version, product: { name: 'AWS WAF', uid: str(r, 'webaclId'), version: str(r, 'formatVersion') } }),
    ['time', int(num(r, 'timestamp'))],
    ['http_request', obj([
      ['http_method', method],
      ['url', obj([['hostname', headerValue('host')], ['path', str(r, 'httpRequest.uri')], ['query_string', str(r, 'httpRequest.args')]])],
      ['version', str(r, 'httpRequest.httpVersion')],
      ['uid', str(r, 'httpRequest.requestId')],
      ['user_agent', headerValue('user-agent')],
      ['http_headers', list.length > 0 ? list.map((h) => obj([['name', str(h, 'name')], ['value', str(h, 'value')]]) ?? new Map()) : undefined],
    ])],
    ['src_endpoint', obj([['ip', str(r, 'httpRequest.clientIp')], ['location', obj([['country', str(r, 'httpRequest.country')]])]])],
    ['disposition_id', int(disposition[0])],
    ['disposition', disposition[1]],
    ['firewall_rule', obj([['uid', str(r, 'terminatingRuleId')], ['type', str(r, 'terminatingRuleType')]])],
    ['unmapped', unmapped(r, mapped)],
  ]) ?? new Map();
}

const capitalize = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
