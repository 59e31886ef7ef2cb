import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { simulate, simulationDiagnostics } from '../../src/cli/simulate.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { formatAddress } from '../../src/model/address.js';
import { formatSource, hasErrors } from '../../src/model/diagnostics.js';
import { emptyResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Diagnostics of broken manifests that test/manifest/load.test.ts does not cover: what only AWS
 * knows is wrong (a bad log group name, a malformed ARN, a data protection policy that breaks the
 * seed's rules) surfaces from the simulation, at the line of the resource or member; the loader's
 * own checks for the other references and duplicates.
 */

const ctx = { account: '123456789012', region: 'us-east-1' };

/** Every diagnostic of the files, as `validate` finds them: load, resolve, then simulate if clean. */
async function diagnose(files: Record<string, string>): Promise<string[]> {
  const m = emptyManifest();
  const declared = new Map();
  for (const [file, text] of Object.entries(files)) loadFile(file, text, m, declared);
  const desired = resolveManifest(m, ctx);
  const diagnostics = [...m.diagnostics, ...desired.diagnostics];
  if (!hasErrors(diagnostics)) {
    const calls = planCalls(diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }), ctx);
    diagnostics.push(...simulationDiagnostics(await simulate(calls, [{ scope: ctx, externals: desired.externals }]), (_call, address, member) => desired.sourceOf(address, member)));
  }
  return diagnostics.map((d) => `${d.source ? formatSource(d.source) : '?'}: ${d.summary}${d.address ? ` [${formatAddress(d.address)}]` : ''}`);
}

const BUCKET = 'externals:\n  s3Buckets: [trail-logs]\n';
const DP_AUDIT = '        - Sid: audit\n          DataIdentifier: [arn:aws:dataprotection::aws:data-identifier/EmailAddress]\n          Operation: { Audit: { FindingsDestination: {} } }\n';

