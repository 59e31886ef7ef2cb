import { hasErrors } from '../model/diagnostics.js';
import { detectDrift, driftSummary } from '../plan/drift.js';
import { renderDriftJson, renderDriftText } from '../render/drift.js';
import type { ParsedArgs } from './args.js';
import { readBoth, styleFor } from './plan.js';
import { openSession } from './session.js';

/**
 * `logwarden drift [DIR] [--json]`: refresh and compare, strictly read-only. Exit 0 in sync, 2 when
 * anything drifted (changed, missing, orphaned or unmanaged), 1 on error.
 */
export async function drift(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const session = await openSession(args, 'drift');
  try {
    const read = await readBoth(args.positionals[0] ?? '.', session);
    const entries = hasErrors(read.diagnostics)
      ? []
      : detectDrift(read.desired.resources, read.observed.resources, read.observed.present, session.ownership());
    const view = { target: session.describe, entries, readCalls: read.readCalls, diagnostics: read.diagnostics };
    out.write(args.flag('json') ? renderDriftJson(view) : renderDriftText(view, styleFor(args, out)));
    if (hasErrors(read.diagnostics)) return 1;
    return driftSummary(entries).drifted ? 2 : 0;
  } finally {
    await session.close();
  }
}
