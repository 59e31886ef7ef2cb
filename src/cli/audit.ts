import { EVERYTHING, refresh } from '../driver/refresh.js';
import { PacedSender } from '../driver/pacing.js';
import { locateViolations } from '../guardrails/diagnostics.js';
import { evaluateGuardrails } from '../guardrails/evaluate.js';
import { TOP_LEVEL_KINDS, topLevel } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import { hasErrors } from '../model/diagnostics.js';
import { emptyResourceSet } from '../model/resources.js';
import { resolveGuardrails } from '../manifest/guardrails.js';
import { loadManifests } from '../manifest/load.js';
import { resolveManifest } from '../manifest/resolve.js';
import { renderAuditJson, renderAuditText } from '../render/audit.js';
import type { ParsedArgs } from './args.js';
import { readFailure, styleFor } from './plan.js';
import { openSession } from './session.js';

/**
 * `logwarden audit [DIR] [--json]`: DIR's guardrails over everything the target holds, unmanaged
 * resources included (all read in depth), strictly read-only. Exit 0 compliant (warnings allowed),
 * 2 when a rule of severity error is violated, 1 on error.
 */
export async function audit(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const session = await openSession(args, 'audit');
  try {
    const manifest = loadManifests(args.positionals[0] ?? '.');
    const desired = resolveManifest(manifest, { account: session.account, region: session.region });
    const guardrails = resolveGuardrails(manifest);
    const diagnostics = [...manifest.diagnostics, ...guardrails.diagnostics];
    if (!hasErrors(diagnostics) && guardrails.rules.length === 0) {
      diagnostics.push({ severity: 'error', summary: 'the manifests configure no guardrails: add a guardrails: section (rules or custom) to audit against' });
    }
    const sender = new PacedSender(session.target.clients);
    const observed = hasErrors(diagnostics) ? { resources: emptyResourceSet() } : await refresh(sender, EVERYTHING).catch((e: unknown) => {
      throw readFailure(e, session.describe);
    });
    const ownership = session.ownership();
    const isManaged = (a: Address) => desired.resources.has(addressKey(topLevel(a))) || ownership.isOwned(topLevel(a));
    const results = locateViolations(evaluateGuardrails(guardrails.rules, observed.resources), (a, member) => (desired.resources.has(addressKey(a)) ? desired.sourceOf(a, member) : undefined));
    const topLevelRead = [...observed.resources.values()].filter((r) => (TOP_LEVEL_KINDS as string[]).includes(r.address.kind));
    const view = {
      target: session.describe,
      results,
      resources: observed.resources.size,
      unmanaged: topLevelRead.filter((r) => !isManaged(r.address)).length,
      isManaged,
      readCalls: sender.calls,
      diagnostics,
    };
    out.write(args.flag('json') ? renderAuditJson(view) : renderAuditText(view, styleFor(args, out)));
    if (hasErrors(diagnostics)) return 1;
    return results.some((r) => r.violations.some((v) => v.severity === 'error')) ? 2 : 0;
  } finally {
    await session.close();
  }
}