const CASES: [name: string, files: Record<string, string>, expected: string[]][] = [
  [
    'a log group name AWS rejects',
    { 'x.yaml': 'logGroups:\n  "bad name!":\n    retentionInDays: 30\n' },
    [
      `x.yaml:2:3: CreateLogGroup for logGroup "bad name!" would fail: InvalidParameterException: 1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ [logGroup "bad name!"]`,
    ],
  ],
  [
    'a malformed destination ARN of a subscription filter',
    { 'x.yaml': 'logGroups:\n  /a:\n    subscriptionFilters:\n      f: { filterPattern: "", destinationArn: not-an-arn }\n' },
    ['x.yaml:4:7: PutSubscriptionFilter for subscriptionFilter "/a/f" would fail: InvalidParameterException: destinationArn for vendor not-an-arn cannot be used without roleArn [subscriptionFilter "/a/f"]'],
  ],
  [
    'a malformed target ARN of a destination',
    { 'x.yaml': 'destinations:\n  d:\n    targetArn: arn:aws:kinesis:us-east-1:123456789012\n    roleArn: arn:aws:iam::123456789012:role/r\n' },
    ['x.yaml:2:3: PutDestination for destination "d" would fail: InvalidParameterException: Could not deliver test message to specified destination. Check if the destination is valid. [destination "d"]'],
  ],
  [
    'a KMS key that is not an ARN of a known key',
    { 'x.yaml': 'logGroups:\n  /a:\n    kmsKeyId: key-1234\n' },
    ['x.yaml:2:3: CreateLogGroup for logGroup "/a" would fail: InvalidParameterException: The specified KMS Key Id could not be found. [logGroup "/a"]'],
  ],
  [
    'a trail bucket that is not declared under externals',
    { 'x.yaml': 'trails:\n  org-trail:\n    s3BucketName: not-registered\n' },
    ['x.yaml:2:3: CreateTrail for trail "org-trail" would fail: S3BucketDoesNotExistException: S3 bucket not-registered does not exist! [trail "org-trail"]'],
  ],
  [
    'a data protection policy with one statement',
    { 'x.yaml': `logGroups:\n  /a:\n    dataProtectionPolicy:\n      Name: dp\n      Statement:\n${DP_AUDIT}` },
    [
      'x.yaml:3:5: PutDataProtectionPolicy for dataProtectionPolicy "/a" would fail: InvalidParameterException: The data protection policy must contain exactly two statements: an Audit statement followed by a Deidentify statement. [dataProtectionPolicy "/a"]',
    ],
  ],
  [
    'a data protection policy whose statements name different identifiers',
    {
      'x.yaml': `logGroups:\n  /a:\n    dataProtectionPolicy:\n      Statement:\n${DP_AUDIT}        - Sid: redact\n          DataIdentifier: [arn:aws:dataprotection::aws:data-identifier/IpAddress]\n          Operation: { Deidentify: { MaskConfig: {} } }\n`,
    },
    [
      'x.yaml:3:5: PutDataProtectionPolicy for dataProtectionPolicy "/a" would fail: InvalidParameterException: The DataIdentifier array of the Deidentify statement must exactly match the DataIdentifier array of the Audit statement. [dataProtectionPolicy "/a"]',
    ],
  ],
  [
    'a data protection policy that is a list',
    { 'x.yaml': 'logGroups:\n  /a:\n    dataProtectionPolicy: []\n' },
    ['x.yaml:3:5: PutDataProtectionPolicy for dataProtectionPolicy "/a" would fail: InvalidParameterException: The data protection policy document must be a JSON object. [dataProtectionPolicy "/a"]'],
  ],
  [
    'every resource AWS rejects is reported, together',
    { 'x.yaml': 'logGroups:\n  "bad name!": {}\n  /b:\n    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/missing"\n  /c: {}\n' },
    [
      `x.yaml:2:3: CreateLogGroup for logGroup "bad name!" would fail: InvalidParameterException: 1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ [logGroup "bad name!"]`,
      'x.yaml:3:3: CreateLogGroup for logGroup "/b" would fail: InvalidParameterException: The specified KMS Key Id could not be found. [logGroup "/b"]',
    ],
  ],
  [
    'a trail delivering to a log group that is not declared',
    { 'x.yaml': `${BUCKET}trails:\n  org-trail:\n    s3BucketName: trail-logs\n    cloudWatchLogsLogGroup: /nowhere\n` },
    [
      "x.yaml:6:5: trail 'org-trail' delivers to log group '/nowhere', which is not declared under logGroups (use cloudWatchLogsLogGroupArn for an unmanaged group) [trail \"org-trail\"]",
    ],
  ],
  [
    'a subscription filter without a destination',
    { 'x.yaml': 'logGroups:\n  /a:\n    subscriptionFilters:\n      f: { filterPattern: "" }\n' },
    ["x.yaml:4:7: subscription filter 'f' of '/a' needs 'destination' or 'destinationArn' [subscriptionFilter \"/a/f\"]"],
  ],
  [
    'a name declared twice in two documents of one file',
    { 'x.yaml': 'logGroups:\n  /a: {}\n---\nlogGroups:\n  /a: {}\n' },
    ["x.yaml:5:3: logGroups '/a' is declared twice: at x.yaml:2:3 and at x.yaml:5:3"],
  ],
  [
    'a default tag given two different values in two files (the same value twice is fine)',
    {
      'a.yaml': 'defaults:\n  tags: { owner: team-a, env: prod }\n',
      'b.yaml': 'defaults:\n  tags:\n    owner: team-b\n    env: prod\nlogGroups:\n  /a: {}\n',
    },
    ["b.yaml:3:5: default tag 'owner' is declared twice with different values: 'team-a' at a.yaml:2:11 and 'team-b' at b.yaml:3:5"],
  ],
  [
    'a key given twice inside a policy document',
    { 'x.yaml': 'resourcePolicies:\n  p:\n    policyDocument:\n      Version: "2012-10-17"\n      Version: "2012-10-17"\n' },
    ["x.yaml:5:7: YAML: Map keys must be unique; 'Version' is also at x.yaml:4:7"],
  ],
  ['a key given twice in one mapping', { 'x.yaml': 'logGroups:\n  /a:\n    retentionInDays: 1\n    retentionInDays: 3\n' }, ["x.yaml:4:5: YAML: Map keys must be unique; 'retentionInDays' is also at x.yaml:3:5"]],
  [
    'retention set on a DELIVERY log group',
    { 'x.yaml': 'logGroups:\n  /a:\n    logGroupClass: DELIVERY\n    retentionInDays: 1\n' },
    ["x.yaml:4:5: log group '/a' is of class DELIVERY, whose retention AWS fixes; remove retentionInDays [logGroup \"/a\"]"],
  ],
];

const test = suite('manifest: diagnostics of broken manifests, with file:line:col');
for (const [name, files, expected] of CASES) {
  test(name, async () => {
    assert.equal(await diagnose(files), expected);
  });
}

test('YAML anchors and aliases read as their values (a data protection policy repeats its identifiers)', async () => {
  const dp = 'logGroups:\n  /a:\n    dataProtectionPolicy:\n      Statement:\n        - Sid: audit\n          DataIdentifier: &ids [arn:aws:dataprotection::aws:data-identifier/EmailAddress]\n          Operation: { Audit: { FindingsDestination: {} } }\n        - Sid: redact\n          DataIdentifier: *ids\n          Operation: { Deidentify: { MaskConfig: {} } }\n';
  assert.equal(await diagnose({ 'x.yaml': dp }), []);
  assert.equal(await diagnose({ 'x.yaml': 'logGroups:\n  /a: { retentionInDays: &days 30 }\n  /b: { retentionInDays: *days }\n' }), []);
});

test.run();
