import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { CLI, REPO, run, type Checkout, type Run, type Sandbox } from './sandbox.js';

/** One step of a workflow job, as the README writes it. */
export interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

/** The README's workflows, by file name (`logwarden-apply.yml`) → job name → steps. */
export type Workflows = Map<string, Map<string, Step[]>>;

/** The YAML blocks of the README's "CI recipes" section, each named by its first-line comment. */
export function readmeWorkflows(): Workflows {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## CI recipes'), readme.indexOf('\n## ', readme.indexOf('## CI recipes') + 1));
  const workflows: Workflows = new Map();
  for (const [, yaml] of section.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const name = /^# \.github\/workflows\/(\S+)/.exec(yaml!)?.[1];
    if (!name) throw new Error(`a workflow in the README lacks its "# .github/workflows/…" line:\n${yaml}`);
    const doc = parse(yaml!) as { jobs: Record<string, { steps: Step[] }> };
    workflows.set(name, new Map(Object.entries(doc.jobs).map(([job, { steps }]) => [job, steps])));
  }
  return workflows;
}

/** How a job of the README runs here: which checkout, and what stands in for AWS. */
export interface JobContext {
  sandbox: Sandbox;
  checkout: Checkout;
  /** Replaces `--target aws`: `--target local`, or `--endpoint URL` of an engine this test serves. */
  target: string;
  /** Where artifacts go between jobs (upload-artifact, download-artifact). */
  artifacts: string;
}

/** What a job did: each step's run, the outputs of the steps with an id, the job summary. */
export interface JobRun {
  ok: boolean;
  runs: { step: Step; run: Run }[];
  outputs: Map<string, Map<string, string>>;
  summary: string;
}

/**
 * A step's shell as it runs here: the README's text with three substitutions only — the package's
 * files are this checkout's (`node_modules/logwarden/` → REPO), `npx logwarden` runs the CLI from
 * source, and `--target aws` becomes this test's target.
 */
export function shellOf(step: Step, target: string): string {
  return step
    .run!.replaceAll('node_modules/logwarden/', `${REPO}/`)
    .replaceAll('npx logwarden', CLI.join(' '))
    .replaceAll('--target aws', target);
}

/**
 * Runs steps of a README job in order as GitHub Actions would (`bash -e`, $GITHUB_OUTPUT per step,
 * `if: always()` / `failure()`). `uses:` steps: checkout is the job's clone, setup-node and AWS
 * credentials have nothing to do here, artifacts are copied; `npm ci` is the install this test
 * does not repeat (this checkout is the package).
 */
export async function runSteps(steps: Step[], ctx: JobContext, prior?: JobRun): Promise<JobRun> {
  const job: JobRun = prior ?? { ok: true, runs: [], outputs: new Map(), summary: '' };
  for (const step of steps) {
    if (!shouldRun(step, job.ok)) continue;
    if (step.uses !== undefined) {
      useAction(step, ctx);
      continue;
    }
    if (step.run === 'npm ci') continue;
    const output = join(ctx.sandbox.root, `output-${basename(ctx.checkout.dir)}`);
    const summary = join(ctx.sandbox.root, `summary-${basename(ctx.checkout.dir)}`);
    writeFileSync(output, '');
    const env = { ...ctx.sandbox.env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
    const result = await run(['bash', '--noprofile', '--norc', '-e', '-c', shellOf(step, ctx.target)], ctx.checkout.dir, env);
    job.runs.push({ step, run: result });
    if (result.code !== 0) job.ok = false;
    if (step.id) job.outputs.set(step.id, new Map(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string])));
    if (existsSync(summary)) job.summary = readFileSync(summary, 'utf8');
  }
  return job;
}

function shouldRun(step: Step, ok: boolean): boolean {
  if (step.if === undefined) return ok;
  if (step.if === 'always()') return true;
  if (step.if === 'failure()') return !ok;
  throw new Error(`a step condition this runner does not know: ${step.if}`);
}

function useAction(step: Step, ctx: JobContext): void {
  const action = step.uses!.replace(/@.*/, '');
  const name = step.with?.name ?? '';
  if (action === 'actions/upload-artifact') {
    const into = join(ctx.artifacts, name);
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    for (const path of step.with!.path!.split('\n').filter(Boolean)) {
      if (existsSync(join(ctx.checkout.dir, path))) copyFileSync(join(ctx.checkout.dir, path), join(into, basename(path)));
    }
  } else if (action === 'actions/download-artifact') {
    for (const file of readdirSync(join(ctx.artifacts, name))) copyFileSync(join(ctx.artifacts, name, file), join(ctx.checkout.dir, file));
  } else if (!['actions/checkout', 'actions/setup-node', 'aws-actions/configure-aws-credentials'].includes(action)) {
    throw new Error(`an action this runner does not know: ${step.uses}`);
  }
}

/** Everything the job printed, step by step (for assertion messages). */
export function transcript(job: JobRun): string {
  return job.runs.map(({ step, run: r }) => `$ ${step.run}\n[exit ${r.code}]\n${r.out}${r.err}`).join('\n');
}
