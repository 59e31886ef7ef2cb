import { hasErrors } from '../model/diagnostics.js';
import { scopeKey } from '../model/scope.js';
import { detectDrift, driftSummary, type DriftEntry } from '../plan/drift.js';
import { renderDriftJson, renderDriftText } from '../render/drift.js';
import type { ParsedArgs } from './args.js';
import { fleetTarget, scopeLabel, styleFor, sumCalls } from './plan.js';
import { readFleet } from './read.js';
import { openSession } from './session.js';

/**
 * `logwarden drift [DIR] [--json]`: refresh and compare every scope, strictly read-only. Exit 0 in
 * sync, 2 when anything drifted (changed, missing, orphaned or unmanaged), 1 on error (a scope that
 * could not be read is an error; the others are still reported).
 */
export async function drift(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const session = await openSession(args, 'drift');
  try {
    const read = await readFleet(args.positionals[0] ?? '.', session);
    const entries: DriftEntry[] = hasErrors(read.diagnostics)
      ? []
      : read.scopes
          .filter((r) => !r.error)
          .flatMap((r) => {
            const found = detectDrift(r.desired.resources, r.observed.resources, r.observed.present, session.ownership(r.scope));
            return read.fleet ? found.map((e) => ({ ...e, scope: scopeKey(r.scope) })) : found;
          });
    const view = {
      target: fleetTarget(session, read),
      entries,
      readCalls: sumCalls(read.scopes.map((s) => s.readCalls)),
      diagnostics: read.diagnostics,
      ...(read.fleet && { scopes: read.scopes.map((r) => ({ key: scopeKey(r.scope), label: scopeLabel(r.scope, read.manifest.settings), ...(r.error && { error: r.error }) })) }),
    };
    out.write(args.flag('json') ? renderDriftJson(view) : renderDriftText(view, styleFor(args, out)));
    if (hasErrors(read.diagnostics) || read.scopes.some((r) => r.error)) return 1;
    return driftSummary(entries).drifted ? 2 : 0;
  } finally {
    await session.close();
  }
}
