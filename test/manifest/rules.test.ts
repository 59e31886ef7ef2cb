import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { applicableRules, resolveWithRules } from '../../src/manifest/rules-apply.js';
import { resolveRules, ruleMatches } from '../../src/manifest/rules.js';
import { formatSource } from '../../src/model/diagnostics.js';
import { CTX } from '../plan/fixtures.js';

const test = suite('manifest: logGroupRules');

const EXTERNALS = `externals:
  kinesisStreams: ["arn:aws:kinesis:us-east-1:123456789012:stream/s"]
  iamRoles: ["arn:aws:iam::123456789012:role/r"]
destinations:
  siem: { targetArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", roleArn: "arn:aws:iam::123456789012:role/r" }
`;

/** A manifest of YAML files, with every diagnostic as `file:line:col: summary`. */
function load(...files: string[]) {
  const m = emptyManifest();
  const declared = new Map();
  files.forEach((text, i) => loadFile(`f${i}.yaml`, text, m, declared));
  const resolved = resolveWithRules(m, CTX, CTX);
  const problems = [...m.diagnostics, ...resolved.desired.diagnostics].map((d) => `${d.source ? formatSource(d.source) : '-'}: ${d.summary}`);
  return { m, ...resolved, problems };
}

const value = (r: ReturnType<typeof load>, key: string) => r.desired.resources.get(key)?.value as Record<string, unknown> | undefined;

test('a rule resolves to canonical settings; match and exclude are globs over the whole name', () => {
  const r = load(`${EXTERNALS}logGroupRules:
  lambda:
    match: "/aws/lambda/*"
    exclude: ["/aws/lambda/legacy-*"]
    retentionInDays: 30
    tags: { team: platform, a: "1" }
    subscriptionFilters:
      ship: { filterPattern: "", destination: siem }
`);
  assert.equal(r.problems, []);
  const [rule] = r.rules;
  assert.equal(rule!.group, { retentionInDays: 30, tags: { a: '1', team: 'platform' } });
  assert.equal(rule!.subscriptionFilters.get('ship'), { filterName: 'ship', filterPattern: '', destinationArn: 'arn:aws:logs:us-east-1:123456789012:destination:siem', distribution: 'ByLogStream' });
  assert.equal(['/aws/lambda/pay', '/aws/lambda/nested/x', '/aws/lambda/legacy-x', '/aws/lambdas', '/app/aws/lambda/x'].map((n) => ruleMatches(rule!, n)), [true, true, false, false, false]);
});

test('mistakes in rules are diagnostics at file:line:col', () => {
  const r = load(`logGroupRules:
  empty: { match: "/a/*" }
  nowhere:
    match: "/b/*"
    subscriptionFilters:
      ship: { filterPattern: "", destination: missing }
  typo: { match: "/c/*", retentionInDay: 30 }
  nomatch: { retentionInDays: 15 }
`, `logGroupRules:
  empty: { match: "/z/*", retentionInDays: 1 }
`);
  assert.equal(r.problems, [
    "f0.yaml:7:26: unknown key 'retentionInDay' in logGroupRules.typo; did you mean 'retentionInDays'?",
    'f0.yaml:8:31: logGroupRules.nomatch.retentionInDays cannot be 15; the nearest allowed values are 14 and 30',
    'f0.yaml:8:12: logGroupRules.nomatch is missing required key \'match\'',
    'f1.yaml:2:3: logGroupRules \'empty\' is declared twice: at f0.yaml:2:3 and at f1.yaml:2:3',
    'f0.yaml:2:3: logGroupRules \'empty\' sets nothing: give it one of retentionInDays, kmsKeyId, deletionProtectionEnabled, tags, dataProtectionPolicy, subscriptionFilters',
    "f0.yaml:6:34: subscription filter 'ship' of 'logGroupRules.nowhere' names destination 'missing', which is not declared under destinations",
  ]);
});

