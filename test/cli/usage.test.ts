import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseCommandLine } from '../../src/cli/args.js';
import { endpointsOf, openTarget } from '../../src/cli/target.js';
import { runCli as run } from '../helpers/cli.js';

const test = suite('cli: usage mistakes are named, never ignored');
let dir: string;
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwarden-usage-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

test('--version prints the version', async () => {
  const r = await run('--version');
  assert.is(r.code, 0);
  assert.is(r.out, `logwarden ${pkg.version}\n`);
});

test('an unknown option is named as typed, with a suggestion', async () => {
  const r = await run('plan', '--taget', 'aws');
  assert.is(r.code, 1);
  assert.is(r.err, "logwarden: unknown option '--taget'; did you mean '--target'? (see logwarden --help)\n");
});

test('a long option with one dash is named whole (not as -t), quotes balanced', async () => {
  const r = await run('plan', '-target=foo');
  assert.is(r.code, 1);
  assert.is(r.err, "logwarden: unknown option '-target=foo': long options take two dashes, as in '--target=foo'\n");
});

test('options a command does not take are errors', async () => {
  for (const [argv, message] of [
    [['drift', '--out', 'x'], 'logwarden: drift does not take --out (it takes --target, --endpoint, --region, --profile, --account, --state, --no-color, --json, --ignore)\n'],
    [['serve', '--target', 'aws'], 'logwarden: serve does not take --target (it takes --host, --port, --state, --in-memory, --account)\n'],
    [['apply', '--json'], 'logwarden: apply does not take --json (it takes --target, --endpoint, --region, --profile, --account, --state, --no-color, --auto-approve, --allow-replace, --allow-destroy, --only)\n'],
  ] as const) {
    const r = await run(...argv);
    assert.is(r.code, 1, argv.join(' '));
    assert.is(r.err, message);
  }
});

test('a second DIR is an error; so is a missing one', async () => {
  const extra = await run('plan', dir, 'other');
  assert.is(extra.err, "logwarden: plan takes one DIR, got also 'other'\n");
  const missing = await run('validate', join(dir, 'nope'));
  assert.is(missing.code, 1);
  assert.is(missing.err, `logwarden: ${join(dir, 'nope')}: no such directory\n`);
});

test('validate --json: a versioned document of the diagnostics', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'logGroups:\n  /a:\n    retentionInDays: 15\n  /b: {}\n');
  const r = await run('validate', dir, '--json');
  assert.is(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(Object.keys(doc), ['format_version', 'valid', 'error_count', 'warning_count', 'files', 'resources', 'diagnostics']);
  assert.equal([doc.format_version, doc.valid, doc.error_count, doc.resources], ['1.0', false, 1, 1]);
  assert.is(doc.diagnostics[0].summary, 'logGroups["/a"].retentionInDays cannot be 15; the nearest allowed values are 14 and 30');
  assert.equal(doc.diagnostics[0].source, { file: relative(process.cwd(), join(dir, 'a.yaml')), line: 3, col: 22 });
});

test('plan of broken manifests gives no verdict, in text or JSON', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'logGroups:\n  /a:\n    metricFilters:\n      m: { filterPattern: "" }\n');
  const text = await run('plan', dir, '--state', join(dir, 'state'));
  assert.is(text.code, 1);
  assert.not.match(text.out, 'No changes');
  assert.match(text.out, "is missing required key 'metricTransformations'");
  assert.match(text.out, /1 error; nothing was planned\.\n$/);
  const json = JSON.parse((await run('plan', dir, '--state', join(dir, 'state'), '--json')).out);
  assert.equal([json.errored, json.summary, json.resource_changes, json.calls], [true, null, [], []]);
});

test('a saved plan for another target is refused as such, not as stale', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'logGroups:\n  /a: {}\n');
  const plan = join(dir, 'a.plan');
  assert.is((await run('plan', dir, '--state', join(dir, 'state'), '--out', plan)).code, 0);
  const r = await run('apply', plan, '--state', join(dir, 'state'), '--region', 'eu-west-1');
  assert.is(r.code, 1);
  assert.match(r.out, `the saved plan ${plan} is for another target; nothing was changed.`);
  assert.match(r.out, `it was made for local engine (${join(dir, 'state')}), us-east-1 (local|123456789012|us-east-1)`);
  assert.match(r.out, 'this is local engine');
  assert.not.match(r.out, 'stale');
});

test('endpoints are per service, as the SDK picks them', () => {
  const args = parseCommandLine(['plan']);
  assert.equal(endpointsOf(args, { AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://ct:1' }), { logs: undefined, cloudtrail: { url: 'http://ct:1', from: 'AWS_ENDPOINT_URL_CLOUDTRAIL' } });
  assert.equal(endpointsOf(args, { AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs:1' }), {
    logs: { url: 'http://logs:1', from: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS' },
    cloudtrail: { url: 'http://all:1', from: 'AWS_ENDPOINT_URL' },
  });
  const flag = parseCommandLine(['plan', '--endpoint', 'http://e:1']);
  assert.equal(endpointsOf(flag, { AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://ct:1' }).cloudtrail, { url: 'http://e:1', from: '--endpoint' });
});

/** Runs `fn` with some AWS_* variables set (and the others of the list cleared). */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const names = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CLOUDTRAIL', 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', ...Object.keys(vars)];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  for (const n of names) delete process.env[n];
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [n, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
}

test('only AWS_ENDPOINT_URL_CLOUDTRAIL set: CloudTrail goes there, CloudWatch Logs does not', async () => {
  const target = withEnv({ AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9' }, () => openTarget(parseCommandLine(['plan']), 'plan'));
  try {
    assert.is(target.kind, 'endpoint');
    assert.is(target.clients.describe, 'endpoint CloudWatch Logs AWS, CloudTrail http://127.0.0.1:9 (AWS_ENDPOINT_URL_CLOUDTRAIL), us-east-1');
    assert.is((await target.clients.cloudtrail.config.endpoint?.())?.hostname, '127.0.0.1');
    assert.is(target.clients.logs.config.endpoint, undefined, 'CloudWatch Logs keeps AWS\'s own endpoint');
  } finally {
    await target.close();
  }
});

test('--target aws with AWS_ENDPOINT_URL says which endpoint it uses', async () => {
  const target = withEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, () => openTarget(parseCommandLine(['plan', '--target', 'aws', '--region', 'eu-west-1']), 'plan'));
  try {
    assert.is(target.clients.describe, 'AWS through http://127.0.0.1:9 (AWS_ENDPOINT_URL), eu-west-1');
  } finally {
    await target.close();
  }
});

test.run();
