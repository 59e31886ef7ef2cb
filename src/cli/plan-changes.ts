import { topLevel } from '../kinds/index.js';
import { formatAddress, type Address } from '../model/address.js';
import type { CallResult } from '../model/calls.js';
import type { Change } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { resourceSet, type ResourceSet } from '../model/resources.js';
import type { Manifest } from '../manifest/load.js';
import { declaredProtection } from '../manifest/protection.js';
import { ruleMatches } from '../manifest/rules.js';
import { diffResources } from '../plan/changes.js';
import { protectionRefusals, withProtection, type Protection, type Refusal } from '../plan/protection.js';
import { annotateRules, ruleOverlay } from '../plan/rules.js';
import { formatBytes } from '../render/cost-text.js';
import type { ScopeRead } from './read.js';
import type { Session } from './session.js';

/** One scope's changes and what a plan needs beside them. */
export interface ScopeChanges {
  changes: Change[];
  /** What the manifests want there, with the rules' settings on the unmanaged groups they match (the re-read after apply checks it). */
  desired: ResourceSet;
  refusals: Refusal[];
  diagnostics: Diagnostic[];
}

/** The protection of one scope's log groups: their declarations, state's records, what they hold. */
export function protectionOf(r: ScopeRead, manifest: Manifest, session: Session): Protection {
  const owned = session.owned(r.scope);
  return {
    declared: declaredProtection(manifest, r.scope, session.defaults),
    recordedUnprotected: (name) => owned[`logGroup:${name}`]?.protected === false,
    storedBytes: (name) => r.observed.facts.get(`logGroup:${name}`)?.storedBytes,
  };
}

/**
 * One scope's changes: the declarations' (what a rule gave a declared group named as the rule's),
 * the rules' over the unmanaged groups they match, and each declared group's protection where state
 * has to learn it; and the deletes of groups holding data that protection refuses.
 */
export function scopeChanges(r: ScopeRead, manifest: Manifest, session: Session): ScopeChanges {
  const ownership = session.ownership(r.scope);
  const declared = annotateRules(diffResources(r.desired.resources, r.observed.resources, ownership), r.ruleAttribution);
  const overlay = ruleOverlay(r.rules, r.desired.resources, r.observed.resources, ownership);
  const protection = protectionOf(r, manifest, session);
  const changes = withProtection([...declared, ...overlay.changes], protection);
  const desired = overlay.resources.size ? resourceSet([...r.desired.resources.values(), ...overlay.resources.values()]) : r.desired.resources;
  return { changes, desired, refusals: protectionRefusals(changes, protection), diagnostics: overlay.diagnostics };
}

/** A refused delete or replacement as an error: what it holds, what would delete it, and the two ways out. */
export function refusalDiagnostic(refusal: Refusal, r: ScopeRead, fleet: boolean): Diagnostic {
  const what = formatAddress(refusal.address);
  const where = fleet ? ` (${r.scope.account} ${r.scope.region})` : '';
  const how = refusal.action === 'delete' ? 'deletes it (it is owned and no longer declared)' : 'replaces it (a create-only attribute changes)';
  return {
    severity: 'error',
    summary: `${what}${where} holds ${formatBytes(refusal.storedBytes)} of log events, and this plan ${how}: its events would be deleted with it`,
    detail:
      refusal.action === 'delete'
        ? 'Plan again with --allow-destroy to delete it and its events; or declare it again with protected: false, apply, and then remove the declaration.'
        : 'Plan again with --allow-destroy to replace it and lose its events; or set protected: false on its declaration first.',
    address: refusal.address,
    source: refusal.action === 'replace' ? r.desired.sourceOf(refusal.address) : undefined,
  };
}

const DELETION_PROTECTED = 'Cannot delete log group with deletion protection enabled';

/**
 * A delete AWS refuses because of the group's own deletion protection: the diagnostic says how to
 * lift it with logwarden (which never turns it off by itself).
 */
export function deletionProtectionAdvice(d: Diagnostic, result: CallResult): Diagnostic | undefined {
  if (result.call.operation !== 'DeleteLogGroup' || !result.error?.message.startsWith(DELETION_PROTECTED)) return undefined;
  const what = formatAddress(result.call.address);
  return {
    ...d,
    detail: `${what} has CloudWatch Logs deletion protection on. To delete or replace it, declare it with deletionProtectionEnabled: false and apply that first; logwarden never turns deletion protection off by itself. ${d.detail ?? ''}`.trim(),
  };
}

/** Where the manifests say what a call does: the resource's declaration, else the rule that matches its log group. */
export function sourceWithRules(r: ScopeRead) {
  return (address: Address, member?: string) => {
    const declared = r.desired.sourceOf(address, member);
    if (declared) return declared;
    const group = topLevel(address);
    return group.kind === 'logGroup' ? r.rules.find((rule) => ruleMatches(rule, group.name))?.source : undefined;
  };
}
