import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { readFileSync } from 'node:fs';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { manifestJsonSchema, settingsJsonSchema } from '../../src/manifest/jsonschema.js';
import { formatSource } from '../../src/model/diagnostics.js';
import { namesOf, valueOf } from '../plan/fixtures.js';

const ctx = { account: '123456789012', region: 'us-east-1' };

function load(files: Record<string, string>) {
  const m = emptyManifest();
  const declared = new Map();
  for (const [file, text] of Object.entries(files)) loadFile(file, text, m, declared);
  const desired = resolveManifest(m, ctx);
  const diagnostics = [...m.diagnostics, ...desired.diagnostics].map((d) => `${d.source ? formatSource(d.source) : '?'}: ${d.summary}`);
  return { m, desired, diagnostics };
}

const test = suite('manifest loading');

test('a full manifest becomes the canonical desired state', () => {
  const { desired, diagnostics } = load({
    'a.yaml': `
defaults:
  tags: { managed-by: logwarden }
externals:
  s3Buckets: [org-trail-logs]
  kmsKeys: [{ arn: "arn:aws:kms:us-east-1:123456789012:key/k1" }]
logGroups:
  /aws/lambda/payments:
    retentionInDays: 30
    tags: { team: payments }
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: Payments, metricValue: 1, defaultValue: 0 }
    subscriptionFilters:
      to-siem: { filterPattern: "", destination: siem }
destinations:
  siem:
    targetArn: arn:aws:kinesis:us-east-1:123456789012:stream/siem
    roleArn: arn:aws:iam::123456789012:role/cwl
    accessPolicy:
      Version: "2012-10-17"
      Statement:
        Effect: Allow
        Principal: { AWS: "210987654321" }
        Action: logs:PutSubscriptionFilter
        Resource: "*"
`,
    'b.yml': `
trails:
  org-trail:
    s3BucketName: org-trail-logs
    cloudWatchLogsLogGroup: /aws/lambda/payments
    cloudWatchLogsRoleArn: arn:aws:iam::123456789012:role/ct
    eventSelectors: [{ readWriteType: All }]
    insightSelectors: [ApiErrorRateInsight, ApiCallRateInsight]
`,
  });
  assert.equal(diagnostics, []);
  const g = valueOf(desired.resources, 'logGroup', '/aws/lambda/payments');
  assert.equal(g.tags, { 'managed-by': 'logwarden', team: 'payments' });
  assert.is(g.logGroupClass, 'STANDARD');
  assert.is(valueOf(desired.resources, 'metricFilter', '/aws/lambda/payments/errors').metricTransformations[0]!.metricValue, '1');
  const sub = valueOf(desired.resources, 'subscriptionFilter', '/aws/lambda/payments/to-siem');
  assert.is(sub.destinationArn, 'arn:aws:logs:us-east-1:123456789012:destination:siem');
  assert.is(sub.distribution, 'ByLogStream');
  assert.equal(valueOf(desired.resources, 'destination', 'siem').accessPolicy, {
    Statement: [{ Action: ['logs:PutSubscriptionFilter'], Effect: 'Allow', Principal: { AWS: ['210987654321'] }, Resource: ['*'] }],
    Version: '2012-10-17',
  });
  const t = valueOf(desired.resources, 'trail', 'org-trail');
  assert.is(t.cloudWatchLogsLogGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/payments');
  assert.is(t.eventSelectors, undefined, 'the default selector reads as no custom selectors');
  assert.equal(t.insightSelectors, ['ApiCallRateInsight', 'ApiErrorRateInsight']);
  assert.is(t.logging, true);
  assert.equal(desired.externals.s3Buckets, ['org-trail-logs']);
  assert.equal(desired.externals.kmsKeys, [{ arn: 'arn:aws:kms:us-east-1:123456789012:key/k1', enabled: true }]);
});

const BROKEN: [name: string, files: Record<string, string>, expected: string[]][] = [
  // an unclosed bracket is pointed at where it opened, not where the parser gave up (past the end)
  ['YAML syntax', { 'x.yaml': 'logGroups:\n  a: [1, 2\n' }, ["x.yaml:2:6: YAML: this '[' is never closed: expected ']' before line 3, column 1"]],
  [
    'YAML syntax: one mistake, one error (what follows from it is counted, not repeated)',
    { 'x.yaml': 'logGroups:\n  a:\n    tags: { team: [payments, x }\n  b: {}\n' },
    ["x.yaml:3:19: YAML: this '[' is never closed: expected ']' before line 3, column 32 (1 more YAML error after it, probably caused by this one)"],
  ],
  [
    'YAML nested deeper than any manifest needs: one error, no stack overflow',
    { 'x.yaml': `logGroups:\n  a:\n    tags: ${'['.repeat(5000)}${']'.repeat(5000)}\n` },
    ['x.yaml:3:75: YAML: nested more than 64 levels deep here; a manifest needs a handful (the file was not read)'],
  ],
  [
    'an alias bomb in a policy document is an error at the document, naming the file',
    { 'x.yaml': 'x: &a [a, a, a, a, a, a, a, a, a, a]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nlogGroups:\n  g:\n    dataProtectionPolicy: { k: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c] }\n' },
    [
      "x.yaml:1:1: unknown key 'x' in the manifest",
      "x.yaml:2:1: unknown key 'y' in the manifest",
      "x.yaml:3:1: unknown key 'z' in the manifest",
      'x.yaml:6:27: logGroups.g.dataProtectionPolicy cannot be read: Excessive alias count indicates a resource exhaustion attack (aliases here expand to too many values)',
    ],
  ],
  [
    'a 1 MB value is shown by its start and length, not echoed',
    { 'x.yaml': `logGroups:\n  a:\n    logGroupClass: ${'x'.repeat(1_000_000)}\n` },
    [`x.yaml:3:20: logGroups.a.logGroupClass cannot be '${'x'.repeat(80)}… (1000000 characters)'`],
  ],
  ['retention between two allowed values suggests both', { 'x.yaml': 'logGroups:\n  a:\n    retentionInDays: 15\n' }, ['x.yaml:3:22: logGroups.a.retentionInDays cannot be 15; the nearest allowed values are 14 and 30']],
  [
    'unknown key with did-you-mean',
    { 'x.yaml': 'logGroups:\n  a:\n    retentionInDay: 30\n' },
    ["x.yaml:3:5: unknown key 'retentionInDay' in logGroups.a; did you mean 'retentionInDays'?"],
  ],
  ['unknown section', { 'x.yaml': 'logGroup:\n  a: {}\n' }, ["x.yaml:1:1: unknown key 'logGroup' in the manifest; did you mean 'logGroups'?"]],
  [
    'wrong type',
    { 'x.yaml': 'logGroups:\n  a:\n    retentionInDays: thirty\n' },
    ["x.yaml:3:22: logGroups.a.retentionInDays must be a whole number, not 'thirty'"],
  ],
  [
    'retention AWS would reject',
    { 'x.yaml': 'logGroups:\n  a:\n    retentionInDays: 2\n' },
    ["x.yaml:3:22: logGroups.a.retentionInDays cannot be 2; the nearest allowed values are 1 and 3"],
  ],
  [
    'both kinds of event selectors',
    {
      'x.yaml':
        'trails:\n  t1:\n    s3BucketName: b\n    eventSelectors: [{ readWriteType: All }]\n    advancedEventSelectors: [{ fieldSelectors: [{ field: eventCategory, equals: [Management] }] }]\n',
    },
    ["x.yaml:3:5: trails.t1 sets 'eventSelectors' and 'advancedEventSelectors'; use only one"],
  ],
  [
    'a third subscription filter',
    {
      'x.yaml':
        'logGroups:\n  a:\n    subscriptionFilters:\n      f1: { filterPattern: "", destinationArn: "arn:aws:lambda:us-east-1:123456789012:function:f" }\n      f2: { filterPattern: "", destinationArn: "arn:aws:lambda:us-east-1:123456789012:function:f" }\n      f3: { filterPattern: "", destinationArn: "arn:aws:lambda:us-east-1:123456789012:function:f" }\n',
    },
    ["x.yaml:6:7: log group 'a' declares 3 subscriptionFilters; AWS allows at most 2 per log group"],
  ],
  [
    'reference to nothing',
    { 'x.yaml': 'logGroups:\n  a:\n    subscriptionFilters:\n      f: { filterPattern: "", destination: siem }\n' },
    ["x.yaml:4:31: subscription filter 'f' of 'a' names destination 'siem', which is not declared under destinations"],
  ],
  [
    'a name declared twice',
    { 'one.yaml': 'logGroups:\n  a: {}\n', 'two.yaml': '# again\nlogGroups:\n  a: { retentionInDays: 1 }\n' },
    ["two.yaml:3:3: logGroups 'a' is declared twice: at one.yaml:2:3 and at two.yaml:3:3"],
  ],
  [
    'missing required key',
    { 'x.yaml': 'destinations:\n  d:\n    targetArn: arn:aws:kinesis:us-east-1:123456789012:stream/s\n' },
    ["x.yaml:3:5: destinations.d is missing required key 'roleArn'"],
  ],
  [
    'all problems reported together',
    { 'x.yaml': 'logGroups:\n  a:\n    retentionInDays: 2\n  b:\n    logGroupClass: STANDART\n' },
    [
      "x.yaml:3:22: logGroups.a.retentionInDays cannot be 2; the nearest allowed values are 1 and 3",
      "x.yaml:5:20: logGroups.b.logGroupClass cannot be 'STANDART'; did you mean 'STANDARD'?",
    ],
  ],
];

for (const [name, files, expected] of BROKEN) {
  test(`diagnostic: ${name}`, () => {
    assert.equal(load(files).diagnostics, expected);
  });
}

test('several documents in one file share the work', () => {
  const { desired, diagnostics } = load({ 'x.yaml': 'logGroups:\n  a: {}\n---\nlogGroups:\n  b: {}\n' });
  assert.equal(diagnostics, []);
  assert.equal(namesOf(desired.resources, 'logGroup'), ['a', 'b']);
});

test('sourceOf points at a member of a resource', () => {
  const { desired } = load({ 'x.yaml': 'logGroups:\n  a:\n    tags: { x: y }\n    retentionInDays: 5\n' });
  assert.equal(desired.sourceOf({ kind: 'logGroup', name: 'a' }, 'retentionInDays'), { file: 'x.yaml', line: 4, col: 5 });
  assert.equal(desired.sourceOf({ kind: 'logGroup', name: 'a' }), { file: 'x.yaml', line: 2, col: 3 });
});

test('the published JSON Schema is current', () => {
  const published = JSON.parse(readFileSync('schema/manifest.schema.json', 'utf8'));
  assert.equal(published, manifestJsonSchema(), 'run npm run gen:schema');
  assert.equal(JSON.parse(readFileSync('schema/logwarden.schema.json', 'utf8')), settingsJsonSchema(), 'run npm run gen:schema');
});

test.run();
