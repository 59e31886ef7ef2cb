import { getPath } from './event.js';
import { API_ACTIVITY, cloud, header, int, isoMillis, num, obj, status, str, unmapped } from './ocsf-build.js';
import { isObject, type JObject, type Json } from './value.js';

/**
 * parseToOCSF for API calls: CloudTrail records and EKS audit events, both as API Activity
 * (6003), the activity read from the operation (create, read, update, delete, or other).
 */

const ACTIVITIES: [RegExp, [number, string]][] = [
  [/^(Create|Add|Put|Register|Attach|Run|Start|Import|Allocate|Associate|Enable|Post|Invoke)/, [1, 'Create']],
  [/^(Get|Describe|List|Lookup|Search|Head|Select|Scan|Query|BatchGet|Filter|Test)/, [2, 'Read']],
  [/^(Update|Modify|Set|Change|Replace|Reset|Tag|Untag|Rotate|Restore)/, [3, 'Update']],
  [/^(Delete|Remove|Detach|Terminate|Stop|Disable|Deregister|Release|Revoke|Disassociate|Cancel)/, [4, 'Delete']],
];

function activityOf(operation: string | undefined): [number, string] {
  for (const [re, activity] of ACTIVITIES) if (operation !== undefined && re.test(operation)) return activity;
  return [99, 'Other'];
}

const CLOUDTRAIL_MAPPED = [
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
  'errorCode', 'errorMessage', 'requestID', 'eventID', 'resources', 'recipientAccountId', 'eventCategory',
];

export function cloudTrailToOcsf(r: JObject, version: string): JObject {
  const operation = str(r, 'eventName');
  const source = str(r, 'sourceIPAddress');
  const isIp = source !== undefined && /^[0-9a-fA-F:.]+$/.test(source);
  const error = str(r, 'errorCode');
  const resources = r.get('resources');
  return obj([
    ...header({ cls: API_ACTIVITY, activity: activityOf(operation), version, eventUid: str(r, 'eventID'), product: { name: 'CloudTrail', feature: str(r, 'eventCategory') ?? 'Management', version: str(r, 'eventVersion') } }),
    ['time', isoMillis(str(r, 'eventTime'))],
    ['cloud', cloud(str(r, 'recipientAccountId'), str(r, 'awsRegion'))],
    ['actor', obj([
      ['user', obj([
        ['type', str(r, 'userIdentity.type')],
        ['uid', str(r, 'userIdentity.arn')],
        ['uid_alt', str(r, 'userIdentity.principalId')],
        ['name', str(r, 'userIdentity.userName') ?? str(r, 'userIdentity.sessionContext.sessionIssuer.userName')],
        ['account', obj([['uid', str(r, 'userIdentity.accountId')]])],
        ['credential_uid', str(r, 'userIdentity.accessKeyId')],
      ])],
      ['session', obj([
        ['issuer', str(r, 'userIdentity.sessionContext.sessionIssuer.arn')],
        ['created_time', isoMillis(str(r, 'userIdentity.sessionContext.attributes.creationDate'))],
        ['is_mfa', mfa(r)],
      ])],
      ['invoked_by', str(r, 'userIdentity.invokedBy')],
    ])],
    ['api', obj([
      ['operation', operation],
      ['service', obj([['name', str(r, 'eventSource')]])],
      ['request', obj([['uid', str(r, 'requestID')]])],
      ['response', obj([['error', error], ['error_message', str(r, 'errorMessage')]])],
    ])],
    ['src_endpoint', obj([[isIp ? 'ip' : 'domain', source]])],
    ['http_request', obj([['user_agent', str(r, 'userAgent')]])],
    ['resources', Array.isArray(resources) ? resources.filter(isObject).map(resource) : undefined],
    ...status(error === undefined),
    ['unmapped', unmapped(r, CLOUDTRAIL_MAPPED)],
  ]) ?? new Map();
}

function mfa(r: JObject): boolean | undefined {
  const v = getPath(r, 'userIdentity.sessionContext.attributes.mfaAuthenticated');
  return v === 'true' || v === true ? true : v === 'false' || v === false ? false : undefined;
}

const resource = (x: JObject): Json => obj([['uid', str(x, 'ARN')], ['type', str(x, 'type')], ['owner', obj([['account_uid', str(x, 'accountId')]])]]) ?? new Map();

const VERBS: Record<string, [number, string]> = {
  create: [1, 'Create'], get: [2, 'Read'], list: [2, 'Read'], watch: [2, 'Read'],
  update: [3, 'Update'], patch: [3, 'Update'], delete: [4, 'Delete'], deletecollection: [4, 'Delete'],
};

const EKS_MAPPED = ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestReceivedTimestamp', 'stageTimestamp'];

export function eksAuditToOcsf(r: JObject, version: string): JObject {
  const verb = str(r, 'verb');
  const code = num(r, 'responseStatus.code');
  const groups = getPath(r, 'user.groups');
  const ips = r.get('sourceIPs');
  const ref = obj([['type', str(r, 'objectRef.resource')], ['name', str(r, 'objectRef.name')], ['namespace', str(r, 'objectRef.namespace')], ['uid', str(r, 'objectRef.uid')]]);
  return obj([
    ...header({ cls: API_ACTIVITY, activity: (verb !== undefined && VERBS[verb]) || [99, 'Other'], version, eventUid: str(r, 'auditID'), product: { name: 'Amazon EKS', feature: 'Audit Logs', version: str(r, 'apiVersion') } }),
    ['time', isoMillis(str(r, 'requestReceivedTimestamp'))],
    ['actor', obj([['user', obj([
      ['name', str(r, 'user.username')],
      ['uid', str(r, 'user.uid')],
      ['groups', Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string').map((name) => new Map([['name', name]])) : undefined],
    ])]])],
    ['api', obj([
      ['operation', verb],
      ['version', str(r, 'objectRef.apiVersion')],
      ['request', obj([['uid', str(r, 'auditID')]])],
      ['response', obj([['code', int(code)]])],
    ])],
    ['src_endpoint', obj([['ip', Array.isArray(ips) && typeof ips[0] === 'string' ? ips[0] : undefined]])],
    ['http_request', obj([['user_agent', str(r, 'userAgent')], ['url', obj([['path', str(r, 'requestURI')]])]])],
    ['resources', ref ? [ref] : undefined],
    ...status(code === undefined || code < 400),
    ['unmapped', unmapped(r, EKS_MAPPED)],
  ]) ?? new Map();
}
