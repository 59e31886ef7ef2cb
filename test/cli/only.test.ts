import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { join } from 'node:path';
import { onLocalTarget, project, runCli, type Project } from '../helpers/cli.js';

/** `--only`: a plan (and apply) limited to some resources and what they need, saying it is partial. */
const test = suite('cli: partial plans (--only) against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const MANIFEST = `externals:
  kinesisStreams: ["arn:aws:kinesis:us-east-1:123456789012:stream/s"]
  iamRoles: ["arn:aws:iam::123456789012:role/r"]
destinations:
  siem: { targetArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", roleArn: "arn:aws:iam::123456789012:role/r" }
logGroups:
  /app/api:
    retentionInDays: 30
    subscriptionFilters:
      ship: { filterPattern: "", destination: siem }
  /app/web: { retentionInDays: 7 }
  /batch/nightly: {}
`;

const groups = () => onLocalTarget(p.state, async (send) => (await send('logs', 'DescribeLogGroups', {})).logGroups.map((g: { logGroupName: string }) => g.logGroupName));

test('the plan says it is partial on its first lines and in JSON; a saved partial plan applies only that; the next plan shows the rest', async () => {
  p.write('logs.yaml', MANIFEST);
  const text = await lw('plan', p.manifests, '--only', 'subscriptionFilter "/app/api/*"');
  assert.is(text.code, 0, text.out);
  assert.equal(text.out.split('\n').slice(0, 3), [
    `Target: local engine (${p.state}), us-east-1`,
    'Partial plan (--only subscriptionFilter "/app/api/*"): these resources and what they need; 2 other changes are left out.',
    '',
  ]);
  assert.match(text.out, 'Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.');
  const json = JSON.parse((await lw('plan', p.manifests, '--only', 'subscriptionFilter "/app/api/*"', '--json')).out);
  assert.equal(json.partial, { only: ['subscriptionFilter "/app/api/*"'], left_out: 2 });
  assert.equal(json.resource_changes.map((c: any) => c.address), ['logGroup "/app/api"', 'subscriptionFilter "/app/api/ship"', 'destination "siem"']);
  const file = join(p.root, 'plan.json');
  assert.is((await lw('plan', p.manifests, '--only', 'subscriptionFilter "/app/api/*"', '--out', file)).code, 0);
  const applied = await lw('apply', file);
  assert.is(applied.code, 0, applied.out);
  assert.match(applied.out, 'Partial plan (--only subscriptionFilter "/app/api/*")');
  assert.equal(await groups(), ['/app/api']);
  const rest = await lw('plan', p.manifests);
  assert.match(rest.out, 'Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.');
  assert.not.match(rest.out, 'Partial plan');
});

test('apply DIR --only, with bare name globs; what is left out stays as it is', async () => {
  p.write('logs.yaml', MANIFEST);
  const r = await lw('apply', p.manifests, '--auto-approve', '--only', '/app/web', '--only', '/batch/*');
  assert.is(r.code, 0, r.out);
  assert.equal(await groups(), ['/app/web', '/batch/nightly']);
});

test('a pattern that is none, and --only with a saved plan, are usage errors', async () => {
  const bad = await lw('plan', p.manifests, '--only', 'logGrop "/a"');
  assert.is(bad.code, 1);
  assert.match(bad.err, "logwarden: --only logGrop \"/a\": 'logGrop' is not a kind of resource; did you mean 'logGroup'?");
  p.write('logs.yaml', MANIFEST);
  const file = join(p.root, 'plan.json');
  assert.is((await lw('plan', p.manifests, '--out', file)).code, 0);
  const saved = await lw('apply', file, '--only', '/app/web');
  assert.is(saved.code, 1);
  assert.is(saved.err, 'logwarden: a saved plan is applied exactly as it was planned: give --only and --allow-destroy to plan --out instead\n');
});

test.run();
