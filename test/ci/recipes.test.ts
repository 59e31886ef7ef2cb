import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { harness, type Harness } from '../helpers/harness.js';
import { REPO, run, sandbox, type Checkout, type Sandbox } from './sandbox.js';
import { readmeWorkflows, runSteps, shellOf, transcript, type JobContext, type JobRun, type Step } from './workflows.js';

const test = suite("ci: the README's GitHub Actions recipes, run against a local Git remote");
let s: Sandbox;
let h: Harness | undefined;
test.before.each(async () => {
  s = await sandbox();
});
test.after.each(async () => {
  await h?.close();
  h = undefined;
  s.remove();
});

const workflows = readmeWorkflows();
const job = (file: string, name: string): Step[] => workflows.get(file)!.get(name)!;
const PR_PLAN = () => job('logwarden-plan.yml', 'plan');
const APPLY_PLAN = () => job('logwarden-apply.yml', 'plan');
const APPLY = () => job('logwarden-apply.yml', 'apply');
const DRIFT = () => job('logwarden-drift.yml', 'drift');

/** Log groups retained a week, as a manifest file. */
const groups = (...names: string[]) => `logGroups:\n${names.map((n) => `  ${n}:\n    retentionInDays: 7\n`).join('')}`;

/** A job's context: its own fresh checkout (of main's tip, or REF), artifacts shared per workflow run. */
async function on(name: string, target: string, run: string, ref?: string): Promise<JobContext> {
  return { sandbox: s, checkout: await s.clone(name, ref), target, artifacts: join(s.root, `artifacts-${run}`) };
}

async function ok(steps: Step[], ctx: JobContext, prior?: JobRun): Promise<JobRun> {
  const r = await runSteps(steps, ctx, prior);
  assert.ok(r.ok, transcript(r));
  return r;
}

const changes = (r: JobRun) => r.outputs.get('plan')?.get('changes');
const ownedOn = (files: Map<string, string>, target: string, dir = 'state') => JSON.parse(files.get(`${dir}/logwarden.json`)!).targets[target];
const LOCAL = 'local|123456789012|us-east-1';

/** The apply job cut where it saves the state: what runs before, and the save with what follows. */
function splitAtSave(steps: Step[]): [Step[], Step[]] {
  const at = steps.findIndex((st) => st.run?.includes('save-state.sh'));
  return [steps.slice(0, at), steps.slice(at)];
}

/** Makes `loser`'s next push lose a race: just before it goes out, `winner` runs its save step. */
function raceOnPush(loser: Checkout, winner: JobContext, save: Step): string {
  const marker = join(s.root, 'raced');
  writeFileSync(join(s.root, 'winner-save.sh'), shellOf(save, winner.target));
  const hook = join(loser.dir, '.git', 'hooks', 'pre-push');
  writeFileSync(hook, `#!/bin/sh\n[ -e '${marker}' ] && exit 0\n: > '${marker}'\ncd '${winner.checkout.dir}' && bash -e '${join(s.root, 'winner-save.sh')}' >&2\n`, { mode: 0o755 });
  return marker;
}

test("the README's workflows run only the package's scripts: restore before logwarden, save after apply, always", () => {
  assert.equal([...workflows.keys()], ['logwarden-plan.yml', 'logwarden-apply.yml', 'logwarden-drift.yml']);
  const used = new Set<string>();
  for (const [file, jobs] of workflows) {
    for (const [name, steps] of jobs) {
      const runs = steps.map((st) => st.run ?? '');
      for (const r of runs) for (const m of r.matchAll(/node_modules\/logwarden\/(\S+)/g)) used.add(m[1]!);
      const restore = runs.findIndex((r) => r.includes('scripts/ci/restore-state.sh'));
      const first = runs.findIndex((r) => /npx logwarden|scripts\/ci\/plan\.sh/.test(r));
      assert.ok(restore >= 0 && restore < first, `${file} job ${name}: restore-state.sh runs before logwarden`);
    }
  }
  const apply = APPLY();
  const save = apply.findIndex((st) => st.run?.includes('save-state.sh'));
  assert.ok(save > apply.findIndex((st) => st.run?.startsWith('npx logwarden apply')));
  assert.is(apply[save]!.if, 'always()');
  const shipped = readdirSync(join(REPO, 'scripts', 'ci')).filter((f) => f.endsWith('.sh') && f !== 'state-common.sh');
  assert.equal([...used].sort(), shipped.map((f) => `scripts/ci/${f}`).sort());
});

