import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveWithRules } from '../../src/manifest/rules-apply.js';
import { formatAddress } from '../../src/model/address.js';
import type { ResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources, type Ownership } from '../../src/plan/changes.js';
import { annotateRules, ruleOverlay } from '../../src/plan/rules.js';
import { CTX, group, NOTHING_OWNED, owning, set, subscription } from './fixtures.js';

const test = suite('plan: logGroupRules over the groups the target holds');

const ARN = `${CTX.region}:${CTX.account}`;
const KEY = `arn:aws:kms:${ARN}:key/k`;
const LAMBDA = `arn:aws:lambda:${ARN}:function:sink`;

/** The rules and desired state of a manifest. */
function manifest(yaml: string) {
  const m = emptyManifest();
  loadFile('m.yaml', yaml, m);
  const r = resolveWithRules(m, CTX, CTX);
  assert.equal([...m.diagnostics, ...r.desired.diagnostics].map((d) => d.summary), []);
  return r;
}

/** What the rules do to `observed`: the changes in the tables' notation and their calls. */
function overlayOf(yaml: string, observed: ResourceSet, ownership: Ownership = NOTHING_OWNED) {
  const r = manifest(yaml);
  const overlay = ruleOverlay(r.rules, r.desired.resources, observed, ownership);
  return {
    overlay,
    changes: overlay.changes.map((c) => `${c.action} ${formatAddress(c.address)} [${c.rules?.join(',')}]${c.attributes.map((a) => ` ${a.path}:${a.rule}`).join('')}`),
    calls: planCalls(overlay.changes, CTX).map((c) => [c.operation, c.input]),
  };
}

const RULES = `logGroupRules:
  lambda:
    match: "/aws/lambda/*"
    exclude: ["/aws/lambda/legacy-*"]
    retentionInDays: 30
    tags: { team: platform }
  encrypted:
    match: "*"
    kmsKeyId: ${KEY}
`;

test('an unmanaged group gets what the rules set and keeps the rest; a compliant one and one no rule matches are left alone', () => {
  const observed = set({
    logGroups: [
      group('/aws/lambda/a', { tags: { owner: 'x' } }),
      group('/aws/lambda/b', { retentionInDays: 30, kmsKeyId: KEY, tags: { team: 'platform' } }),
      group('/aws/lambda/legacy-c', { kmsKeyId: KEY }),
    ],
  });
  const got = overlayOf(RULES, observed);
  assert.equal(got.changes, ['update logGroup "/aws/lambda/a" [encrypted,lambda] kmsKeyId:encrypted retentionInDays:lambda tags:lambda']);
  assert.equal(got.calls, [
    ['PutRetentionPolicy', { logGroupName: '/aws/lambda/a', retentionInDays: 30 }],
    ['AssociateKmsKey', { logGroupName: '/aws/lambda/a', kmsKeyId: KEY }],
    ['TagResource', { resourceArn: `arn:aws:logs:${ARN}:log-group:/aws/lambda/a`, tags: { team: 'platform' } }],
  ]);
  assert.equal([...got.overlay.matched], [['/aws/lambda/a', ['lambda', 'encrypted']], ['/aws/lambda/b', ['lambda', 'encrypted']], ['/aws/lambda/legacy-c', ['encrypted']]]);
  assert.ok(got.overlay.changes.every((c) => c.unmanaged && !c.adopt));
});

test('declared groups are the declaration\'s business, owned undeclared ones are being deleted: rules skip both', () => {
  const yaml = `${RULES}logGroups:\n  /aws/lambda/declared: {}\n`;
  const observed = set({ logGroups: [group('/aws/lambda/declared'), group('/aws/lambda/owned')] });
  const got = overlayOf(yaml, observed, owning('logGroup:/aws/lambda/owned'));
  assert.equal(got.changes, []);
  assert.equal([...got.overlay.matched.keys()], []);
});

