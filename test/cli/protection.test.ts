import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createClients } from '../../src/driver/clients.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import { onLocalTarget, outOfBand, project, runCli, type Project } from '../helpers/cli.js';

/**
 * Log data protection end to end on the local engine: a group holding events is deleted or
 * replaced only with --allow-destroy, or once `protected: false` was applied (state remembers it);
 * CloudWatch Logs' own deletion protection round-trips through the engine, plan and drift.
 */
const test = suite('cli: log data protection against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');
const records = () => JSON.parse(readFileSync(join(p.state, 'logwarden.json'), 'utf8')).targets['local|123456789012|us-east-1'];
const groupNames = () => onLocalTarget(p.state, async (send) => (await send('logs', 'DescribeLogGroups', {})).logGroups.map((g: { logGroupName: string }) => g.logGroupName));

/** Events in a group, written behind logwarden's back (as the service logging to it does). */
const events = (logGroupName: string) =>
  outOfBand(p.state, [
    ['logs', 'CreateLogStream', { logGroupName, logStreamName: 's' }],
    ['logs', 'PutLogEvents', { logGroupName, logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x'.repeat(2048) }] }],
  ]);

test('removing a declared group that holds data is refused without --allow-destroy; an empty one goes; --allow-destroy deletes it', async () => {
  p.write('logs.yaml', 'logGroups:\n  /app/audit: {}\n  /app/scratch: {}\n  /app/api: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await events('/app/audit');
  p.write('logs.yaml', 'logGroups:\n  /app/api: {}\n');
  const plan = await lw('plan', p.manifests);
  assert.is(plan.code, 1);
  assert.fixture(
    plan.out,
    [
      `Target: local engine (${p.state}), us-east-1`,
      '',
      'Error: logGroup "/app/audit" holds 2.00 KiB of log events, and this plan deletes it (it is owned and no longer declared): its events would be deleted with it',
      '  on logGroup "/app/audit"',
      '  Plan again with --allow-destroy to delete it and its events; or declare it again with protected: false, apply, and then remove the declaration.',
      '',
      '1 error; nothing was planned.',
      '',
    ].join('\n'),
  );
  const apply = await lw('apply', p.manifests, '--auto-approve');
  assert.is(apply.code, 1);
  assert.equal(await groupNames(), ['/app/api', '/app/audit', '/app/scratch'], 'nothing was deleted');
  const allowed = await lw('apply', p.manifests, '--auto-approve', '--allow-destroy');
  assert.is(allowed.code, 0, allowed.out);
  assert.match(allowed.out, 'Apply complete! Resources: 0 added, 0 changed, 0 replaced, 2 destroyed.');
  assert.equal(await groupNames(), ['/app/api']);
});

test('protected: false, applied, is kept in state: once the declaration is gone the group is deleted without --allow-destroy', async () => {
  p.write('logs.yaml', 'logGroups:\n  /app/audit: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await events('/app/audit');
  p.write('logs.yaml', 'logGroups:\n  /app/audit: { protected: false }\n');
  const plan = await lw('plan', p.manifests, '--json');
  const doc = JSON.parse(plan.out);
  assert.equal(doc.resource_changes.map((c: any) => [c.name, c.action, c.protection]), [['/app/audit', 'no-op', 'off']]);
  assert.equal(doc.calls, []);
  const text = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(text.code, 2, 'a protection change is a change');
  assert.match(text.out, '  # logGroup "/app/audit" is unchanged; its events are unprotected from now on (protected: false, kept in state: deleting it needs no --allow-destroy)');
  assert.match(text.out, 'Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy. (1 protection change to record)');
  const applied = await lw('apply', p.manifests, '--auto-approve');
  assert.match(applied.out, 'State: logGroup "/app/audit" is unprotected (protected: false): deleting it with its events needs no --allow-destroy.');
  assert.is(records()['logGroup:/app/audit'].protected, false);
  p.write('logs.yaml', 'logGroups: {}\n');
  const gone = await lw('apply', p.manifests, '--auto-approve');
  assert.is(gone.code, 0, gone.out);
  assert.equal(await groupNames(), []);
  assert.equal(records(), {}, 'the record goes with the group');
});

test('replacing a group that holds data (a class change) needs --allow-destroy beside --allow-replace; protected: false lifts it', async () => {
  p.write('logs.yaml', 'logGroups:\n  /app/batch: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await events('/app/batch');
  p.write('logs.yaml', 'logGroups:\n  /app/batch: { logGroupClass: INFREQUENT_ACCESS }\n');
  const refused = await lw('plan', p.manifests, '--allow-replace');
  assert.is(refused.code, 1);
  const file = relative(process.cwd(), join(p.manifests, 'logs.yaml'));
  assert.match(refused.out, `Error: logGroup "/app/batch" holds 2.00 KiB of log events, and this plan replaces it (a create-only attribute changes): its events would be deleted with it\n  on ${file}:2:3, logGroup "/app/batch"\n  Plan again with --allow-destroy to replace it and lose its events; or set protected: false on its declaration first.`);
  assert.is((await lw('plan', p.manifests, '--allow-destroy')).code, 0);
  p.write('logs.yaml', 'logGroups:\n  /app/batch: { logGroupClass: INFREQUENT_ACCESS, protected: false }\n');
  const r = await lw('apply', p.manifests, '--auto-approve', '--allow-replace');
  assert.is(r.code, 0, r.out);
  assert.is(records()['logGroup:/app/batch'].protected, false, 'kept through the replacement');
});

test("deletion protection round-trips through the engine, plan and drift; a planned delete fails at plan time with AWS's error and what to do", async () => {
  p.write('logs.yaml', 'logGroups:\n  /app/ledger: { deletionProtectionEnabled: true }\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const described = await onLocalTarget(p.state, (send) => send('logs', 'DescribeLogGroups', {}));
  assert.is(described.logGroups[0].deletionProtectionEnabled, true);
  assert.match((await lw('plan', p.manifests)).out, 'No changes.');
  assert.is((await lw('drift', p.manifests)).code, 0);
  await outOfBand(p.state, [['logs', 'PutLogGroupDeletionProtection', { logGroupIdentifier: '/app/ledger', deletionProtectionEnabled: false }]]);
  const drift = await lw('drift', p.manifests);
  assert.is(drift.code, 2);
  assert.match(drift.out, '      + deletionProtectionEnabled = true', drift.out);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  p.write('logs.yaml', 'logGroups: {}\n');
  const plan = await lw('plan', p.manifests);
  assert.is(plan.code, 1);
  assert.match(
    plan.out,
    'Error: DeleteLogGroup for logGroup "/app/ledger" would fail: ValidationException: Cannot delete log group with deletion protection enabled. Disable deletion protection first.\n  on logGroup "/app/ledger"\n  logGroup "/app/ledger" has CloudWatch Logs deletion protection on. To delete or replace it, declare it with deletionProtectionEnabled: false and apply that first; logwarden never turns deletion protection off by itself.',
  );
  p.write('logs.yaml', 'logGroups:\n  /app/ledger: { deletionProtectionEnabled: false }\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  p.write('logs.yaml', 'logGroups: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  assert.equal(await groupNames(), []);
});

test('across a fleet: each scope\'s groups are protected, and their records kept, in their own account and region', async () => {
  const scope = 'scope: { account: "333333333333", region: eu-west-1 }\n';
  p.write('logs.yaml', `${scope}logGroups:\n  /app/audit: {}\n`);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const engine = new Engine({ stateDir: p.state });
  const clients = createClients({ kind: 'local', engine, stateDir: p.state, region: 'eu-west-1', account: '333333333333' });
  try {
    await sendOperation(clients, 'logs', 'CreateLogStream', { logGroupName: '/app/audit', logStreamName: 's' });
    await sendOperation(clients, 'logs', 'PutLogEvents', { logGroupName: '/app/audit', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x'.repeat(100) }] });
  } finally {
    clients.destroy();
    await engine.close();
  }
  p.write('logs.yaml', `${scope}logGroups: {}\n`);
  const refused = await lw('plan', p.manifests);
  assert.is(refused.code, 1);
  assert.match(refused.out, 'Error: logGroup "/app/audit" (333333333333 eu-west-1) holds 100 bytes of log events, and this plan deletes it');
  p.write('logs.yaml', `${scope}logGroups:\n  /app/audit: { protected: false }\n`);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const state = JSON.parse(readFileSync(join(p.state, 'logwarden.json'), 'utf8')).targets;
  assert.is(state['local|333333333333|eu-west-1']['logGroup:/app/audit'].protected, false);
  p.write('logs.yaml', `${scope}logGroups: {}\n`);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
});

test.run();
