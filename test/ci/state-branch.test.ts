import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { REPO, run, sandbox, type Checkout, type Run, type Sandbox } from './sandbox.js';

const test = suite('ci: restore-state.sh and save-state.sh against a local Git remote');
let s: Sandbox;
test.before.each(async () => {
  s = await sandbox();
});
test.after.each(() => s.remove());

const groups = (...names: string[]) => `logGroups:\n${names.map((n) => `  ${n}:\n    retentionInDays: 7\n`).join('')}`;
const script = (name: string, c: Checkout, args: string[], env: Record<string, string> = {}): Promise<Run> =>
  run(['bash', join(REPO, 'scripts', 'ci', name), ...args], c.dir, { ...s.env, ...env });
const restore = (c: Checkout, dir = 'state') => script('restore-state.sh', c, [dir]);
const save = (c: Checkout, dir = 'state', env: Record<string, string> = {}) => script('save-state.sh', c, [dir], env);
const apply = (c: Checkout, manifests: string, dir = 'state') =>
  runCli('apply', join(c.dir, manifests), '--auto-approve', '--state', join(c.dir, dir), '--no-color');
const plan = (c: Checkout, manifests: string, dir = 'state') => runCli('plan', join(c.dir, manifests), '--state', join(c.dir, dir), '--no-color');
const LOCAL = 'local|123456789012|us-east-1';
const ownedIn = (c: Checkout, dir = 'state') => JSON.parse(readFileSync(join(c.dir, dir, 'logwarden.json'), 'utf8')).targets[LOCAL];

async function succeeds(r: Run | Promise<Run>): Promise<Run> {
  const done = await r;
  assert.is(done.code, 0, done.out + done.err);
  return done;
}

/** Makes `loser`'s next push lose a race: just before it goes out, `winner` saves DIR. */
function raceOnPush(loser: Checkout, winner: Checkout, dir: string): void {
  const marker = join(s.root, 'raced');
  const hook = `#!/bin/sh\n[ -e '${marker}' ] && exit 0\n: > '${marker}'\ncd '${winner.dir}' && bash '${join(REPO, 'scripts', 'ci', 'save-state.sh')}' '${dir}' >&2\n`;
  writeFileSync(join(loser.dir, '.git', 'hooks', 'pre-push'), hook, { mode: 0o755 });
}

test('two stacks on the local engine save side by side on one branch; the rejected push is rebuilt on the new tip, no merge needed', async () => {
  await s.commitToMain('stacks', { '.gitignore': 'state/\n', 'logging/team-a/app.yaml': groups('/team-a/api'), 'logging/team-b/app.yaml': groups('/team-b/api') });
  const a = await s.clone('a');
  const b = await s.clone('b');
  await succeeds(restore(a, 'state/team-a'));
  await succeeds(restore(b, 'state/team-b'));
  assert.is((await apply(a, 'logging/team-a', 'state/team-a')).code, 0);
  assert.is((await apply(b, 'logging/team-b', 'state/team-b')).code, 0);
  raceOnPush(b, a, 'state/team-a');
  const saved = await succeeds(save(b, 'state/team-b'));
  assert.match(saved.err, 'rejected (attempt 1 of 5)');
  assert.not.match(saved.err, 'merged');
  assert.equal([...(await s.stateBranch()).keys()].sort(), ['state/team-a/engine.json', 'state/team-a/engine.log', 'state/team-a/logwarden.json', 'state/team-b/engine.json', 'state/team-b/engine.log', 'state/team-b/logwarden.json']);
  const fresh = await s.clone('fresh');
  for (const team of ['team-a', 'team-b']) {
    assert.match((await succeeds(restore(fresh, `state/${team}`))).out, `restored state/${team} from logwarden-state`);
    assert.equal(Object.keys(ownedIn(fresh, `state/${team}`)), [`logGroup:/${team}/api`]);
    assert.match((await plan(fresh, `logging/${team}`, `state/${team}`)).out, 'No changes. The target matches the manifests.');
  }
});

