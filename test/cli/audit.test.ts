import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { join, relative } from 'node:path';
import { outOfBand, project, runCli, type Project } from '../helpers/cli.js';

/**
 * `logwarden audit` end to end on the local engine: the manifests' guardrails over everything the
 * target holds — resources created out of band through the SDK (unmanaged) read in depth too.
 */
const test = suite('cli: audit against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const EMAIL = 'arn:aws:dataprotection::aws:data-identifier/EmailAddress';
const POLICY = JSON.stringify({
  Name: 'mask',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: [EMAIL], Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'mask', DataIdentifier: [EMAIL], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});

const RULES = `
guardrails:
  rules:
    cw-loggroup-retention-period-check: { MinRetentionTime: 30, excludeNames: ["/by-hand/protected"] }
    cloudwatch-log-group-encrypted: { severity: warning, names: ["/app/*"] }
    cloudwatch-log-group-data-protection-enabled: { names: ["/by-hand/protected"], DataIdentifiers: [EmailAddress] }
    cloud-trail-log-file-validation-enabled: {}
    cloudtrail-delivery-bucket-not-logged: {}
    multi-region-cloudtrail-enabled: { severity: warning }
externals:
  s3Buckets: [audit-logs]
logGroups:
  /app/api:
    retentionInDays: 30
`;

/** The manifests applied, then the target changed behind logwarden's back. */
async function prepare(): Promise<void> {
  p.write('logging.yaml', RULES);
  const applied = await lw('apply', p.manifests, '--auto-approve');
  assert.is(applied.code, 0, applied.out + applied.err);
  await outOfBand(p.state, [
    ['logs', 'CreateLogGroup', { logGroupName: '/by-hand/debug' }],
    ['logs', 'CreateLogGroup', { logGroupName: '/by-hand/short' }],
    ['logs', 'PutRetentionPolicy', { logGroupName: '/by-hand/short', retentionInDays: 1 }],
    ['logs', 'CreateLogGroup', { logGroupName: '/by-hand/protected' }],
    ['logs', 'PutDataProtectionPolicy', { logGroupIdentifier: '/by-hand/protected', policyDocument: POLICY }],
    ['cloudtrail', 'CreateTrail', { Name: 'shadow', S3BucketName: 'audit-logs' }],
    ['cloudtrail', 'PutEventSelectors', { TrailName: 'shadow', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }],
  ]);
}

test('unmanaged resources are read in depth and audited; errors exit 2, warnings are reported', async () => {
  await prepare();
  const r = await lw('audit', p.manifests);
  assert.is(r.code, 2, r.out + r.err);
  const file = relative(process.cwd(), join(p.manifests, 'logging.yaml'));
  assert.fixture(
    r.out,
    [
      `Target: local engine (${p.state}), us-east-1`,
      '',
      'Error: guardrail cw-loggroup-retention-period-check: events never expire (no retention set); at least 30 days required, and "never expire" is not allowed',
      '  on logGroup "/by-hand/debug"',
      '  unmanaged: neither declared in the manifests nor owned by logwarden',
      '',
      'Error: guardrail cw-loggroup-retention-period-check: retention is 1 day; at least 30 required',
      '  on logGroup "/by-hand/short"',
      '  unmanaged: neither declared in the manifests nor owned by logwarden',
      '',
      'Warning: guardrail cloudwatch-log-group-encrypted: not encrypted with a KMS key (kmsKeyId is not set)',
      `  on ${file}:13:3, logGroup "/app/api"`,
      '',
      'Error: guardrail cloud-trail-log-file-validation-enabled: log file validation is off: no digest files prove the logs unaltered',
      '  on trail "shadow"',
      '  unmanaged: neither declared in the manifests nor owned by logwarden',
      '',
      'Error: guardrail cloudtrail-delivery-bucket-not-logged: the trail logs S3 data events of its own log files (s3://audit-logs/AWSLogs/): every delivery is logged and delivered again; leave that prefix out',
      '  on trail "shadow"',
      '  unmanaged: neither declared in the manifests nor owned by logwarden',
      '',
      'Warning: guardrail multi-region-cloudtrail-enabled: no trail meets it: trail "shadow" is not a multi-region trail',
      `  on ${file}:9:5`,
      '',
      'Not compliant: 6 rules over 6 resources (4 unmanaged): 4 errors and 2 warnings.',
      '',
    ].join('\n'),
  );
});

test('--json: a versioned document, each violation marked managed or not; the refresh read everything', async () => {
  await prepare();
  const r = await lw('audit', p.manifests, '--json');
  assert.is(r.code, 2, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(Object.keys(doc), ['format_version', 'target', 'errored', 'compliant', 'summary', 'rules', 'violations', 'read_calls', 'diagnostics']);
  assert.is(doc.format_version, '1.0');
  assert.is(doc.compliant, false);
  assert.equal(doc.summary, { rules: 6, resources: 6, unmanaged: 4, errors: 4, warnings: 2 });
  assert.equal(doc.rules.map((x: { rule: string; checked: number; violations: number }) => [x.rule, x.checked, x.violations]), [
    ['cw-loggroup-retention-period-check', 3, 2],
    ['cloudwatch-log-group-encrypted', 1, 1],
    ['cloudwatch-log-group-data-protection-enabled', 1, 0],
    ['cloud-trail-log-file-validation-enabled', 1, 1],
    ['cloudtrail-delivery-bucket-not-logged', 1, 1],
    ['multi-region-cloudtrail-enabled', 1, 1],
  ]);
  assert.equal(doc.violations[0], {
    rule: 'cw-loggroup-retention-period-check',
    severity: 'error',
    address: 'logGroup "/by-hand/debug"',
    kind: 'logGroup',
    name: '/by-hand/debug',
    managed: false,
    message: 'events never expire (no retention set); at least 30 days required, and "never expire" is not allowed',
    source: null,
  });
  assert.equal(doc.violations[2].managed, true);
  assert.equal(doc.violations[5].address, null);
  // in depth: a data protection policy and event selectors of resources logwarden does not manage
  assert.is(doc.read_calls['logs:GetDataProtectionPolicy'], 1);
  assert.is(doc.read_calls['cloudtrail:GetEventSelectors'], 1);
  assert.is(doc.read_calls['logs:ListTagsForResource'], 4);
});

test('compliant: exit 0, warnings allowed; read-only (the target is unchanged)', async () => {
  p.write('logging.yaml', RULES.replace('cloud-trail-log-file-validation-enabled: {}', 'cloud-trail-log-file-validation-enabled: { severity: warning }'));
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const r = await lw('audit', p.manifests);
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Compliant: 6 rules over 1 resource (0 unmanaged), 2 warnings.');
  assert.is((await lw('drift', p.manifests)).code, 0);
});

test('no guardrails, or a broken manifest: exit 1 with the reason', async () => {
  p.write('a.yaml', 'logGroups:\n  /a: {}\n');
  const none = await lw('audit', p.manifests);
  assert.is(none.code, 1);
  assert.match(none.out, 'Error: the manifests configure no guardrails: add a guardrails: section (rules or custom) to audit against');
  p.write('a.yaml', 'guardrails:\n  rules:\n    cloudtrail-enabled: { s3BucketNam: x }\n');
  const broken = await lw('audit', p.manifests, '--json');
  assert.is(broken.code, 1);
  const doc = JSON.parse(broken.out);
  assert.equal([doc.errored, doc.compliant, doc.summary], [true, null, null]);
  assert.match(doc.diagnostics[0].summary, `unknown key 's3BucketNam' in guardrails.rules["cloudtrail-enabled"]; did you mean 's3BucketName'?`);
});

test('audit takes DIR and --json, not plan options', async () => {
  const r = await runCli('audit', '--out', 'x');
  assert.is(r.code, 1);
  assert.is(r.err, 'logwarden: audit does not take --out (it takes --target, --endpoint, --region, --profile, --account, --state, --no-color, --json)\n');
});

test.run();
