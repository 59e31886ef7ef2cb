import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../src/state/workspace.js';
import { outOfBand, project, runCli, type Project } from '../helpers/cli.js';

const test = suite('cli: apply, drift and state against the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const APP = `
defaults:
  tags: { managed-by: logwarden }
logGroups:
  /app/api:
    retentionInDays: 30
    tags: { team: api }
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: App, metricValue: "1" }
  /app/worker:
    retentionInDays: 7
`;

const owned = () => JSON.parse(readFileSync(join(p.state, 'logwarden.json'), 'utf8')).targets['local|123456789012|us-east-1'];

test('apply creates everything, confirms convergence; planning again shows no changes', async () => {
  p.write('app.yaml', APP);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.');
  assert.match(r.out, /\[1\/3\] logGroup "\/app\/\w+": created/);
  assert.match(r.out, 'Apply complete! Resources: 3 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.match(r.out, 'Converged: re-read 3 resources; the target matches the manifests.');
  assert.equal(Object.keys(owned()).sort(), ['logGroup:/app/api', 'logGroup:/app/worker']);
  assert.is(owned()['logGroup:/app/api'].origin, 'created');
  const again = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(again.code, 0, again.out);
  assert.match(again.out, 'No changes. The target matches the manifests.');
  const noop = await lw('apply', p.manifests, '--auto-approve');
  assert.is(noop.code, 0);
  assert.not.match(noop.out, 'Apply complete');
});

test('drift: in sync exits 0; an out-of-band change exits 2, attribute by attribute; the next apply undoes it', async () => {
  p.write('app.yaml', APP);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  assert.is((await lw('drift', p.manifests)).code, 0);
  await outOfBand(p.state, [
    ['logs', 'PutRetentionPolicy', { logGroupName: '/app/api', retentionInDays: 1 }],
    ['logs', 'DeleteLogGroup', { logGroupName: '/app/worker' }],
  ]);
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2, d.out + d.err);
  assert.match(d.out, '# logGroup "/app/api" has changed outside logwarden');
  assert.match(d.out, 'retentionInDays = 1 -> 30');
  assert.match(d.out, '# logGroup "/app/worker" is missing: declared, but not in the target');
  assert.match(d.out, 'Drift: 1 changed, 1 missing, 0 orphaned, 0 unmanaged; 1 in sync.');
  const json = JSON.parse((await lw('drift', p.manifests, '--json')).out);
  assert.is(json.drifted, true);
  assert.equal(json.summary, { in_sync: 1, changed: 1, missing: 1, orphaned: 0, unmanaged: 0 });
  const fix = await lw('apply', p.manifests, '--auto-approve');
  assert.is(fix.code, 0, fix.out);
  assert.match(fix.out, 'Apply complete! Resources: 1 added, 1 changed');
  assert.is((await lw('drift', p.manifests)).code, 0);
});

test('removing a declaration deletes only owned resources; an unmanaged group is never touched', async () => {
  p.write('app.yaml', APP);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await outOfBand(p.state, [['logs', 'CreateLogGroup', { logGroupName: '/manual/by-hand' }]]);
  p.write('app.yaml', APP.replace(/  \/app\/worker:\n    retentionInDays: 7\n/, ''));
  const plan = await lw('plan', p.manifests);
  assert.match(plan.out, '- logGroup "/app/worker"');
  assert.not.match(plan.out, '/manual/by-hand');
  assert.match(plan.out, 'Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy.');
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out);
  assert.equal(Object.keys(owned()), ['logGroup:/app/api']);
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2);
  assert.match(d.out, '# logGroup "/manual/by-hand" is unmanaged: neither declared nor owned; logwarden leaves it alone');
  const [groups] = (await outOfBand(p.state, [['logs', 'DescribeLogGroups', {}]])) as { logGroups: { logGroupName: string }[] }[];
  assert.equal(groups!.logGroups.map((g) => g.logGroupName), ['/app/api', '/manual/by-hand']);
});

test('a declared group that already exists is adopted, never recreated; once adopted it is owned', async () => {
  await outOfBand(p.state, [['logs', 'CreateLogGroup', { logGroupName: '/app/worker' }]]);
  p.write('app.yaml', 'logGroups:\n  /app/worker:\n    retentionInDays: 7\n');
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out);
  assert.match(r.out, '# logGroup "/app/worker" will be updated in place, and adopted');
  assert.match(r.out, 'Apply complete! Resources: 0 added, 1 changed, 0 replaced, 0 destroyed, 1 adopted.');
  assert.is(owned()['logGroup:/app/worker'].origin, 'adopted');
  p.write('app.yaml', 'logGroups: {}\n');
  const del = await lw('apply', p.manifests, '--auto-approve');
  assert.match(del.out, 'Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy.');
  assert.equal(owned(), {});
});

test('a saved plan is applied exactly, once: applying it again is refused as stale', async () => {
  p.write('app.yaml', APP);
  const planFile = join(p.root, 'app.plan');
  const made = await lw('plan', p.manifests, '--out', planFile);
  assert.is(made.code, 0, made.out + made.err);
  assert.match(made.out, `Saved the plan to ${planFile}.`);
  p.write('app.yaml', 'logGroups: {}\n'); // the manifests no longer matter: the saved plan is what runs
  const first = await lw('apply', planFile);
  assert.is(first.code, 0, first.out + first.err);
  assert.match(first.out, 'Apply complete! Resources: 3 added');
  const second = await lw('apply', planFile);
  assert.is(second.code, 1);
  assert.match(second.out, `the saved plan ${planFile} was applied already; nothing was changed.`);
  assert.match(second.out, /it was applied at \d{4}-\d\d-\d\dT/);
  assert.match(second.out, "A saved plan applies once; run 'logwarden plan' to see what, if anything, is left to do.");
  assert.not.match(second.out, 'stale');
});

test('a saved plan whose basis moved in the target is refused, saying what moved', async () => {
  p.write('app.yaml', APP);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  p.write('app.yaml', APP.replace('retentionInDays: 7', 'retentionInDays: 14'));
  const planFile = join(p.root, 'app.plan');
  assert.is((await lw('plan', p.manifests, '--out', planFile)).code, 0);
  await outOfBand(p.state, [['logs', 'PutRetentionPolicy', { logGroupName: '/app/api', retentionInDays: 1 }]]);
  const r = await lw('apply', planFile);
  assert.is(r.code, 1);
  assert.match(r.out, 'in the target, logGroup "/app/api" changed since the plan was made');
  assert.not.match(r.out, 'serial');
});

test('a concurrent apply is refused with a message naming the holder', async () => {
  p.write('app.yaml', APP);
  const holder = Workspace.open(p.state, 'logwarden apply (the other one)');
  try {
    const r = await lw('apply', p.manifests, '--auto-approve');
    assert.is(r.code, 1);
    assert.match(r.err, `state directory ${p.state} is locked by logwarden apply (the other one) (pid ${process.pid}`);
  } finally {
    await holder.close();
  }
});

test('a replacement runs only with --allow-replace', async () => {
  p.write('app.yaml', APP);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  p.write('app.yaml', APP.replace('retentionInDays: 7', 'retentionInDays: 7\n    logGroupClass: INFREQUENT_ACCESS'));
  const unasked = await lw('apply', p.manifests); // refused before any confirmation is asked for
  assert.is(unasked.code, 1);
  assert.match(unasked.out, 'this plan replaces logGroup "/app/worker" (logGroupClass)');
  assert.is(unasked.err, '');
  const refused = await lw('apply', p.manifests, '--auto-approve');
  assert.is(refused.code, 1);
  assert.match(refused.out, 'this plan replaces logGroup "/app/worker" (logGroupClass)');
  assert.match(refused.out, 'Plan again with --allow-replace to allow it.');
  const r = await lw('apply', p.manifests, '--auto-approve', '--allow-replace');
  assert.is(r.code, 0, r.out);
  assert.match(r.out, 'Apply complete! Resources: 0 added, 0 changed, 1 replaced, 0 destroyed.');
  assert.is((await lw('plan', p.manifests, '--detailed-exitcode')).code, 0);
});

test('apply without a terminal and without --auto-approve refuses and changes nothing', async () => {
  p.write('app.yaml', APP);
  const r = await lw('apply', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.err, 'apply needs a confirmation and there is no terminal to ask on: pass --auto-approve');
  assert.is((await lw('plan', p.manifests, '--detailed-exitcode')).code, 2);
});

test('an unreadable or foreign state file is an error that says so; nothing is planned over it', async () => {
  p.write('app.yaml', APP);
  mkdirSync(p.state, { recursive: true });
  writeFileSync(join(p.state, 'logwarden.json'), '{"format": 1, "lin');
  const broken = await lw('plan', p.manifests);
  assert.is(broken.code, 1);
  assert.match(broken.err, `${join(p.state, 'logwarden.json')} is not a readable logwarden state file: `);
  writeFileSync(join(p.state, 'logwarden.json'), '{"format": 2}');
  const foreign = await lw('apply', p.manifests, '--auto-approve');
  assert.is(foreign.code, 1);
  assert.match(foreign.err, `${join(p.state, 'logwarden.json')} is not a logwarden state file of format 1`);
});

test.run();