test("a declared group takes a rule's settings where its declaration says nothing: its own win, tags and filters key by key", () => {
  const r = load(`${EXTERNALS}defaults:
  tags: { owner: lw, team: defaults }
logGroupRules:
  lambda:
    match: "/aws/lambda/*"
    retentionInDays: 30
    kmsKeyId: arn:aws:kms:us-east-1:123456789012:key/k
    tags: { team: platform, tier: "2" }
    subscriptionFilters:
      ship: { filterPattern: "", destination: siem }
      audit: { filterPattern: "AUDIT", destination: siem }
logGroups:
  /aws/lambda/own:
    retentionInDays: 90
    tags: { tier: "1" }
    subscriptionFilters:
      audit: { filterPattern: "", destinationArn: "arn:aws:lambda:us-east-1:123456789012:function:f" }
  /aws/lambda/bare: {}
  /aws/lambda/delivery: { logGroupClass: DELIVERY }
  /app/api: {}
`);
  assert.equal(r.problems, []);
  assert.equal(value(r, 'logGroup:/aws/lambda/own'), { logGroupName: '/aws/lambda/own', logGroupClass: 'STANDARD', tags: { owner: 'lw', team: 'platform', tier: '1' }, retentionInDays: 90, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' });
  assert.equal(value(r, 'subscriptionFilter:/aws/lambda/own/audit')?.destinationArn, 'arn:aws:lambda:us-east-1:123456789012:function:f', 'the declared filter of that name wins');
  assert.ok(r.desired.resources.has('subscriptionFilter:/aws/lambda/own/ship'));
  assert.equal(value(r, 'logGroup:/aws/lambda/bare')?.retentionInDays, 30);
  assert.equal(value(r, 'logGroup:/aws/lambda/delivery')?.retentionInDays, undefined, "a DELIVERY group's retention is AWS's");
  assert.equal(value(r, 'logGroup:/app/api'), { logGroupName: '/app/api', logGroupClass: 'STANDARD', tags: { owner: 'lw', team: 'defaults' } });
  assert.equal([...r.attribution.get('logGroup:/aws/lambda/own')!.attributes], [['kmsKeyId', 'lambda']]);
  assert.equal([...r.attribution.get('logGroup:/aws/lambda/own')!.tags], [['team', 'lambda']]);
  assert.equal(r.attribution.get('subscriptionFilter:/aws/lambda/own/ship')?.whole, 'lambda');
  assert.not.ok(r.attribution.has('subscriptionFilter:/aws/lambda/own/audit'));
});

test('two rules giving one group a setting differently: an error at the group; the same value twice is fine', () => {
  const r = load(`logGroupRules:
  all: { match: "*", retentionInDays: 30, tags: { env: prod } }
  lambda: { match: "/aws/lambda/*", retentionInDays: 7, tags: { env: prod, team: x } }
logGroups:
  /aws/lambda/a: {}
  /app/b: {}
`);
  assert.equal(r.problems, ["f0.yaml:5:3: log group '/aws/lambda/a': rules 'all' and 'lambda' both set retentionInDays, differently; narrow one with exclude, or declare the setting"]);
  const both = applicableRules('/aws/lambda/a', r.rules)!;
  assert.equal(both.conflicts, ["rules 'all' and 'lambda' both set retentionInDays, differently"]);
  assert.equal([...both.tags].map(([k, rule]) => [k, rule.name]), [['env', 'all'], ['team', 'lambda']]);
});

test('rules live in their document\'s scope', () => {
  const m = emptyManifest();
  loadFile('a.yaml', 'scope: { region: eu-west-1 }\nlogGroupRules:\n  eu: { match: "*", retentionInDays: 30 }\n', m);
  loadFile('b.yaml', 'logGroupRules:\n  here: { match: "*", retentionInDays: 7 }\n', m);
  assert.equal(resolveRules(m, CTX, CTX).rules.map((r) => r.name), ['here']);
  assert.equal(resolveRules(m, { ...CTX, region: 'eu-west-1' }, CTX).rules.map((r) => r.name), ['eu']);
});

test.run();
