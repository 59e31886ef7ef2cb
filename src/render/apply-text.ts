import { formatAddress, type Address } from '../model/address.js';
import type { CallResult } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { outcomeKey, type ResourceOutcome, type RunReport } from '../apply/run.js';
import { summarize } from './plan-text.js';
import type { Style } from './values.js';

const PAST: Record<Change['action'], string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'destroyed',
  'no-op': 'unchanged',
};

/** The first failure of a resource, as AWS said it: `PutMetricFilter: InvalidParameterException: …`. */
function failure(results: CallResult[]): CallResult | undefined {
  return results.find((r) => r.status === 'failed') ?? results.find((r) => r.status === 'skipped');
}

function outcomeText(o: ResourceOutcome, action: Change['action'] | undefined, s: Style): string {
  if (o.status === 'done') return s.add(action ? PAST[action] : 'done');
  const f = failure(o.results)!;
  if (o.status === 'not attempted') return s.dim(f.error!.message);
  const done = o.results.filter((r) => r.status === 'done').map((r) => r.call.operation);
  const partly = done.length ? ` (done before it: ${done.join(', ')})` : '';
  return s.remove(`failed: ${f.call.operation}: ${f.error!.code}: ${f.error!.message}`) + partly;
}

/** A resource as reports name it: its address, after its scope in a plan across several. */
const where = (o: { address: Address; scope?: string }) => `${o.scope ? `${o.scope.replace('/', ' ')} ` : ''}${formatAddress(o.address)}`;

/** One progress line per completed resource: `[3/40] logGroup "/app/api": created`. */
export function progressLine(o: ResourceOutcome, done: number, total: number, action: Change['action'] | undefined, s: Style): string {
  const width = String(total).length;
  return `[${String(done).padStart(width)}/${total}] ${where(o)}: ${outcomeText(o, action, s)}`;
}

/** What the re-read after an apply found, over every scope: scopes that could not be re-read say why. */
export interface ConvergenceView {
  checked: number;
  diverged: Change[];
  errors: string[];
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * The end of an apply: what was done, what failed with AWS's error, what was not attempted, the
 * calls and retries, and whether a re-read confirmed the target now matches.
 */
export function renderApplyReport(changes: Change[], run: RunReport, convergence: ConvergenceView, s: Style): string {
  const actionOf = new Map(changes.map((c) => [outcomeKey(c.scope, c.address), c.action]));
  const failed = run.resources.filter((o) => o.status === 'failed');
  const skipped = run.resources.filter((o) => o.status === 'not attempted');
  const lines: string[] = [''];
  if (failed.length + skipped.length === 0) {
    const n = summarize(changes);
    lines.push(
      s.bold(s.add(`Apply complete! Resources: ${n.add} added, ${n.change} changed, ${n.replace} replaced, ${n.destroy} destroyed`)) +
        (n.adopt ? `, ${n.adopt} adopted.` : '.'),
    );
  } else {
    const ok = run.resources.length - failed.length - skipped.length;
    lines.push(s.bold(s.remove(`Apply incomplete: ${ok} of ${count(run.resources.length, 'resource')} done, ${failed.length} failed, ${skipped.length} not attempted.`)));
    const section = (title: string, list: ResourceOutcome[]) => {
      if (!list.length) return;
      lines.push('', `${title}:`);
      for (const o of list) lines.push(`  ${where(o)}: ${outcomeText(o, actionOf.get(outcomeKey(o.scope, o.address)), s)}`);
    };
    section('Failed', failed);
    section('Not attempted', skipped);
    section('Done', run.resources.filter((o) => o.status === 'done'));
  }
  for (const c of changes.filter((x) => x.protection)) {
    lines.push(`State: ${where(c)} is ${c.protection === 'off' ? 'unprotected (protected: false): deleting it with its events needs no --allow-destroy' : 'protected again'}.`);
  }
  const retries = sum(run.retries);
  lines.push(`${count(sum(run.calls), 'call')} sent${retries ? `, ${count(retries, 'retry', 'retries')} after transient errors` : ''}.`);
  for (const error of convergence.errors) lines.push(s.remove(`Could not confirm convergence: re-reading the target failed: ${error}`));
  if (convergence.errors.length === 0 || convergence.checked > 0) lines.push(...convergenceLines(convergence, s));
  if (failed.length + skipped.length || convergence.errors.length) lines.push('', "Nothing else was changed. Run 'logwarden plan' to see exactly the remaining work.");
  return `${lines.join('\n')}\n`;
}

function convergenceLines(c: ConvergenceView, s: Style): string[] {
  if (c.diverged.length === 0) return [s.add(`Converged: re-read ${count(c.checked, 'resource')}; the target matches the manifests.`)];
  return [
    s.remove(`Not converged: re-read ${count(c.checked, 'resource')}; ${c.diverged.length} still differ:`),
    ...c.diverged.map((d) => `  ${where(d)}: ${d.action}${d.attributes.length ? ` (${d.attributes.map((a) => a.path).join(', ')})` : ''}`),
  ];
}
