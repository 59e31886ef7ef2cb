import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { join, relative } from 'node:path';
import { outOfBand, project, runCli, type Project } from '../helpers/cli.js';

/**
 * What a reviewer sees of a plan on the local engine: guardrails failing it at the manifest line,
 * the cost impact of retention and class changes and deletes from what DescribeLogGroups reports,
 * and the Markdown for a pull request.
 */
const test = suite('cli: guardrails, cost and Markdown of plan, validate and apply');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const RULES = `guardrails:
  rules:
    cw-loggroup-retention-period-check: { MinRetentionTime: 7 }
    cloudwatch-log-group-encrypted: { severity: warning, names: [/app/api] }
`;
const GROUPS = `logGroups:
  /app/api:
    retentionInDays: 30
  /app/batch:
    retentionInDays: 14
  /app/old:
    retentionInDays: 7
`;

test('a guardrail error fails plan, validate and apply at the resource\'s line; nothing is changed', async () => {
  p.write('rules.yaml', RULES);
  p.write('groups.yaml', GROUPS.replace('retentionInDays: 14', 'retentionInDays: 3'));
  const file = relative(process.cwd(), join(p.manifests, 'groups.yaml'));
  const error = ['Error: guardrail cw-loggroup-retention-period-check: retention is 3 days; at least 7 required', `  on ${file}:5:5, logGroup "/app/batch"`].join('\n');
  const plan = await lw('plan', p.manifests);
  assert.is(plan.code, 1);
  assert.match(plan.out, error);
  assert.match(plan.out, '1 error; nothing was planned.');
  const json = JSON.parse((await lw('plan', p.manifests, '--json')).out);
  assert.equal([json.errored, json.summary, json.cost], [true, null, null]);
  assert.equal(json.guardrails.violations[0], {
    rule: 'cw-loggroup-retention-period-check',
    severity: 'error',
    address: 'logGroup "/app/batch"',
    kind: 'logGroup',
    name: '/app/batch',
    message: 'retention is 3 days; at least 7 required',
    source: { file, line: 5, col: 5 },
  });
  const validate = await runCli('validate', p.manifests, '--no-color');
  assert.is(validate.code, 1);
  assert.match(validate.out, error);
  const apply = await lw('apply', p.manifests, '--auto-approve');
  assert.is(apply.code, 1);
  assert.not.match(apply.out, 'Apply complete');
  assert.is((await lw('plan', p.manifests, '--json')).code, 1);
});

test('cost and Markdown: stored bytes from the target, a retention cut, a class change and a delete', async () => {
  p.write('rules.yaml', RULES);
  p.write('groups.yaml', GROUPS);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const message = 'x'.repeat(1000);
  await outOfBand(p.state, ['/app/api', '/app/batch', '/app/old'].flatMap((logGroupName, i) => [
    ['logs', 'CreateLogStream', { logGroupName, logStreamName: 's' }],
    ['logs', 'PutLogEvents', { logGroupName, logStreamName: 's', logEvents: Array.from({ length: i + 1 }, () => ({ timestamp: Date.now(), message })) }],
  ] as const));
  p.write('groups.yaml', GROUPS.replace('retentionInDays: 30', 'retentionInDays: 7').replace('retentionInDays: 14', 'retentionInDays: 14\n    logGroupClass: INFREQUENT_ACCESS').replace('  /app/old:\n    retentionInDays: 7\n', ''));
  const text = await lw('plan', p.manifests, '--allow-replace', '--allow-destroy');
  assert.is(text.code, 0, text.out + text.err);
  assert.match(
    text.out,
    [
      'Cost impact (CloudWatch Logs list prices for us-east-1 of 2025-10-28, https://aws.amazon.com/cloudwatch/pricing/):',
      '  ~ logGroup "/app/api": retention 30 days -> 7 days: 1000 bytes stored, none deleted; storage -<$0.0001/month',
      '  -/+ logGroup "/app/batch": class STANDARD -> INFREQUENT_ACCESS (replaced): 1.95 KiB stored, all deleted; storage $0.00/month; ingestion $0.50 -> $0.25 per GB (volume not known)',
      '  - logGroup "/app/old": deleted: 2.93 KiB stored, all deleted; storage $0.00/month',
      '',
      'Plan: 0 to add, 1 to change, 1 to replace, 1 to destroy.',
      'Cost: storage -<$0.0001/month; 4.88 KiB of stored events deleted; ingestion price changes per GB (volume not known).',
      'Guardrails: 2 rules checked, 1 warning.',
    ].join('\n'),
  );
  const doc = JSON.parse((await lw('plan', p.manifests, '--json', '--allow-destroy')).out);
  assert.equal(doc.cost.items.map((i: any) => [i.name, i.cause, i.stored_bytes, i.deleted_bytes]), [
    ['/app/api', 'retention', 1000, 0],
    ['/app/batch', 'class', 2000, 2000],
    ['/app/old', 'delete', 3000, 3000],
  ]);
  // items round to whole micro-USD: 3000 bytes at $0.03 a GB-month is 0.08 of one; 23 days less of 1000 bytes a day, 0.64
  assert.equal(doc.cost.total, { stored_bytes: 6000, deleted_bytes: 5000, storage_monthly_usd: -0.000001, storage_growth_monthly_usd: 0 });
  const md = await lw('plan', p.manifests, '--format', 'markdown', '--allow-destroy');
  assert.is(md.code, 0, md.err);
  assert.ok(md.out.startsWith('### logwarden plan: 0 to add, 1 to change, 1 to replace, 1 to destroy.\n\n**Cost:** storage -&lt;$0.0001/month; 4.88 KiB of stored events deleted; ingestion price changes per GB (volume not known). · **Guardrails:** 2 rules checked, 1 warning.\n'), md.out);
  assert.match(md.out, '<details><summary><code>-/+ logGroup "/app/batch"</code> must be replaced</summary>');
  assert.match(md.out, '| <code>logGroup "/app/old"</code> | deleted | 2.93 KiB | 2.93 KiB | storage $0.00/month |');
  assert.match(md.out, '| <code>cloudwatch-log-group-encrypted</code> | warning | 1 | ⚠️ 1 violation |');
});

test('--format: text, json or markdown; --json is --format json', async () => {
  p.write('groups.yaml', GROUPS);
  const bad = await lw('plan', p.manifests, '--format', 'yaml');
  assert.is(bad.code, 1);
  assert.is(bad.err, "logwarden: --format takes text, json, markdown, not 'yaml'\n");
  const both = await lw('plan', p.manifests, '--json', '--format', 'markdown');
  assert.is(both.err, 'logwarden: --json and --format markdown contradict each other\n');
  const json = await lw('plan', p.manifests, '--format', 'json');
  assert.is(JSON.parse(json.out).format_version, '1.3');
});

test.run();
