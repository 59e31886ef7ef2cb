import { PacedSender } from '../driver/pacing.js';
import { refresh, type NameSelection, type Observed, type RefreshScope } from '../driver/refresh.js';
import { adviceFor, isApiError } from '../driver/send.js';
import { TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { emptyResourceSet, type Present } from '../model/resources.js';
import { formatScope, scopeKey, type Scope } from '../model/scope.js';
import { loadManifests, type Manifest } from '../manifest/load.js';
import { scopesOf, type Desired } from '../manifest/resolve.js';
import { resolveWithRules, type RuleAttribution } from '../manifest/rules-apply.js';
import { ruleMatches, type LogGroupRule } from '../manifest/rules.js';
import { ownedNames, type OwnedResources } from '../state/workspace.js';
import type { Session } from './session.js';

/** One scope of a fleet, read: what the manifests want there and what the target holds. */
export interface ScopeRead {
  scope: Scope;
  desired: Desired;
  /** The scope's logGroupRules, and which of the declared groups' settings they gave. */
  rules: LogGroupRule[];
  ruleAttribution: RuleAttribution;
  /** The names read in depth: declared, owned, and the groups a rule matches. */
  refresh: RefreshScope;
  observed: Observed;
  readCalls: Record<string, number>;
  /** Reading this scope failed (the others' reads stand): nothing can be planned in it. */
  error?: string;
}

/** The manifests of DIR and every scope they (or state/'s ownership records) place resources in, read. */
export interface FleetRead {
  manifest: Manifest;
  /** A plan across several scopes, or manifests that name theirs: reports name each scope. */
  fleet: boolean;
  scopes: ScopeRead[];
  diagnostics: Diagnostic[];
}

/** Names to read in depth: everything declared, and everything owned (it may have to be deleted). */
function refreshScope(desired: Desired, owned: OwnedResources): RefreshScope {
  const scope: Partial<Record<ResourceKind, Set<string>>> = {};
  for (const kind of TOP_LEVEL_KINDS) scope[kind] = new Set([...desired.declared.get(kind)!, ...ownedNames(owned, kind)]);
  return scope;
}

/** The refresh scope with every log group a rule matches read in depth too (found as the listing goes). */
function withMatches(scope: RefreshScope, rules: readonly LogGroupRule[]): Partial<Record<ResourceKind, NameSelection>> {
  if (rules.length === 0) return scope;
  const named = scope.logGroup ?? new Set<string>();
  return { ...scope, logGroup: { has: (name) => named.has(name) || rules.some((r) => ruleMatches(r, name)), size: named.size + rules.length } };
}

/** The names read in depth, as names (what a saved plan re-reads): the refresh scope and the groups rules matched. */
function matchedNames(scope: RefreshScope, present: Present, rules: readonly LogGroupRule[]): RefreshScope {
  if (rules.length === 0) return scope;
  const matched = (present.logGroup ?? []).filter((name) => rules.some((r) => ruleMatches(r, name)));
  return { ...scope, logGroup: new Set([...(scope.logGroup ?? []), ...matched]) };
}

/** A failure to read a scope, naming the target, the call and what to do. */
export function readFailure(e: unknown, target: string): string {
  if (!isApiError(e)) return (e as Error).message ?? String(e);
  return `reading ${target} failed: ${e.operation ? `${e.operation}: ` : ''}${e.code}: ${e.message}; ${adviceFor(e)}`;
}

/**
 * Loads DIR and reads every scope in parallel, each through its own clients and pacing. The scopes
 * are the manifests' (what they leave out is the target's own account and region) and those
 * state/ owns resources in (what no manifest declares there any more is deleted).
 */
export async function readFleet(dir: string, session: Session): Promise<FleetRead> {
  const manifest = loadManifests(dir);
  const diagnostics = [...manifest.diagnostics, ...pinConflict(manifest, session)];
  const declared = scopesOf(manifest, session.defaults);
  const keys = new Set(declared.map(scopeKey));
  const scopes = [...declared, ...session.ownedScopes().filter((s) => !keys.has(scopeKey(s)))];
  const named = [...manifest.scopes.values()].some((s) => s.declared.account !== undefined || s.declared.region !== undefined);
  const reads = await Promise.all(scopes.map((scope) => readScope(manifest, scope, session, hasErrors(diagnostics))));
  for (const r of reads) diagnostics.push(...r.desired.diagnostics);
  return { manifest, fleet: named || scopes.length > 1, scopes: reads, diagnostics };
}

async function readScope(manifest: Manifest, scope: Scope, session: Session, broken: boolean): Promise<ScopeRead> {
  const { desired, rules, attribution } = resolveWithRules(manifest, scope, session.defaults);
  const scoped = refreshScope(desired, session.owned(scope));
  const read: ScopeRead = { scope, desired, rules, ruleAttribution: attribution, refresh: scoped, observed: { resources: emptyResourceSet(), present: {}, facts: new Map() }, readCalls: {} };
  if (broken || hasErrors(desired.diagnostics)) return read;
  try {
    const sender = new PacedSender(session.clientsFor(scope, manifest.settings));
    read.readCalls = sender.calls;
    read.observed = await refresh(sender, withMatches(scoped, rules));
    read.refresh = matchedNames(scoped, read.observed.present, rules);
  } catch (e) {
    read.error = readFailure(e, session.describeScope(scope));
  }
  return read;
}

/**
 * Manifests that leave their account or region to the target are pinned to where they were first
 * applied: a target that now says otherwise (a stray AWS_REGION) is an error, never a move.
 */
function pinConflict(manifest: Manifest, session: Session): Diagnostic[] {
  const pinned = session.workspace.pinnedScope(session.prefix);
  const open = [...manifest.scopes.values()].some((s) => s.declared.account === undefined || s.declared.region === undefined);
  if (!open || !pinned || scopeKey(pinned) === scopeKey(session.defaults)) return [];
  if (Object.keys(session.owned(pinned)).length === 0) return [];
  return [
    {
      severity: 'error',
      summary:
        `manifests without a scope were applied to ${formatScope(pinned)}, and the target is now ${formatScope(session.defaults)}: ` +
        `logwarden never moves resources because of the environment. Run with --region ${pinned.region}${pinned.account !== session.defaults.account ? ` and the credentials of ${pinned.account}` : ''}, ` +
        'or declare `scope:` (in the manifests or a logwarden.yaml) to place them — and to move them on purpose',
    },
  ];
}
