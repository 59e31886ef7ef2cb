import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onLocalTarget, outOfBand, project, runCli, type Project } from '../helpers/cli.js';

/**
 * logGroupRules end to end on the local engine: the groups Lambda creates on its own (made here
 * through the SDK, out of band) are updated by the rules and nothing else is; drift tells which
 * comply; `--ignore` and `.driftignore` leave out what a team does not care about.
 */
const test = suite('cli: logGroupRules and drift --ignore against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const RULES = `logGroupRules:
  lambda-retention:
    match: "/aws/lambda/*"
    exclude: ["/aws/lambda/legacy-*"]
    retentionInDays: 30
    tags: { owner: platform }
logGroups:
  /aws/lambda/declared:
    retentionInDays: 90
  /aws/lambda/bare: {}
`;

/** Groups AWS services and people made behind logwarden's back. */
const byHand = () =>
  outOfBand(p.state, [
    ['logs', 'CreateLogGroup', { logGroupName: '/aws/lambda/orders' }],
    ['logs', 'CreateLogGroup', { logGroupName: '/aws/lambda/payments', tags: { team: 'payments' } }],
    ['logs', 'PutRetentionPolicy', { logGroupName: '/aws/lambda/payments', retentionInDays: 7 }],
    ['logs', 'CreateLogGroup', { logGroupName: '/aws/lambda/legacy-batch' }],
    ['logs', 'CreateLogGroup', { logGroupName: '/ecs/web' }],
  ]);

/** Every group's retention and tags, straight from the engine. */
const groups = () =>
  onLocalTarget(p.state, async (send) => {
    const out: Record<string, [number | undefined, Record<string, string>]> = {};
    for (const g of (await send('logs', 'DescribeLogGroups', {})).logGroups) {
      out[g.logGroupName] = [g.retentionInDays, (await send('logs', 'ListTagsForResource', { resourceArn: g.logGroupArn })).tags];
    }
    return out;
  });

test('rules update the unmanaged Lambda groups and nothing else; a declaration wins; nothing is created, owned or deleted for a rule', async () => {
  await byHand();
  p.write('logging.yaml', RULES);
  const plan = await lw('plan', p.manifests, '--json');
  assert.is(plan.code, 0, plan.out);
  const doc = JSON.parse(plan.out);
  assert.equal(
    doc.resource_changes.map((c: any) => [c.action, c.name, c.rules, c.unmanaged, c.attributes.map((a: any) => `${a.path}:${a.rule}`)]),
    [
      ['create', '/aws/lambda/declared', ['lambda-retention'], false, []],
      ['create', '/aws/lambda/bare', ['lambda-retention'], false, []],
      ['update', '/aws/lambda/orders', ['lambda-retention'], true, ['retentionInDays:lambda-retention', 'tags:lambda-retention']],
      ['update', '/aws/lambda/payments', ['lambda-retention'], true, ['retentionInDays:lambda-retention', 'tags:lambda-retention']],
    ],
  );
  assert.equal(doc.calls.filter((c: any) => c.address.includes('payments')).map((c: any) => [c.operation, c.input]), [
    ['PutRetentionPolicy', { logGroupName: '/aws/lambda/payments', retentionInDays: 30 }],
    ['TagResource', { resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/payments', tags: { owner: 'platform' } }],
  ]);
  const text = await lw('plan', p.manifests);
  assert.match(text.out, '  # logGroup "/aws/lambda/payments" will be updated in place by rule lambda-retention (unmanaged: only what the rules set)\n  ~ logGroup "/aws/lambda/payments" {\n      ~ retentionInDays = 7 -> 30 # rule lambda-retention\n');
  assert.match(text.out, 'Plan: 2 to add, 2 to change, 0 to replace, 0 to destroy. (4 with logGroupRules settings)');
  const applied = await lw('apply', p.manifests, '--auto-approve');
  assert.is(applied.code, 0, applied.out);
  assert.equal(await groups(), {
    '/aws/lambda/bare': [30, { owner: 'platform' }],
    '/aws/lambda/declared': [90, { owner: 'platform' }],
    '/aws/lambda/legacy-batch': [undefined, {}],
    '/aws/lambda/orders': [30, { owner: 'platform' }],
    '/aws/lambda/payments': [30, { owner: 'platform', team: 'payments' }],
    '/ecs/web': [undefined, {}],
  });
  const owned = Object.keys(JSON.parse(readFileSync(join(p.state, 'logwarden.json'), 'utf8')).targets['local|123456789012|us-east-1']);
  assert.equal(owned, ['logGroup:/aws/lambda/declared', 'logGroup:/aws/lambda/bare'], 'what a rule changed is not owned');
  assert.match((await lw('plan', p.manifests)).out, 'No changes. The target matches the manifests.');
  // without the rule, nothing it touched is deleted or changed back
  p.write('logging.yaml', RULES.replace(/logGroupRules:[\s\S]*?logGroups:/, 'logGroups:'));
  const without = await lw('plan', p.manifests, '--json');
  assert.equal(JSON.parse(without.out).resource_changes.filter((c: any) => c.action !== 'no-op').map((c: any) => [c.action, c.name]), [
    ['update', '/aws/lambda/declared'],
    ['update', '/aws/lambda/bare'],
  ], 'only the declared groups lose what the rule gave them');
});

test("drift: unmanaged groups a rule matches are reported as complying or breaking it; the rest as unmanaged", async () => {
  await byHand();
  p.write('logging.yaml', RULES);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await outOfBand(p.state, [['logs', 'DeleteRetentionPolicy', { logGroupName: '/aws/lambda/orders' }]]);
  const r = await lw('drift', p.manifests);
  assert.is(r.code, 2, r.out);
  assert.fixture(
    r.out,
    [
      `Target: local engine (${p.state}), us-east-1`,
      '',
      '  # logGroup "/aws/lambda/legacy-batch" is unmanaged: neither declared nor owned; logwarden leaves it alone',
      '',
      '  # logGroup "/ecs/web" is unmanaged: neither declared nor owned; logwarden leaves it alone',
      '',
      '  # logGroup "/aws/lambda/orders" is unmanaged, matches rule lambda-retention: breaks it (shown as the next apply would change it)',
      '  ~ logGroup "/aws/lambda/orders" {',
      '      + retentionInDays = 30 # rule lambda-retention',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      '  # logGroup "/aws/lambda/payments" is unmanaged, matches rule lambda-retention: compliant',
      '',
      'Drift: 0 changed, 0 missing, 0 orphaned, 4 unmanaged; 2 in sync.',
      '1 unmanaged log group complies with logGroupRules (not drift).',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await lw('drift', p.manifests, '--json')).out);
  assert.is(json.format_version, '1.2');
  assert.equal(json.resources.filter((e: any) => e.rules.length).map((e: any) => [e.name, e.status, e.rules, e.compliant]), [
    ['/aws/lambda/orders', 'unmanaged', ['lambda-retention'], false],
    ['/aws/lambda/payments', 'unmanaged', ['lambda-retention'], true],
  ]);
  // what a team does not care about, ignored; a group breaking a rule is still reported
  p.write('.driftignore', '# created by hand, nobody owns them\n/ecs/*\nlogGroup "/aws/lambda/*"\n');
  const ignored = await lw('drift', p.manifests, '--ignore', 'logGroup "/aws/lambda/legacy-*"');
  assert.is(ignored.code, 2);
  assert.not.match(ignored.out, '/ecs/web');
  assert.match(ignored.out, '# logGroup "/aws/lambda/orders" is unmanaged, matches rule lambda-retention: breaks it');
  assert.match(ignored.out, '3 unmanaged resources ignored (--ignore, .driftignore).');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const clean = await lw('drift', p.manifests);
  assert.is(clean.code, 0, clean.out);
  assert.match(clean.out, 'No drift: 2 resources in sync with the manifests.');
});

test('a rule subscribes unmanaged groups to a declared destination, which is created first; a rule in a scope applies there only', async () => {
  await outOfBand(p.state, [
    ['logs', 'CreateLogGroup', { logGroupName: '/aws/lambda/orders' }],
    ['logs', 'PutSubscriptionFilter', { logGroupName: '/aws/lambda/orders', filterName: 'own', filterPattern: '', destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:sink' }],
  ], { lambdaFunctions: ['arn:aws:lambda:us-east-1:123456789012:function:sink'] });
  p.write(
    'central.yaml',
    `externals:
  kinesisStreams: ["arn:aws:kinesis:us-east-1:123456789012:stream/s"]
  iamRoles: ["arn:aws:iam::123456789012:role/r"]
  lambdaFunctions: ["arn:aws:lambda:us-east-1:123456789012:function:sink"]
destinations:
  siem: { targetArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", roleArn: "arn:aws:iam::123456789012:role/r" }
logGroupRules:
  ship:
    match: "/aws/lambda/*"
    subscriptionFilters:
      to-siem: { filterPattern: "", destination: siem }
`,
  );
  p.write('eu.yaml', 'scope: { region: eu-west-1 }\nlogGroupRules:\n  eu-retention: { match: "*", retentionInDays: 7 }\n');
  const doc = JSON.parse((await lw('plan', p.manifests, '--json')).out);
  assert.equal(doc.diagnostics, []);
  const calls = doc.calls.map((c: any) => [c.id, c.operation, c.region, c.depends_on]);
  assert.equal(calls, [
    ['c1', 'PutDestination', 'us-east-1', []],
    ['c2', 'PutSubscriptionFilter', 'us-east-1', ['c1']],
  ]);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const filters = await onLocalTarget(p.state, (send) => send('logs', 'DescribeSubscriptionFilters', { logGroupName: '/aws/lambda/orders' }));
  assert.equal(filters.subscriptionFilters.map((f: any) => f.filterName), ['own', 'to-siem'], 'its own filter stays');
});

test('rules that disagree about a group fail the plan, naming both', async () => {
  await byHand();
  p.write('logging.yaml', 'logGroupRules:\n  a: { match: "/aws/*", retentionInDays: 30 }\n  b: { match: "*/payments", retentionInDays: 14 }\n');
  const r = await lw('plan', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.out, "Error: log group '/aws/lambda/payments' (unmanaged): rules 'a' and 'b' both set retentionInDays, differently; narrow one with exclude");
});

test.run();
