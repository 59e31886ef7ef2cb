import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { outOfBand, project, runCli, type Project } from '../helpers/cli.js';

const test = suite('cli: account policies, index policies, deletion protection, vended-log delivery, query definitions and anomaly detectors on the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const ACCOUNT = '123456789012';
const ARN = `us-east-1:${ACCOUNT}`;
const SINK = `arn:aws:lambda:${ARN}:function:sink`;

/** One of each new kind, and the new members of log groups and filters. */
const GOVERNANCE = `
externals:
  s3Buckets: [cdn-logs]
  lambdaFunctions: [${SINK}]
  resources: [arn:aws:cloudfront::${ACCOUNT}:distribution/EDIST1]
accountPolicies:
  FIELD_INDEX_POLICY/app-ids:
    policyDocument: { Fields: [requestId] }
    selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]'
logGroups:
  /app/api:
    deletionProtectionEnabled: true
    indexPolicy: { Fields: [orderId] }
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations: [{ metricName: Errors, metricNamespace: App, metricValue: "1" }]
        emitSystemFieldDimensions: ["@aws.region"]
        fieldSelectionCriteria: '@aws.region = "us-east-1"'
    subscriptionFilters:
      to-sink: { filterPattern: "", destinationArn: ${SINK}, emitSystemFields: ["@aws.account"] }
  /cdn/a: {}
  /cdn/b: {}
deliverySources:
  cdn: { resourceArn: "arn:aws:cloudfront::${ACCOUNT}:distribution/EDIST1", logType: ACCESS_LOGS }
deliveryDestinations:
  cwl-a: { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:logs:${ARN}:log-group:/cdn/a" } }
  cwl-b: { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:logs:${ARN}:log-group:/cdn/b" } }
  archive:
    deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:s3:::cdn-logs" }
    outputFormat: json
    deliveryDestinationPolicy:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: "111122223333" }, Action: logs:CreateDelivery, Resource: "arn:aws:logs:${ARN}:delivery-destination:archive" }
deliveries:
  cdn/cwl-a: { recordFields: [date, time, c-ip] }
  cdn/archive: { tags: { team: edge } }
queryDefinitions:
  errors: { queryString: "fields @message | filter @message like /ERROR/", logGroupNames: [/app/api] }
anomalyDetectors:
  api: { logGroupArnList: [/app/api], enabled: false }
`;

/** The same, changed in every kind's updatable members, and one delivery moved to the other log group. */
const CHANGED = GOVERNANCE.replace(`'LogGroupNamePrefix IN ["/app/"]'`, `'LogGroupNamePrefix IN ["/app/", "/cdn/"]'`)
  .replace('indexPolicy: { Fields: [orderId] }', 'indexPolicy: { Fields: [orderId, userId] }')
  .replace('    deletionProtectionEnabled: true\n', '')
  .replace(`        fieldSelectionCriteria: '@aws.region = "us-east-1"'`, `        fieldSelectionCriteria: '@aws.region = "us-east-1"'\n        applyOnTransformedLogs: true`)
  .replace('Principal: { AWS: "111122223333" }', 'Principal: { AWS: ["111122223333", "444455556666"] }')
  .replace('cdn/cwl-a: { recordFields: [date, time, c-ip] }', 'cdn/cwl-b: { recordFields: [date, time, c-ip] }')
  .replace('cdn/archive: { tags: { team: edge } }', 'cdn/archive: { tags: { team: edge }, s3DeliveryConfiguration: { suffixPath: "cdn/{yyyy}/{MM}" } }')
  .replace('/ERROR/", logGroupNames', '/ERROR|FATAL/", logGroupNames')
  .replace('api: { logGroupArnList: [/app/api], enabled: false }', 'api: { logGroupArnList: [/app/api], evaluationFrequency: TEN_MIN }');

async function settled(): Promise<void> {
  const again = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(again.code, 0, again.out + again.err);
  assert.match(again.out, 'No changes. The target matches the manifests.');
  const drift = await lw('drift', p.manifests);
  assert.is(drift.code, 0, drift.out + drift.err);
}

const planJson = async () => {
  const r = await lw('plan', p.manifests, '--json');
  assert.is(r.code, 0, r.out + r.err);
  return JSON.parse(r.out) as { resource_changes: { address: string; action: string }[]; calls: { id: string; operation: string; input: any; depends_on: string[]; input_from?: unknown }[] };
};
const changed = (doc: Awaited<ReturnType<typeof planJson>>) => doc.resource_changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`);

test('declared → apply → no changes, no drift; a paused detector is created, then paused with the ARN its creation returned', async () => {
  p.write('gov.yaml', GOVERNANCE);
  const first = await planJson();
  const pause = first.calls.find((c) => c.operation === 'UpdateLogAnomalyDetector')!;
  const create = first.calls.find((c) => c.operation === 'CreateLogAnomalyDetector')!;
  assert.equal(pause.input_from, { call: create.id, members: { anomalyDetectorArn: 'anomalyDetectorArn' } });
  assert.ok(pause.depends_on.includes(create.id));
  assert.is(pause.input.enabled, false);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Apply complete! Resources: 15 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.match(r.out, 'Converged: re-read 15 resources; the target matches the manifests.');
  await settled();
  const [detectors] = (await outOfBand(p.state, [['logs', 'ListLogAnomalyDetectors', {}]])) as { anomalyDetectors: { anomalyDetectorStatus: string }[] }[];
  assert.equal(detectors!.anomalyDetectors.map((d) => d.anomalyDetectorStatus), ['PAUSED']);
});

test('a changed manifest plans exactly the updates, by the ids AWS generated; applied, it is in sync', async () => {
  p.write('gov.yaml', GOVERNANCE);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const [deliveries, definitions, detectors] = (await outOfBand(p.state, [
    ['logs', 'DescribeDeliveries', {}],
    ['logs', 'DescribeQueryDefinitions', {}],
    ['logs', 'ListLogAnomalyDetectors', {}],
  ])) as any[];
  const archiveId = deliveries.deliveries.find((d: any) => d.deliveryDestinationArn.endsWith(':archive')).id;
  const cwlAId = deliveries.deliveries.find((d: any) => d.deliveryDestinationArn.endsWith(':cwl-a')).id;
  p.write('gov.yaml', CHANGED);
  const doc = await planJson();
  assert.equal(changed(doc), [
    'update logGroup "/app/api"',
    'update metricFilter "/app/api/errors"',
    'update indexPolicy "/app/api"',
    'update accountPolicy "FIELD_INDEX_POLICY/app-ids"',
    'update deliveryDestination "archive"',
    'create delivery "cdn/cwl-b"',
    'update delivery "cdn/archive"',
    'update queryDefinition "errors"',
    'update anomalyDetector "api"',
    'delete delivery "cdn/cwl-a"',
  ]);
  const byOp = (op: string) => doc.calls.filter((c) => c.operation === op);
  assert.equal(byOp('PutLogGroupDeletionProtection').map((c) => c.input), [{ logGroupIdentifier: '/app/api', deletionProtectionEnabled: false }]);
  assert.equal(byOp('UpdateDeliveryConfiguration').map((c) => c.input), [{ id: archiveId, s3DeliveryConfiguration: { suffixPath: 'cdn/{yyyy}/{MM}', enableHiveCompatiblePath: false } }]);
  assert.equal(byOp('DeleteDelivery').map((c) => c.input), [{ id: cwlAId }]);
  // one delivery per source and destination type: the new one waits for the old one to go
  assert.ok(byOp('CreateDelivery')[0]!.depends_on.includes(byOp('DeleteDelivery')[0]!.id));
  assert.equal(byOp('PutQueryDefinition').map((c) => c.input.queryDefinitionId), [definitions.queryDefinitions[0].queryDefinitionId]);
  assert.equal(byOp('UpdateLogAnomalyDetector').map((c) => c.input), [
    { anomalyDetectorArn: detectors.anomalyDetectors[0].anomalyDetectorArn, evaluationFrequency: 'TEN_MIN', filterPattern: '', anomalyVisibilityTime: 21, enabled: true },
  ]);
  assert.equal(doc.calls.map((c) => c.operation).sort(), [
    'CreateDelivery', 'DeleteDelivery', 'PutAccountPolicy', 'PutDeliveryDestinationPolicy', 'PutIndexPolicy', 'PutLogGroupDeletionProtection',
    'PutMetricFilter', 'PutQueryDefinition', 'UpdateDeliveryConfiguration', 'UpdateLogAnomalyDetector',
  ]);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Apply complete! Resources: 1 added, 8 changed, 0 replaced, 1 destroyed.');
  await settled();
});

test('drift names a change behind logwarden\'s back in the new kinds; the next apply undoes it', async () => {
  p.write('gov.yaml', GOVERNANCE);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const [definitions] = (await outOfBand(p.state, [['logs', 'DescribeQueryDefinitions', {}]])) as any[];
  const id = definitions.queryDefinitions[0].queryDefinitionId;
  await outOfBand(p.state, [
    ['logs', 'PutQueryDefinition', { queryDefinitionId: id, name: 'errors', queryString: 'fields @message' }],
    ['logs', 'DeleteIndexPolicy', { logGroupIdentifier: '/app/api' }],
    ['logs', 'PutLogGroupDeletionProtection', { logGroupIdentifier: '/app/api', deletionProtectionEnabled: false }],
  ]);
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2, d.out + d.err);
  assert.match(d.out, '# queryDefinition "errors" has changed outside logwarden');
  assert.match(d.out, '# indexPolicy "/app/api" is missing: declared, but not in the target');
  assert.match(d.out, '# logGroup "/app/api" has changed outside logwarden');
  assert.match(d.out, 'Drift: 2 changed, 1 missing, 0 orphaned, 0 unmanaged; 12 in sync.');
  const fix = await lw('apply', p.manifests, '--auto-approve');
  assert.is(fix.code, 0, fix.out + fix.err);
  assert.match(fix.out, 'Apply complete! Resources: 1 added, 2 changed, 0 replaced, 0 destroyed.');
  await settled();
});

test('deleting the declarations of owned resources deletes them, deliveries before what they join; a protected group is refused at plan time', async () => {
  p.write('gov.yaml', GOVERNANCE);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const kept = GOVERNANCE.slice(0, GOVERNANCE.indexOf('deliverySources:')).replace(/accountPolicies:\n(  .*\n)+/, '');
  p.write('gov.yaml', kept.replace(/  \/app\/api:\n(    .*\n)+/, ''));
  const refused = await lw('plan', p.manifests);
  assert.is(refused.code, 1, refused.out);
  assert.match(
    refused.out,
    'DeleteLogGroup for logGroup "/app/api" would fail: ValidationException: Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
  );
  p.write('gov.yaml', kept);
  const doc = await planJson();
  assert.equal(changed(doc).sort(), [
    'delete accountPolicy "FIELD_INDEX_POLICY/app-ids"',
    'delete anomalyDetector "api"',
    'delete delivery "cdn/archive"',
    'delete delivery "cdn/cwl-a"',
    'delete deliveryDestination "archive"',
    'delete deliveryDestination "cwl-a"',
    'delete deliveryDestination "cwl-b"',
    'delete deliverySource "cdn"',
    'delete queryDefinition "errors"',
  ]);
  const ids = new Map(doc.calls.map((c) => [c.id, c]));
  const source = doc.calls.find((c) => c.operation === 'DeleteDeliverySource')!;
  assert.equal(source.depends_on.map((id) => ids.get(id)!.operation), ['DeleteDelivery', 'DeleteDelivery']);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Apply complete! Resources: 0 added, 0 changed, 0 replaced, 9 destroyed.');
  const outputs = (await outOfBand(p.state, [
    ['logs', 'DescribeDeliveries', {}],
    ['logs', 'DescribeDeliverySources', {}],
    ['logs', 'DescribeDeliveryDestinations', {}],
    ['logs', 'DescribeQueryDefinitions', {}],
    ['logs', 'ListLogAnomalyDetectors', {}],
    ['logs', 'DescribeAccountPolicies', { policyType: 'FIELD_INDEX_POLICY' }],
  ])) as any[];
  const lists = ['deliveries', 'deliverySources', 'deliveryDestinations', 'queryDefinitions', 'anomalyDetectors', 'accountPolicies'];
  assert.equal(outputs.map((o, i) => o[lists[i]!] ?? []), [[], [], [], [], [], []]);
  await settled();
});

test.run();
