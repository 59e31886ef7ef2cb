import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outOfBand, project, runCli, type Project } from '../helpers/cli.js';

const EXAMPLES = readdirSync('examples', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Resources each example creates on its own (the whole directory must create their sum). */
const created = new Map<string, number>();

/**
 * Applies DIR to a fresh local state, then checks the loop closes: planning again shows no changes
 * and drift finds everything in sync. Returns how many resources the apply added.
 */
async function applyThenSettle(dir: string, p: Project): Promise<number> {
  const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');
  const applied = await lw('apply', dir, '--auto-approve');
  assert.is(applied.code, 0, applied.out + applied.err);
  const added = /Apply complete! Resources: (\d+) added, 0 changed, 0 replaced, 0 destroyed\./.exec(applied.out);
  assert.ok(added, applied.out);
  const n = Number(added[1]);
  assert.match(applied.out, `Converged: re-read ${n} resources; the target matches the manifests.`);

  const again = await lw('plan', dir, '--detailed-exitcode');
  assert.is(again.code, 0, again.out + again.err);
  assert.match(again.out, 'No changes. The target matches the manifests.');

  const drift = await lw('drift', dir);
  assert.is(drift.code, 0, drift.out + drift.err);
  assert.match(drift.out, `No drift: ${n} resources in sync with the manifests.`);
  return n;
}

/** Runs `body` with a scratch project, removed afterwards. */
async function withProject<T>(body: (p: Project) => Promise<T>): Promise<T> {
  const p = project();
  try {
    return await body(p);
  } finally {
    p.remove();
  }
}

test('there are 3 to 6 examples, each with a schema line and a header saying what it shows', () => {
  assert.ok(EXAMPLES.length >= 3 && EXAMPLES.length <= 6, EXAMPLES.join(', '));
  for (const example of EXAMPLES) {
    for (const file of readdirSync(join('examples', example)).filter((f) => /\.ya?ml$/.test(f))) {
      const [schema, header] = readFileSync(join('examples', example, file), 'utf8').split('\n');
      assert.is(schema, '# yaml-language-server: $schema=../../schema/manifest.schema.json', `${example}/${file}`);
      assert.match(header!, /^# \S/, `${example}/${file} has no header comment`);
    }
  }
});

for (const example of EXAMPLES) {
  test(`examples/${example} validates`, async () => {
    const r = await runCli('validate', `examples/${example}`);
    assert.is(r.code, 0, r.out + r.err);
  });

  test(`examples/${example} applies to a fresh state; then plan shows no changes and drift none`, async () => {
    created.set(example, await withProject((p) => applyThenSettle(`examples/${example}`, p)));
  });
}

test('all of examples/ applies together (no name collisions, within AWS limits), then settles', async () => {
  const n = await withProject((p) => applyThenSettle('examples', p));
  assert.is(n, [...created.values()].reduce((a, b) => a + b, 0));
});

test('data-protection: a policy deleted behind logwarden is drift (exit 2), and the next apply puts it back', () =>
  withProject(async (p) => {
    const dir = 'examples/data-protection';
    const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');
    await applyThenSettle(dir, p);
    await outOfBand(p.state, [['logs', 'DeleteDataProtectionPolicy', { logGroupIdentifier: '/app/customer-profile' }]]);
    const d = await lw('drift', dir);
    assert.is(d.code, 2, d.out + d.err);
    assert.match(d.out, '# dataProtectionPolicy "/app/customer-profile" is missing: declared, but not in the target');
    assert.match(d.out, 'Drift: 0 changed, 1 missing, 0 orphaned, 0 unmanaged; 4 in sync.');
    const fix = await lw('apply', dir, '--auto-approve');
    assert.is(fix.code, 0, fix.out + fix.err);
    assert.match(fix.out, 'Apply complete! Resources: 1 added, 0 changed, 0 replaced, 0 destroyed.');
    assert.is((await lw('drift', dir)).code, 0);
  }));

test('dns-and-events: a resource policy re-put in another form is not drift; a dropped principal is', () =>
  withProject(async (p) => {
    const dir = 'examples/dns-and-events';
    await applyThenSettle(dir, p);
    const document = {
      Statement: [
        {
          Resource: ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/*:*'],
          Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
          Principal: { Service: ['delivery.logs.amazonaws.com', 'events.amazonaws.com'] },
          Effect: 'Allow',
          Sid: 'EventBridgeRulesToCloudWatchLogs',
        },
      ],
      Version: '2012-10-17',
    };
    await outOfBand(p.state, [['logs', 'PutResourcePolicy', { policyName: 'eventbridge-to-logs', policyDocument: JSON.stringify(document, null, 4) }]]);
    const same = await runCli('drift', dir, '--state', p.state, '--no-color');
    assert.is(same.code, 0, same.out + same.err);
    const narrowed = { ...document, Statement: [{ ...document.Statement[0], Principal: { Service: 'events.amazonaws.com' } }] };
    await outOfBand(p.state, [['logs', 'PutResourcePolicy', { policyName: 'eventbridge-to-logs', policyDocument: JSON.stringify(narrowed) }]]);
    const changed = await runCli('drift', dir, '--state', p.state, '--no-color');
    assert.is(changed.code, 2, changed.out + changed.err);
    assert.match(changed.out, '# resourcePolicy "eventbridge-to-logs" has changed outside logwarden');
    assert.match(changed.out, '+ "delivery.logs.amazonaws.com",');
    assert.match(changed.out, 'Drift: 1 changed, 0 missing, 0 orphaned, 0 unmanaged; 4 in sync.');
  }));

test.run();
