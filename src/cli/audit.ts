import { EVERYTHING, refresh } from '../driver/refresh.js';
import { PacedSender } from '../driver/pacing.js';
import { locateViolations } from '../guardrails/diagnostics.js';
import { evaluateGuardrails } from '../guardrails/evaluate.js';
import type { RuleResult } from '../guardrails/types.js';
import { TOP_LEVEL_KINDS, topLevel } from '../kinds/index.js';
import { addressKey, type Address } from '../model/address.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { scopeKey, type Scope } from '../model/scope.js';
import { resolveGuardrails } from '../manifest/guardrails.js';
import { loadManifests, type Manifest } from '../manifest/load.js';
import { resolveManifest, scopesOf } from '../manifest/resolve.js';
import { renderAuditJson, renderAuditText } from '../render/audit.js';
import type { ParsedArgs } from './args.js';
import { fleetTarget, styleFor, sumCalls } from './plan.js';
import { readFailure } from './read.js';
import { openSession, type Session } from './session.js';

/** One scope audited: its rule results, what was read, and which of it is managed. */
interface ScopeAudit {
  results: RuleResult[];
  resources: number;
  unmanaged: number;
  isManaged(address: Address): boolean;
  readCalls: Record<string, number>;
}

/**
 * `logwarden audit [DIR] [--json]`: DIR's guardrails over everything the target holds in every
 * scope the manifests place resources in, unmanaged resources included (all read in depth),
 * strictly read-only. Exit 0 compliant (warnings allowed), 2 when a rule of severity error is
 * violated, 1 on error (a scope that cannot be read is one).
 */
export async function audit(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const session = await openSession(args, 'audit');
  try {
    const manifest = loadManifests(args.positionals[0] ?? '.');
    const guardrails = resolveGuardrails(manifest);
    const diagnostics: Diagnostic[] = [...manifest.diagnostics, ...guardrails.diagnostics];
    if (!hasErrors(diagnostics) && guardrails.rules.length === 0) {
      diagnostics.push({ severity: 'error', summary: 'the manifests configure no guardrails: add a guardrails: section (rules or custom) to audit against' });
    }
    const scopes = scopesOf(manifest, session.defaults);
    const fleet = scopes.length > 1;
    const audits = hasErrors(diagnostics) ? [] : await Promise.all(scopes.map((scope) => auditScope(manifest, scope, session, guardrails.rules, fleet, diagnostics)));
    const managed = new Map(audits.map((a, i) => [scopeKey(scopes[i]!), a]));
    const view = {
      target: fleetTarget(session, { fleet, scopes: scopes.map((scope) => ({ scope })) }),
      results: mergeResults(audits.map((a) => a.results)),
      resources: audits.reduce((n, a) => n + a.resources, 0),
      unmanaged: audits.reduce((n, a) => n + a.unmanaged, 0),
      isManaged: (address: Address, scope?: string) => (managed.get(scope ?? scopeKey(scopes[0]!)) ?? audits[0])?.isManaged(address) ?? false,
      readCalls: sumCalls(audits.map((a) => a.readCalls)),
      diagnostics,
    };
    out.write(args.flag('json') ? renderAuditJson(view) : renderAuditText(view, styleFor(args, out)));
    if (hasErrors(diagnostics)) return 1;
    return view.results.some((r) => r.violations.some((v) => v.severity === 'error')) ? 2 : 0;
  } finally {
    await session.close();
  }
}

async function auditScope(manifest: Manifest, scope: Scope, session: Session, rules: ReturnType<typeof resolveGuardrails>['rules'], fleet: boolean, diagnostics: Diagnostic[]): Promise<ScopeAudit> {
  const desired = resolveManifest(manifest, scope, session.defaults);
  const sender = new PacedSender(session.clientsFor(scope, manifest.settings));
  const ownership = session.ownership(scope);
  const isManaged = (a: Address) => desired.resources.has(addressKey(topLevel(a))) || ownership.isOwned(topLevel(a));
  let observed;
  try {
    observed = await refresh(sender, EVERYTHING);
  } catch (e) {
    diagnostics.push({ severity: 'error', summary: readFailure(e, session.describeScope(scope)) });
    return { results: [], resources: 0, unmanaged: 0, isManaged, readCalls: sender.calls };
  }
  const located = locateViolations(evaluateGuardrails(rules, observed.resources), (a, member) => (desired.resources.has(addressKey(a)) ? desired.sourceOf(a, member) : undefined));
  const results = fleet ? located.map((r) => ({ ...r, violations: r.violations.map((v) => ({ ...v, scope: scopeKey(scope) })) })) : located;
  const topLevelRead = [...observed.resources.values()].filter((r) => (TOP_LEVEL_KINDS as string[]).includes(r.address.kind));
  return { results, resources: observed.resources.size, unmanaged: topLevelRead.filter((r) => !isManaged(r.address)).length, isManaged, readCalls: sender.calls };
}

/** One result per rule over every scope: what each checked, added up, and every violation. */
function mergeResults(perScope: RuleResult[][]): RuleResult[] {
  const byRule = new Map<string, RuleResult>();
  for (const results of perScope) {
    for (const r of results) {
      const seen = byRule.get(r.rule);
      byRule.set(r.rule, seen ? { ...seen, checked: seen.checked + r.checked, violations: [...seen.violations, ...r.violations] } : r);
    }
  }
  return [...byRule.values()];
}
