import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClients } from '../../src/driver/clients.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceName } from '../../src/model/calls.js';
import { project, runCli, type Project } from '../helpers/cli.js';

/**
 * `logwarden import` end to end on the local engine: an account built out of band through the SDK
 * (every kind, 500 log groups), and every example applied; imported into an empty directory, the
 * plan is adoptions only, and after apply there is nothing left to do.
 */
const test = suite('cli: import against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');
const out = () => join(p.root, 'imported');

const ACCOUNT = '123456789012';
const ARN = `us-east-1:${ACCOUNT}`;
const KEY = `arn:aws:kms:${ARN}:key/11111111-1111-1111-1111-111111111111`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/logs`;
const STREAM = `arn:aws:kinesis:${ARN}:stream/central`;
const FUNCTION = `arn:aws:lambda:${ARN}:function:sink`;
const DISTRIBUTION = `arn:aws:cloudfront::${ACCOUNT}:distribution/EDIST1`;
const EMAIL = 'arn:aws:dataprotection::aws:data-identifier/EmailAddress';
const PII = JSON.stringify({
  Name: 'pii',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: [EMAIL], Operation: { Audit: { FindingsDestination: { S3: { Bucket: 'findings' } } } } },
    { Sid: 'redact', DataIdentifier: [EMAIL], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});

type Call = [ServiceName, string, Record<string, unknown>];

/** 500 log groups of every shape AWS services and people make, with their filters and policies. */
function groupCalls(i: number): Call[] {
  const name = i % 3 === 0 ? `/aws/lambda/fn-${i}` : i % 3 === 1 ? `/app/svc-${i}/api` : `team.${i}`;
  const calls: Call[] = [['logs', 'CreateLogGroup', { logGroupName: name, ...(i % 10 === 9 ? { logGroupClass: 'INFREQUENT_ACCESS' } : {}), tags: { 'managed-by': 'hand', team: `t${i % 4}` }, ...(i % 50 === 7 ? { deletionProtectionEnabled: true } : {}) }]];
  if (i % 2 === 0) calls.push(['logs', 'PutRetentionPolicy', { logGroupName: name, retentionInDays: [1, 7, 30, 365][i % 4] }]);
  if (i % 7 === 0) calls.push(['logs', 'AssociateKmsKey', { logGroupName: name, kmsKeyId: KEY }]);
  if (i % 10 === 9) return calls;
  if (i % 5 === 0) calls.push(['logs', 'PutMetricFilter', { logGroupName: name, filterName: 'errors', filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1', defaultValue: 0 }] }]);
  if (i % 11 === 0) calls.push(['logs', 'PutSubscriptionFilter', { logGroupName: name, filterName: 'to-sink', filterPattern: '', destinationArn: FUNCTION }]);
  if (i % 13 === 0) calls.push(['logs', 'PutSubscriptionFilter', { logGroupName: name, filterName: 'to-central', filterPattern: '', destinationArn: `arn:aws:logs:${ARN}:destination:central` }]);
  if (i % 17 === 0) calls.push(['logs', 'PutDataProtectionPolicy', { logGroupIdentifier: name, policyDocument: PII }]);
  if (i % 19 === 0) calls.push(['logs', 'PutIndexPolicy', { logGroupIdentifier: name, policyDocument: JSON.stringify({ Fields: ['requestId'] }) }]);
  if (i % 23 === 0) calls.push(['logs', 'PutTransformer', { logGroupIdentifier: name, transformerConfig: [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'source', value: `svc-${i}` }] } }] }]);
  return calls;
}

/** Everything else, once: destination, policies, trails, account policies, vended-log delivery, queries, detectors. */
const ACCOUNT_CALLS: Call[] = [
  ['logs', 'PutDestination', { destinationName: 'central', targetArn: STREAM, roleArn: ROLE, tags: { 'managed-by': 'hand' } }],
  ['logs', 'PutDestinationPolicy', { destinationName: 'central', accessPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }] }) }],
  ['logs', 'PutResourcePolicy', { policyName: 'route53', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' } }) }],
  ['logs', 'PutAccountPolicy', { policyName: 'ids', policyType: 'FIELD_INDEX_POLICY', policyDocument: JSON.stringify({ Fields: ['traceId'] }), selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]' }],
  ['logs', 'PutDeliverySource', { name: 'cdn', resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS', tags: { 'managed-by': 'hand' } }],
  ['logs', 'PutDeliveryDestination', { name: 'archive', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::vended' }, outputFormat: 'json', tags: { 'managed-by': 'hand' } }],
  ['logs', 'PutQueryDefinition', { name: 'ops/errors', queryString: 'fields @message\n| filter @message like /ERROR/\n| limit 20', logGroupNames: ['/aws/lambda/fn-0'] }],
  ['logs', 'CreateLogAnomalyDetector', { logGroupArnList: [`arn:aws:logs:${ARN}:log-group:/aws/lambda/fn-0`], detectorName: 'spikes', evaluationFrequency: 'ONE_HOUR', tags: { 'managed-by': 'hand' } }],
  ['logs', 'CreateLogAnomalyDetector', { logGroupArnList: [`arn:aws:logs:${ARN}:log-group:/app/svc-1/api`] }],
  ['cloudtrail', 'CreateTrail', { Name: 'audit', S3BucketName: 'trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true, CloudWatchLogsLogGroupArn: `arn:aws:logs:${ARN}:log-group:/aws/lambda/fn-0:*`, CloudWatchLogsRoleArn: ROLE, TagsList: [{ Key: 'managed-by', Value: 'hand' }] }],
  ['cloudtrail', 'PutEventSelectors', { TrailName: 'audit', AdvancedEventSelectors: [{ Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }] }],
  ['cloudtrail', 'PutInsightSelectors', { TrailName: 'audit', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }],
  ['cloudtrail', 'StartLogging', { Name: 'audit' }],
  ['cloudtrail', 'CreateTrail', { Name: 'data', S3BucketName: 'trail-logs', S3KeyPrefix: 'data', TagsList: [{ Key: 'managed-by', Value: 'hand' }] }],
  ['cloudtrail', 'PutEventSelectors', { TrailName: 'data', EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::vended/'] }] }] }],
];

/** Builds the account through the SDK on the state directory's engine, as people and AWS services do. */
async function buildEstate(groups: number): Promise<void> {
  const engine = new Engine({ stateDir: p.state });
  engine.registerExternals({ region: 'us-east-1', s3Buckets: ['findings', 'trail-logs', 'vended'], kmsKeys: [{ arn: KEY, enabled: true }], iamRoles: [ROLE], kinesisStreams: [STREAM], lambdaFunctions: [FUNCTION], resources: [DISTRIBUTION] });
  const clients = createClients({ kind: 'local', engine, stateDir: p.state, region: 'us-east-1' });
  const send = ([service, operation, input]: Call) => sendOperation(clients, service, operation, input);
  try {
    await send(ACCOUNT_CALLS[0]!);
    await send(ACCOUNT_CALLS[1]!);
    await Promise.all(Array.from({ length: groups }, async (_, i) => {
      for (const call of groupCalls(i)) await send(call);
    }));
    for (const call of ACCOUNT_CALLS.slice(2)) await send(call);
    await send(['logs', 'CreateDelivery', { deliverySourceName: 'cdn', deliveryDestinationArn: `arn:aws:logs:${ARN}:delivery-destination:archive`, recordFields: ['date', 'time', 'c-ip'], tags: { 'managed-by': 'hand' } }]);
  } finally {
    clients.destroy();
    await engine.close();
  }
}

/** Every file below a directory, relative to it. */
const filesOf = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

test('an account built out of band (every kind, 500 groups): import, then plan adopts everything and changes nothing; apply; no changes', async () => {
  await buildEstate(500);
  const imported = await lw('import', out());
  assert.is(imported.code, 0, imported.out + imported.err);
  assert.match(imported.out, 'Imported 510 resources into', imported.out);
  assert.match(imported.out, 'Left out (1):\n  anomalyDetector "arn:aws:logs:us-east-1:123456789012:anomaly-detector:');
  assert.match(imported.out, ': it has no name (the manifests name detectors)');
  assert.equal(filesOf(out()), [
    'account-policies.yaml', 'anomaly-detectors.yaml', 'defaults.yaml', 'deliveries.yaml', 'delivery-destinations.yaml', 'delivery-sources.yaml',
    'destinations.yaml', 'externals.yaml', 'log-groups.yaml', 'query-definitions.yaml', 'resource-policies.yaml', 'trails.yaml',
  ]);
  assert.is(readFileSync(join(out(), 'defaults.yaml'), 'utf8').split('\n')[2], 'defaults: { tags: { managed-by: hand } }');
  const plan = await lw('plan', out(), '--json');
  assert.is(plan.code, 0, plan.out + plan.err);
  const doc = JSON.parse(plan.out);
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.resource_changes.filter((c: { action: string }) => c.action !== 'no-op').map((c: { address: string }) => c.address), [], 'no change but adoptions');
  assert.equal(doc.summary, { add: 0, change: 0, replace: 0, destroy: 0, adopt: doc.resource_changes.length });
  assert.equal(doc.calls, []);
  const applied = await lw('apply', out(), '--auto-approve');
  assert.is(applied.code, 0, applied.out + applied.err);
  const again = await lw('plan', out(), '--detailed-exitcode');
  assert.is(again.code, 0, again.out);
  assert.match(again.out, 'No changes. The target matches the manifests.');
  const valid = await runCli('validate', out(), '--no-color');
  assert.is(valid.code, 0, valid.out);
});

const EXAMPLES = readdirSync('examples', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** The scopes an applied example placed resources in, as --scope arguments (from its plan). */
async function scopeArgs(dir: string): Promise<string[]> {
  const doc = JSON.parse((await lw('plan', dir, '--json')).out);
  return (doc.scopes ?? []).flatMap((s: { account: string; region: string }) => ['--scope', `${s.account}/${s.region}`]);
}

for (const example of EXAMPLES) {
  test(`examples/${example}: applied, its ownership forgotten, imported into an empty directory: adoptions only, then apply, then no changes`, async () => {
    const dir = `examples/${example}`;
    const applied = await lw('apply', dir, '--auto-approve');
    assert.is(applied.code, 0, applied.out);
    const scopes = await scopeArgs(dir);
    // the account as logwarden finds it in a brownfield: everything there, nothing owned
    rmSync(join(p.state, 'logwarden.json'));
    const imported = await lw('import', out(), ...scopes);
    assert.is(imported.code, 0, imported.out + imported.err);
    assert.not.match(imported.out, 'Left out');
    const plan = await lw('plan', out(), '--json');
    const doc = JSON.parse(plan.out);
    assert.equal(doc.diagnostics, [], plan.out);
    assert.equal(doc.resource_changes.filter((c: { action: string }) => c.action !== 'no-op').map((c: { address: string }) => c.address), [], `${example}: adoptions only`);
    assert.ok(doc.summary.adopt > 0);
    assert.is((await lw('apply', out(), '--auto-approve')).code, 0);
    const again = await lw('plan', out(), '--detailed-exitcode');
    assert.is(again.code, 0, again.out);
    assert.match(again.out, 'No changes. The target matches the manifests.');
  });
}

test('existing files are never overwritten without --force: the import names them and writes nothing; with it, they are replaced', async () => {
  await buildEstate(3);
  p.write('../imported/log-groups.yaml', 'logGroups:\n  /aws/lambda/fn-0:\n    retentionInDays: 5\n');
  p.write('../imported/notes.yaml', 'logGroups:\n  /app/svc-1/api: {}\n');
  const refused = await lw('import', out());
  assert.is(refused.code, 1);
  assert.match(refused.out, `Error: the import would overwrite 1 file that exists in ${out()}; nothing was written:\n  log-groups.yaml\nMove them away, import into another directory, or pass --force to overwrite them.`);
  assert.not.ok(existsSync(join(out(), 'trails.yaml')), 'nothing written');
  const forced = await lw('import', out(), '--force');
  assert.is(forced.code, 0, forced.out);
  // what the overwritten file declared is imported again; what another file declares is left to it
  assert.match(forced.out, '1 resource the manifests in');
  const groups = readFileSync(join(out(), 'log-groups.yaml'), 'utf8');
  assert.match(groups, '  /aws/lambda/fn-0:\n    retentionInDays: 1\n');
  assert.not.match(groups, '/app/svc-1/api');
  // only the declaration written by hand differs from the target
  const plan = JSON.parse((await lw('plan', out(), '--json')).out);
  assert.equal(plan.resource_changes.filter((c: { action: string }) => c.action !== 'no-op').map((c: { address: string }) => c.address), ['logGroup "/app/svc-1/api"']);
  const again = await lw('import', out());
  assert.is(again.code, 0);
  assert.match(again.out, 'Nothing to import: the target holds nothing that the manifests do not declare already.');
});

test('--prefix and --kinds import part of the account; --group-by prefix puts log groups in a file per prefix', async () => {
  await buildEstate(9);
  const r = await lw('import', out(), '--prefix', '/aws/lambda/', '--kinds', 'logGroup,trails', '--group-by', 'prefix');
  assert.is(r.code, 0, r.out);
  assert.equal(filesOf(out()), ['defaults.yaml', 'externals.yaml', 'log-groups/aws-lambda.yaml']);
  assert.match(readFileSync(join(out(), 'log-groups/aws-lambda.yaml'), 'utf8'), '/aws/lambda/fn-3:');
  const bad = await lw('import', out(), '--kinds', 'metricFilter');
  assert.is(bad.code, 1);
  assert.is(bad.err, 'logwarden: --kinds: metricFilter lives in a log group and is imported with it: ask for logGroup\n');
  const group = await lw('import', out(), '--group-by', 'size');
  assert.is(group.err, "logwarden: --group-by takes kind or prefix, not 'size'\n");
  const plan = await runCli('import', '--out', 'x');
  assert.is(plan.err, 'logwarden: import does not take --out (it takes --target, --endpoint, --region, --profile, --account, --state, --no-color, --prefix, --kinds, --group-by, --scope, --force)\n');
});

test.run();
