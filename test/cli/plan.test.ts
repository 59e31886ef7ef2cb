import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../helpers/cli.js';

const test = suite('cli: validate and plan against the local engine');
let dir: string;
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwarden-cli-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

const MANIFEST = `
logGroups:
  /app/api:
    retentionInDays: 30
    tags: { team: api }
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: App, metricValue: "1" }
`;

test('validate: a valid manifest exits 0', async () => {
  writeFileSync(join(dir, 'a.yaml'), MANIFEST);
  const r = await run('validate', dir);
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'The manifests are valid (1 file(s)).');
});

test('validate: what AWS would reject is reported at file:line:col, exit 1', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'logGroups:\n  "bad name!":\n    retentionInDays: 30\n');
  const r = await run('validate', dir);
  assert.is(r.code, 1);
  assert.match(r.out, "CreateLogGroup for logGroup \"bad name!\" would fail: InvalidParameterException: 1 validation error detected: Value at 'logGroupName' failed to satisfy constraint");
  assert.match(r.out, /a\.yaml:2:3/);
});

test('plan: first line names the target; changes exit 2 with --detailed-exitcode', async () => {
  writeFileSync(join(dir, 'a.yaml'), MANIFEST);
  const r = await run('plan', dir, '--state', join(dir, 'state'), '--detailed-exitcode', '--no-color');
  assert.is(r.code, 2, r.out + r.err);
  assert.is(r.out.split('\n')[0], `Target: local engine (${join(dir, 'state')}), us-east-1`);
  assert.match(r.out, '  + logGroup "/app/api" {');
  assert.match(r.out, 'Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.');
});

test('plan --json: versioned document with ordered calls and read-call counts', async () => {
  writeFileSync(join(dir, 'a.yaml'), MANIFEST);
  const r = await run('plan', dir, '--state', join(dir, 'state'), '--json');
  assert.is(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.is(doc.format_version, '1.3');
  assert.equal(
    doc.calls.map((c: { operation: string; depends_on: string[] }) => [c.operation, c.depends_on]),
    [
      ['CreateLogGroup', []],
      ['PutRetentionPolicy', ['c1']],
      ['PutMetricFilter', ['c1']],
    ],
  );
  assert.is(doc.read_calls['logs:DescribeLogGroups'], 1);
  // no trail is declared or owned: trails are not listed at all
  assert.is(doc.read_calls['cloudtrail:DescribeTrails'], undefined);
});

test('plan: a bad manifest is diagnostics, not a stack trace', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'logGroups:\n  a:\n    retentionInDay: 30\n');
  const r = await run('plan', dir, '--state', join(dir, 'state'), '--no-color');
  assert.is(r.code, 1);
  assert.match(r.out, "Error: unknown key 'retentionInDay' in logGroups.a; did you mean 'retentionInDays'?");
  assert.match(r.out, /on .*a\.yaml:3:5/);
});

test.run();