test('one local world changed by two jobs cannot be merged: the second save fails, pushes nothing, keeps its state', async () => {
  await s.commitToMain('app', { 'logging/app.yaml': groups('/app/api') });
  const first = await s.clone('first');
  await succeeds(restore(first));
  assert.is((await apply(first, 'logging')).code, 0);
  await succeeds(save(first));
  const a = await s.clone('a');
  const b = await s.clone('b');
  await succeeds(restore(a));
  await succeeds(restore(b));
  a.write('logging/app.yaml', groups('/app/api', '/app/a'));
  b.write('logging/app.yaml', groups('/app/api', '/app/b'));
  assert.is((await apply(a, 'logging')).code, 0);
  assert.is((await apply(b, 'logging')).code, 0);
  await succeeds(save(a));
  const tip = await s.remoteGit('rev-parse', 'logwarden-state');
  const before = readFileSync(join(b.dir, 'state', 'engine.json'), 'utf8');
  const refused = await save(b);
  assert.is(refused.code, 1);
  assert.match(refused.err, 'save-state.sh: state/engine.json and engine.log changed on logwarden-state since this job restored them');
  assert.match(refused.err, 'the two worlds cannot be merged, and nothing was pushed');
  assert.is(await s.remoteGit('rev-parse', 'logwarden-state'), tip);
  assert.is(readFileSync(join(b.dir, 'state', 'engine.json'), 'utf8'), before);
});

test('a branch that refuses the push (protected): bounded attempts, never forced, the state left for an artifact', async () => {
  await s.commitToMain('app', { 'logging/app.yaml': groups('/app/api') });
  writeFileSync(join(s.remote, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected branch: pushes need a pull request" >&2\nexit 1\n', { mode: 0o755 });
  const c = await s.clone('job');
  await succeeds(restore(c));
  assert.is((await apply(c, 'logging')).code, 0);
  const r = await save(c, 'state', { LOGWARDEN_SAVE_ATTEMPTS: '2' });
  assert.is(r.code, 1);
  assert.is(r.err.match(/protected branch: pushes need a pull request/g)?.length, 2);
  assert.match(r.err, 'the push to logwarden-state was rejected (attempt 1 of 2)');
  assert.match(r.err, 'save-state.sh: the push to logwarden-state was rejected 2 times; nothing was force-pushed, and state holds this job\'s state');
  assert.equal(Object.keys(ownedIn(c)), ['logGroup:/app/api']);
});

test('a state committed with the manifests (from before the state branch) carries over on the first save', async () => {
  await s.commitToMain('app', { 'logging/app.yaml': groups('/app/api') });
  const c0 = await s.clone('old-layout');
  assert.is((await apply(c0, 'logging')).code, 0);
  await s.commitToMain('old layout: state committed', {
    'state/logwarden.json': readFileSync(join(c0.dir, 'state', 'logwarden.json'), 'utf8'),
    'state/engine.json': readFileSync(join(c0.dir, 'state', 'engine.json'), 'utf8'),
  });
  const c = await s.clone('job');
  assert.match((await succeeds(restore(c))).out, 'branch logwarden-state does not exist yet; state is used as it is');
  assert.match((await succeeds(save(c))).out, 'logwarden state: saved state to logwarden-state');
  assert.equal(Object.keys(JSON.parse((await s.stateBranch()).get('state/logwarden.json')!).targets[LOCAL]), ['logGroup:/app/api']);
  assert.match((await succeeds(save(c))).out, 'logwarden state: state unchanged on logwarden-state');
});

test('guards: a remote that cannot be read is an error, not "no state"; paths outside the repository are refused; nothing to save is fine', async () => {
  await s.commitToMain('app', { 'logging/app.yaml': groups('/app/api') });
  const c = await s.clone('job');
  const unreadable = await script('restore-state.sh', c, [], { LOGWARDEN_STATE_REMOTE: join(s.root, 'missing.git') });
  assert.is(unreadable.code, 1);
  assert.match(unreadable.err, `restore-state.sh: cannot read branch logwarden-state of remote ${join(s.root, 'missing.git')}`);
  for (const dir of ['../elsewhere', '/tmp/state', 'state/../..']) {
    const r = await script('restore-state.sh', c, [dir]);
    assert.is(r.code, 1, dir);
    assert.match(r.err, 'STATE_DIR must be a relative path inside the repository');
  }
  const empty = await succeeds(save(c));
  assert.match(empty.out, 'logwarden state: nothing to save in state');
  assert.not.ok(existsSync(join(c.dir, 'state', 'lock.json')));
  assert.is(await s.remoteGit('branch', '--list', 'logwarden-state'), '');
});

test.run();