test('the package, as a Git install packs it, holds the scripts (executable) and the CLI its bin names', async () => {
  const { NODE_OPTIONS: _, ...env } = s.env;
  const packed = await run(['npm', 'pack', '--dry-run', '--json', '--ignore-scripts'], REPO, env);
  assert.is(packed.code, 0, packed.err);
  const files = new Map((JSON.parse(packed.out)[0].files as { path: string; mode: number }[]).map((f) => [f.path, f.mode]));
  const scripts = readdirSync(join(REPO, 'scripts', 'ci')).map((f) => `scripts/ci/${f}`);
  for (const path of scripts) assert.ok(files.has(path), `${path} is packed`);
  for (const path of scripts.filter((p) => !p.endsWith('state-common.sh'))) assert.is(files.get(path)! & 0o111, 0o111, `${path} is packed executable`);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  assert.is(pkg.scripts.prepare, 'npm run build', 'a Git install builds dist/');
  assert.ok((pkg.files as string[]).some((f) => pkg.bin.logwarden.startsWith(`${f}/`)), 'the bin is in the packed files');
});

test('every setting the README names is one the scripts (or, for the test suite, its harness) read', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const named = new Set(readme.match(/\bLOGWARDEN_[A-Z_]+/g));
  const scripts = readdirSync(join(REPO, 'scripts', 'ci')).map((f) => readFileSync(join(REPO, 'scripts', 'ci', f), 'utf8')).join('\n');
  const harness = readFileSync(join(REPO, 'test', 'helpers', 'harness.ts'), 'utf8');
  assert.ok(named.size >= 4);
  for (const name of named) {
    const read = name.startsWith('LOGWARDEN_TEST_') ? harness.includes(`process.env.${name}`) : scripts.includes(`\${${name}:-`);
    assert.ok(read, `${name} is read by ${name.startsWith('LOGWARDEN_TEST_') ? 'the test harness' : 'a script'}`);
  }
});

test('apply on merge, local engine: the approved plan is applied, the state goes to its branch (main untouched), and later jobs find nothing to do', async () => {
  const main = await s.commitToMain('logging', { '.gitignore': 'state/\n', 'logging/app.yaml': groups('/app/api', '/app/worker') });
  const plan = await ok(APPLY_PLAN(), await on('plan', '--target local', 'run-1'));
  assert.is(changes(plan), 'true');
  assert.match(plan.summary, '### logwarden plan');
  assert.match(plan.summary, 'Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.');
  const applyJob = await on('apply', '--target local', 'run-1');
  const apply = await ok(APPLY(), applyJob);
  assert.match(transcript(apply), 'Apply complete! Resources: 2 added');
  assert.match(transcript(apply), 'logwarden state: saved state to logwarden-state at');
  const branch = await s.stateBranch();
  assert.equal([...branch.keys()].sort(), ['state/engine.json', 'state/engine.log', 'state/logwarden.json']);
  assert.equal(Object.keys(ownedOn(branch, LOCAL)).sort(), ['logGroup:/app/api', 'logGroup:/app/worker']);
  assert.is(await s.remoteGit('rev-parse', 'main'), main);
  assert.is(await applyJob.checkout.git('status', '--porcelain', '--', 'state'), '', 'state/ stays git-ignored on main');
  const pr = await ok(PR_PLAN(), await on('pr', '--target local', 'run-2'));
  assert.is(changes(pr), 'false');
  assert.match(transcript(pr), 'No changes. The target matches the manifests.');
  const drift = await ok(DRIFT(), await on('drift', '--target local', 'run-3'));
  assert.match(transcript(drift), 'No drift: 2 resources in sync with the manifests.');
});

