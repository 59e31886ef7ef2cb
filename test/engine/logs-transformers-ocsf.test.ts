import * as assert from 'uvu/assert';
import { TestTransformerCommand, type Processor } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, type Harness } from '../helpers/harness.js';

/** parseToOCSF: each event source becomes an event of its OCSF class, in the requested schema version. */

async function ocsf(h: Harness, parseToOCSF: NonNullable<Processor['parseToOCSF']>, message: string, before: Processor[] = []) {
  const out = await h.logs.send(new TestTransformerCommand({ transformerConfig: [...before, { parseToOCSF }], logEventMessages: [message] }));
  const text = out.transformedLogs![0]!.transformedEventMessage;
  return text === undefined ? undefined : JSON.parse(text);
}

const CLOUDTRAIL = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012', accessKeyId: 'AKIAEXAMPLE', userName: 'alice' },
  eventTime: '2024-05-01T12:00:00Z', eventSource: 'logs.amazonaws.com', eventName: 'CreateLogGroup', awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7', userAgent: 'aws-cli/2', requestParameters: { logGroupName: 'app' }, responseElements: null,
  requestID: 'req-1', eventID: 'evt-1', readOnly: false, eventType: 'AwsApiCall', recipientAccountId: '123456789012', eventCategory: 'Management',
};

forEachTransport('logs transformers: parseToOCSF', (test, h) => {
  test('VPC flow logs become Network Activity (4001)', async () => {
    const e = await ocsf(h(), { eventSource: 'VPCFlow', ocsfVersion: 'V1.1' }, '2 123456789010 eni-abc123de 192.0.2.0 192.0.2.24 20641 22 6 20 4249 1418530010 1418530070 REJECT OK');
    assert.is(e.class_uid, 4001);
    assert.is(e.type_uid, 400106);
    assert.is(e.metadata.version, '1.1.0');
    assert.equal(e.src_endpoint, { ip: '192.0.2.0', port: 20641, interface_uid: 'eni-abc123de' });
    assert.equal(e.dst_endpoint, { ip: '192.0.2.24', port: 22 });
    assert.equal(e.traffic, { bytes: 4249, packets: 20 });
    assert.equal([e.disposition_id, e.disposition, e.start_time, e.end_time], [2, 'Blocked', 1418530010000, 1418530070000]);
    assert.equal(e.cloud, { provider: 'AWS', account: { uid: '123456789010' } });
  });

  test('CloudTrail records become API Activity (6003), the activity read from the operation', async () => {
    const e = await ocsf(h(), { eventSource: 'CloudTrail', ocsfVersion: 'V1.5', mappingVersion: '1.5.0' }, JSON.stringify(CLOUDTRAIL));
    assert.equal([e.class_uid, e.activity_id, e.activity_name, e.type_uid, e.status], [6003, 1, 'Create', 600301, 'Success']);
    assert.is(e.metadata.version, '1.5.0');
    assert.is(e.metadata.uid, 'evt-1');
    assert.is(e.time, Date.parse('2024-05-01T12:00:00Z'));
    assert.equal(e.api, { operation: 'CreateLogGroup', service: { name: 'logs.amazonaws.com' }, request: { uid: 'req-1' } });
    assert.equal(e.actor.user, { type: 'IAMUser', uid: 'arn:aws:iam::123456789012:user/alice', uid_alt: 'AIDAEXAMPLE', name: 'alice', account: { uid: '123456789012' }, credential_uid: 'AKIAEXAMPLE' });
    assert.equal(e.src_endpoint, { ip: '198.51.100.7' });
    assert.equal(e.unmapped.requestParameters, { logGroupName: 'app' });
    const failed = await ocsf(h(), { eventSource: 'CloudTrail', ocsfVersion: 'V1.1' }, JSON.stringify({ ...CLOUDTRAIL, eventName: 'DescribeLogGroups', errorCode: 'AccessDenied' }));
    assert.equal([failed.activity_name, failed.status, failed.api.response.error], ['Read', 'Failure', 'AccessDenied']);
  });

  test('Route 53 Resolver query logs become DNS Activity (4003)', async () => {
    const log = {
      version: '1.100000', account_id: '111122223333', region: 'us-east-1', vpc_id: 'vpc-1', query_timestamp: '2024-05-01T12:00:00Z',
      query_name: 'example.com.', query_type: 'A', query_class: 'IN', rcode: 'NXDOMAIN', answers: [], srcaddr: '10.0.0.5', srcport: '53533',
      transport: 'UDP', srcids: { instance: 'i-1' },
    };
    const e = await ocsf(h(), { eventSource: 'Route53Resolver', ocsfVersion: 'V1.1' }, JSON.stringify(log));
    assert.equal([e.class_uid, e.rcode, e.rcode_id, e.status], [4003, 'NXDOMAIN', 3, 'Failure']);
    assert.equal(e.query, { hostname: 'example.com.', type: 'A', class: 'IN' });
    assert.equal(e.src_endpoint, { ip: '10.0.0.5', port: 53533, vpc_uid: 'vpc-1', instance_uid: 'i-1' });
  });

  test('EKS audit events become API Activity, the activity read from the verb', async () => {
    const audit = {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'a-1', verb: 'delete', requestURI: '/api/v1/namespaces/default/pods/web',
      user: { username: 'admin', groups: ['system:masters'] }, sourceIPs: ['192.0.2.9'], userAgent: 'kubectl',
      objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1' }, responseStatus: { code: 200 },
      requestReceivedTimestamp: '2024-05-01T12:00:00.000000Z',
    };
    const e = await ocsf(h(), { eventSource: 'EKSAudit', ocsfVersion: 'V1.1' }, JSON.stringify(audit));
    assert.equal([e.class_uid, e.activity_name, e.status, e.api.response.code], [6003, 'Delete', 'Success', 200]);
    assert.equal(e.actor.user, { name: 'admin', groups: [{ name: 'system:masters' }] });
    assert.equal(e.resources, [{ type: 'pods', name: 'web', namespace: 'default' }]);
  });

  test('WAF logs become HTTP Activity (4002), from a field parsed before', async () => {
    const waf = { timestamp: 1576280412771, action: 'BLOCK', terminatingRuleId: 'r1', httpRequest: { clientIp: '1.1.1.1', country: 'AU', headers: [{ name: 'Host', value: 'example.com' }], uri: '/x', args: 'a=1', httpMethod: 'POST', requestId: 'rid' } };
    const e = await ocsf(h(), { eventSource: 'AWSWAF', ocsfVersion: 'V1.1', source: 'waf' }, JSON.stringify({ waf }), [{ parseJSON: {} }]);
    assert.equal([e.class_uid, e.activity_name, e.disposition, e.time], [4002, 'Post', 'Blocked', 1576280412771]);
    assert.equal(e.http_request.url, { hostname: 'example.com', path: '/x', query_string: 'a=1' });
    assert.equal(e.firewall_rule, { uid: 'r1' });
    assert.ok(e.waf, 'the parsed fields stay beside the OCSF event');
  });

  test('a record that is not of the source fails the transformation', async () => {
    assert.is(await ocsf(h(), { eventSource: 'VPCFlow', ocsfVersion: 'V1.1' }, '{"not":"a flow log"}'), undefined);
    assert.is(await ocsf(h(), { eventSource: 'CloudTrail', ocsfVersion: 'V1.1' }, 'plain text'), undefined);
  });
});