test("a DELIVERY group's retention is AWS's; deletion protection on and off", () => {
  const yaml = `logGroupRules:
  keep: { match: "/aws/vendedlogs/*", retentionInDays: 7, deletionProtectionEnabled: true }
  release: { match: "/tmp/*", deletionProtectionEnabled: false }
`;
  const observed = set({ logGroups: [group('/aws/vendedlogs/x', { logGroupClass: 'DELIVERY' }), group('/tmp/y', { deletionProtectionEnabled: true })] });
  const got = overlayOf(yaml, observed);
  assert.equal(got.changes, ['update logGroup "/aws/vendedlogs/x" [keep] deletionProtectionEnabled:keep', 'update logGroup "/tmp/y" [release] deletionProtectionEnabled:release']);
  assert.equal(got.calls, [
    ['PutLogGroupDeletionProtection', { logGroupIdentifier: '/aws/vendedlogs/x', deletionProtectionEnabled: true }],
    ['PutLogGroupDeletionProtection', { logGroupIdentifier: '/tmp/y', deletionProtectionEnabled: false }],
  ]);
});

test("a rule's subscription filter and data protection policy join the group's own filters, which stay", () => {
  const yaml = `externals:
  kinesisStreams: ["arn:aws:kinesis:${ARN}:stream/s"]
  iamRoles: ["arn:aws:iam::${CTX.account}:role/r"]
destinations:
  siem: { targetArn: "arn:aws:kinesis:${ARN}:stream/s", roleArn: "arn:aws:iam::${CTX.account}:role/r" }
logGroupRules:
  ship:
    match: "/aws/lambda/*"
    subscriptionFilters:
      to-siem: { filterPattern: "", destination: siem }
    dataProtectionPolicy: { Name: pii, Version: "2021-06-01", Statement: [] }
`;
  const observed = set({ logGroups: [group('/aws/lambda/a', { subscriptionFilters: { own: subscription('own', LAMBDA) } })] });
  const got = overlayOf(yaml, observed);
  assert.equal(got.changes, ['create dataProtectionPolicy "/aws/lambda/a" [ship]', 'create subscriptionFilter "/aws/lambda/a/to-siem" [ship]']);
  assert.equal(got.calls.map(([op]) => op), ['PutSubscriptionFilter', 'PutDataProtectionPolicy']);
});

test('rules that disagree about a group leave it alone, saying why', () => {
  const yaml = `logGroupRules:\n  a: { match: "*", retentionInDays: 30 }\n  b: { match: "/aws/*", retentionInDays: 7 }\n`;
  const got = overlayOf(yaml, set({ logGroups: [group('/aws/lambda/x'), group('/app/y')] }));
  assert.equal(got.changes, ['update logGroup "/app/y" [a] retentionInDays:a']);
  assert.equal(got.overlay.diagnostics.map((d) => d.summary), ["log group '/aws/lambda/x' (unmanaged): rules 'a' and 'b' both set retentionInDays, differently; narrow one with exclude"]);
});

test("a declared group's change names the rule behind each attribute it did not declare; a new one names its rules", () => {
  const r = manifest(`${RULES}logGroups:\n  /aws/lambda/own: { retentionInDays: 90 }\n  /aws/lambda/new: {}\n`);
  const changes = annotateRules(diffResources(r.desired.resources, set({ logGroups: [group('/aws/lambda/own', { retentionInDays: 90 })] }), NOTHING_OWNED), r.attribution);
  assert.equal(
    changes.map((c) => [formatAddress(c.address), c.action, c.rules, c.attributes.map((a) => [a.path, a.rule])]),
    [
      ['logGroup "/aws/lambda/own"', 'update', ['encrypted', 'lambda'], [['kmsKeyId', 'encrypted'], ['tags', 'lambda']]],
      ['logGroup "/aws/lambda/new"', 'create', ['encrypted', 'lambda'], []],
    ],
  );
});

test.run();
