import { refresh, type Observed } from '../driver/refresh.js';
import { PacedSender } from '../driver/pacing.js';
import type { ApiCall } from '../model/calls.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { emptyResourceSet } from '../model/resources.js';
import { loadManifests } from '../manifest/load.js';
import { resolveManifest, type Desired } from '../manifest/resolve.js';
import { planCalls } from '../plan/calls.js';
import { diffResources, type Change } from '../plan/changes.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderDiagnostics, renderPlanText } from '../render/plan-text.js';
import { COLOR, NO_COLOR, type Style } from '../render/values.js';
import type { ParsedArgs } from './args.js';
import { simulate, simulationDiagnostics } from './simulate.js';
import { openTarget, type OpenTarget } from './target.js';

/** A computed plan, everything `plan` prints and `apply` needs. */
export interface ComputedPlan {
  target: string;
  desired: Desired;
  observed: Observed;
  changes: Change[];
  calls: ApiCall[];
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
}

/** Colour only on a TTY, never with --no-color or NO_COLOR. */
export function styleFor(args: ParsedArgs, out: NodeJS.WritableStream): Style {
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  return tty && !args.flag('no-color') && !process.env.NO_COLOR ? COLOR : NO_COLOR;
}

const DEFAULT_CONTEXT = { account: '123456789012', region: 'us-east-1' };

/** `logwarden validate [DIR]`: manifests checked, then every resource simulated onto an empty engine. */
export async function validate(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const manifest = loadManifests(dir);
  const ctx = { account: args.string('account') ?? DEFAULT_CONTEXT.account, region: args.string('region') ?? DEFAULT_CONTEXT.region };
  const desired = resolveManifest(manifest, ctx);
  const diagnostics = [...manifest.diagnostics, ...desired.diagnostics];
  if (!hasErrors(diagnostics)) {
    const calls = planCalls(diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }), ctx);
    const results = await simulate(calls, { observed: emptyResourceSet() }, desired.externals, ctx);
    diagnostics.push(...simulationDiagnostics(results, desired.sourceOf));
  }
  const style = styleFor(args, out);
  if (diagnostics.length) out.write(renderDiagnostics(diagnostics, style).join('\n'));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  out.write(errors ? `${errors} error${errors === 1 ? '' : 's'} in ${manifest.files.length} file(s).\n` : `The manifests are valid (${manifest.files.length} file(s)).\n`);
  return errors ? 1 : 0;
}

/** Loads, refreshes, diffs, orders and simulates: the plan of DIR against an open target. */
export async function computePlan(dir: string, target: OpenTarget): Promise<ComputedPlan> {
  const manifest = loadManifests(dir);
  const sender = new PacedSender(target.clients);
  const declared = (section: keyof typeof manifest.sections) => new Set(Object.keys(manifest.sections[section]));
  const observed = hasErrors(manifest.diagnostics)
    ? { resources: emptyResourceSet(), present: { logGroups: [], destinations: [], resourcePolicies: [], trails: [] } }
    : await refresh(sender, { logGroups: declared('logGroups'), destinations: declared('destinations'), trails: declared('trails') });
  const ctx = { account: target.account ?? accountFromObserved(observed) ?? DEFAULT_CONTEXT.account, region: target.region };
  const desired = resolveManifest(manifest, ctx);
  const diagnostics = [...manifest.diagnostics, ...desired.diagnostics];
  let changes: Change[] = [];
  let calls: ApiCall[] = [];
  if (!hasErrors(diagnostics)) {
    changes = diffResources(desired.resources, observed.resources, { isOwned: () => false });
    calls = planCalls(changes, ctx);
    const seed = target.engine ? { world: target.engine.world } : { observed: observed.resources };
    diagnostics.push(...simulationDiagnostics(await simulate(calls, seed, desired.externals, ctx), desired.sourceOf));
  }
  return { target: target.clients.describe, desired, observed, changes, calls, readCalls: sender.calls, diagnostics };
}

/** The account id, read off an ARN the target returned (remote targets without --account). */
function accountFromObserved(observed: Observed): string | undefined {
  for (const g of Object.values(observed.resources.trails)) {
    const m = /:(\d{12}):/.exec(g.cloudWatchLogsLogGroupArn ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** `logwarden plan [DIR] [--json] [--detailed-exitcode]`. */
export async function plan(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const target = openTarget(args, 'plan');
  try {
    const p = await computePlan(args.positionals[0] ?? '.', target);
    out.write(args.flag('json') ? renderPlanJson(p) : renderPlanText(p, styleFor(args, out)));
    if (hasErrors(p.diagnostics)) return 1;
    const changed = p.changes.some((c) => c.action !== 'no-op' || c.adopt);
    return args.flag('detailed-exitcode') && changed ? 2 : 0;
  } finally {
    await target.close();
  }
}
