import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The GitHub Action's shell steps, run here as the runner would: plan.sh with the real CLI (through
 * tsx) against the local engine, comment.sh against a stand-in `gh` that records its calls.
 */
const test = suite('action: action.yml and its shell steps');

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwarden-action-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

/** An executable script in the scratch directory. */
function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

/** Runs one of the action's scripts with the runner's files and the given environment. */
function run(name: string, env: Record<string, string>) {
  const files = { RUNNER_TEMP: dir, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: join(dir, 'output') };
  for (const f of [files.GITHUB_STEP_SUMMARY, files.GITHUB_OUTPUT]) writeFileSync(f, '');
  const r = spawnSync('bash', [join(ROOT, 'action', name)], { env: { PATH: process.env.PATH!, HOME: dir, ...files, ...env }, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(files.GITHUB_OUTPUT, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/).slice(0, 2)));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), outputs };
}

/** The CLI from source, as the action's LOGWARDEN executable. */
const logwarden = () => script('logwarden', `#!/usr/bin/env bash\ncd ${JSON.stringify(ROOT)} && exec node --import tsx src/cli/bin.ts "$@"\n`);

test('action.yml: a composite action that installs from its own ref, plans, comments, then fails on exit code 1', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.is(action.runs.using, 'composite');
  assert.equal(Object.keys(action.inputs), ['directory', 'args', 'comment', 'github-token', 'node-version']);
  assert.equal(Object.keys(action.outputs), ['exitcode', 'changes', 'markdown-file']);
  const steps = action.runs.steps as { uses?: string; run?: string; if?: string; id?: string; env?: Record<string, string> }[];
  assert.is(steps[0]!.uses, 'actions/setup-node@v4');
  assert.is(steps[1]!.run, 'npm ci --prefix "$GITHUB_ACTION_PATH" --no-audit --no-fund');
  assert.is(steps[2]!.id, 'plan');
  assert.is(steps[2]!.env!.LOGWARDEN, '${{ github.action_path }}/dist/cli/bin.js');
  assert.is(steps[3]!.if, "inputs.comment == 'true' && github.event.pull_request.number");
  assert.is(steps[4]!.if, "steps.plan.outputs.exitcode == '1'");
});

test('plan.sh: the Markdown plan goes to the job summary; outputs say changes and the exit code', () => {
  const manifests = join(dir, 'logging');
  mkdirSync(manifests);
  writeFileSync(join(manifests, 'a.yaml'), 'logGroups:\n  /app/api:\n    retentionInDays: 30\n');
  const r = run('plan.sh', { LOGWARDEN: logwarden(), INPUT_DIRECTORY: manifests, INPUT_ARGS: `--state ${join(dir, 'state')}` });
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.outputs, { exitcode: '2', changes: 'true', 'markdown-file': join(dir, 'logwarden-plan.md') });
  assert.ok(r.summary.startsWith('### logwarden plan: 1 to add, 0 to change, 0 to replace, 0 to destroy.\n'), r.summary);
  assert.is(r.summary, readFileSync(join(dir, 'logwarden-plan.md'), 'utf8'));
});

test('plan.sh: a failed plan is still summarised (exit code 1 as an output, the step itself passes)', () => {
  const manifests = join(dir, 'logging');
  mkdirSync(manifests);
  writeFileSync(join(manifests, 'a.yaml'), 'logGroups:\n  /app/api:\n    retentionInDays: 31\n');
  const broken = run('plan.sh', { LOGWARDEN: logwarden(), INPUT_DIRECTORY: manifests, INPUT_ARGS: `--state ${join(dir, 'state')}` });
  assert.is(broken.code, 0);
  assert.is(broken.outputs.exitcode, '1');
  assert.is(broken.outputs.changes, 'false');
  assert.match(broken.summary, '### ❌ logwarden plan failed: 1 error; nothing was planned');
  const usage = run('plan.sh', { LOGWARDEN: logwarden(), INPUT_DIRECTORY: manifests, INPUT_ARGS: '--bogus' });
  assert.is(usage.outputs.exitcode, '1');
  assert.is(usage.summary, "### ❌ logwarden plan failed\n\n```\nlogwarden: unknown option '--bogus' (see logwarden --help)\n```\n");
  assert.match(usage.stderr, "unknown option '--bogus'");
});

/** A stand-in for the GitHub CLI: records each call and the body it sends; lists `FAKE_IDS`. */
function fakeGh(): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'gh'),
    [
      '#!/usr/bin/env bash',
      'printf "%s\\n" "$*" >> "$GH_LOG"',
      'for a in "$@"; do case "$a" in body=@*) { echo "--- body"; cat "${a#body=@}"; echo "--- end"; } >> "$GH_LOG";; esac; done',
      'case "$*" in *--paginate*) for id in ${FAKE_IDS:-}; do echo "$id"; done;; *) echo "{}";; esac',
    ].join('\n'),
  );
  chmodSync(join(bin, 'gh'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

const commentEnv = (plan: string, extra: Record<string, string> = {}) => {
  writeFileSync(join(dir, 'plan.md'), plan);
  return { PATH: fakeGh(), GH_LOG: join(dir, 'gh.log'), PLAN_FILE: join(dir, 'plan.md'), INPUT_DIRECTORY: 'logging', REPOSITORY: 'acme/infra', PR_NUMBER: '7', RUN_URL: 'https://github.com/acme/infra/actions/runs/99', GH_TOKEN: 't', ...extra };
};
const ghLog = () => readFileSync(join(dir, 'gh.log'), 'utf8');

test('comment.sh: the first plan is posted with a hidden marker', () => {
  const r = run('comment.sh', commentEnv('### logwarden plan: no changes.\n'));
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'commented on #7\n');
  assert.is(
    ghLog(),
    [
      'api --paginate repos/acme/infra/issues/7/comments --jq .[] | select(.body | startswith("<!-- logwarden-plan: logging -->")) | .id',
      `api --method POST repos/acme/infra/issues/7/comments -F body=@${join(dir, 'logwarden-comment.md')}`,
      '--- body',
      '<!-- logwarden-plan: logging -->',
      '### logwarden plan: no changes.',
      '--- end',
      '',
    ].join('\n'),
  );
});

test('comment.sh: a later plan updates the comment posted before; a directory with quotes stays one jq string', () => {
  const r = run('comment.sh', commentEnv('### logwarden plan: 1 to add\n', { FAKE_IDS: '42 43', INPUT_DIRECTORY: 'we"ird\\dir' }));
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'updated comment 42 on #7\n');
  const calls = ghLog().split('\n');
  assert.is(calls[0], 'api --paginate repos/acme/infra/issues/7/comments --jq .[] | select(.body | startswith("<!-- logwarden-plan: we\\"ird\\\\dir -->")) | .id');
  assert.is(calls[1], `api --method PATCH repos/acme/infra/issues/comments/42 -F body=@${join(dir, 'logwarden-comment.md')}`);
});

test('comment.sh: a plan too long for a comment links to the job summary instead', () => {
  run('comment.sh', commentEnv(`### logwarden plan: 900 to add\n\n${'x'.repeat(70_000)}\n`));
  const body = ghLog().split('--- body\n')[1]!.split('--- end')[0];
  assert.is(body, '<!-- logwarden-plan: logging -->\n### logwarden plan: 900 to add\n\nThe full plan is too long for a comment: it is in the [job summary](https://github.com/acme/infra/actions/runs/99).\n');
});

test.run();