test('two apply runs at once on one account (no concurrency group): the push that lost the race is retried and merged; both records survive', async () => {
  h = await harness('http');
  const target = `--endpoint ${h.url}`;
  const key = `endpoint|${h.url}|123456789012|us-east-1`;
  await s.commitToMain('seed', { '.gitignore': 'state/\n', 'logging/app.yaml': groups('/app/seed') });
  await ok(APPLY_PLAN(), await on('seed-plan', target, 'seed'));
  await ok(APPLY(), await on('seed-apply', target, 'seed'));
  const c1 = await s.commitToMain('add /app/a', { 'logging/app.yaml': groups('/app/seed', '/app/a') });
  const c2 = await s.commitToMain('add /app/b', { 'logging/app.yaml': groups('/app/seed', '/app/a', '/app/b') });
  const [beforeSave, save] = splitAtSave(APPLY());
  // run A plans and applies c1; run B, started before A saved its state, plans and applies c2
  await ok(APPLY_PLAN(), await on('a-plan', target, 'a', c1));
  const a = await on('a-apply', target, 'a', c1);
  await ok(beforeSave, a);
  const bPlan = await ok(APPLY_PLAN(), await on('b-plan', target, 'b', c2));
  assert.match(bPlan.summary, '# logGroup "/app/a" will be adopted (already matches)');
  const b = await on('b-apply', target, 'b', c2);
  const bRun = await ok(beforeSave, b);
  const marker = raceOnPush(b.checkout, a, save[0]!);
  const saved = transcript(await ok(save, b, bRun));
  assert.ok(statSync(marker).isFile(), 'A saved while B was pushing');
  assert.match(saved, 'logwarden state: the push to logwarden-state was rejected (attempt 1 of 5); fetching it and trying again');
  assert.match(saved, 'logwarden state: merged state/logwarden.json with the one another job pushed to logwarden-state');
  const owned = ownedOn(await s.stateBranch(), key);
  assert.equal(Object.keys(owned).sort(), ['logGroup:/app/a', 'logGroup:/app/b', 'logGroup:/app/seed']);
  assert.is(owned['logGroup:/app/a'].origin, 'created', 'A created it: its record, the earlier, is kept');
  const history = (await s.remoteGit('log', '--format=%H %P', 'logwarden-state')).split('\n');
  assert.is(history.length, 3, 'seed, A and B: no save lost');
  assert.ok(history.every((line) => line.split(' ').length <= 2), 'linear: nothing was force-pushed or merged over');
  const pr = await ok(PR_PLAN(), await on('pr', target, 'pr'));
  assert.is(changes(pr), 'false', transcript(pr));
  await ok(DRIFT(), await on('drift', target, 'drift'));
});

test('state/ not kept (git-ignored, the save step left out): the next run adopts what is declared and deletes nothing', async () => {
  h = await harness('http');
  const target = `--endpoint ${h.url}`;
  await s.commitToMain('app', { '.gitignore': 'state/\n', 'logging/app.yaml': groups('/app/a', '/app/b') });
  const [beforeSave] = splitAtSave(APPLY());
  await ok(APPLY_PLAN(), await on('first-plan', target, 'first'));
  await ok(beforeSave, await on('first-apply', target, 'first'));
  await s.commitToMain('drop /app/b', { 'logging/app.yaml': groups('/app/a') });
  const plan = await ok(APPLY_PLAN(), await on('second-plan', target, 'second'));
  assert.match(plan.summary, '# logGroup "/app/a" will be adopted (already matches)');
  assert.match(plan.summary, 'Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy. (1 to adopt)');
  assert.is(changes(plan), 'true');
  await ok(APPLY(), await on('second-apply', target, 'second'));
  const drift = await runSteps(DRIFT(), await on('drift', target, 'drift'));
  assert.not.ok(drift.ok, 'drift fails the job');
  assert.match(transcript(drift), '# logGroup "/app/b" is unmanaged: neither declared nor owned; logwarden leaves it alone');
  const report = JSON.parse(readFileSync(join(s.root, 'artifacts-drift', 'drift', 'drift.json'), 'utf8'));
  assert.equal(report.summary, { in_sync: 1, changed: 0, missing: 0, orphaned: 0, unmanaged: 1 });
  const names = (await h.logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName);
  assert.equal(names, ['/app/a', '/app/b']);
});

test('state/ not kept, local target: the world goes with it, and every run creates everything again', async () => {
  await s.commitToMain('app', { '.gitignore': 'state/\n', 'logging/app.yaml': groups('/app/a', '/app/b') });
  const [beforeSave] = splitAtSave(APPLY());
  await ok(APPLY_PLAN(), await on('first-plan', '--target local', 'first'));
  await ok(beforeSave, await on('first-apply', '--target local', 'first'));
  const pr = await ok(PR_PLAN(), await on('pr', '--target local', 'pr'));
  assert.match(pr.summary, 'Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.');
});

test.run();
