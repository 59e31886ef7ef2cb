import { globMatch } from '../guardrails/glob.js';
import { dataProtectionPolicyKind, type DataProtectionPolicy } from '../kinds/data-protection-policy.js';
import { subscriptionFilterKind, type SubscriptionFilter } from '../kinds/subscription-filter.js';
import type { MemberPath, ResolveContext, Scope } from '../kinds/types.js';
import { formatSource, type Diagnostic, type SourceRange } from '../model/diagnostics.js';
import { canonicalTags } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { scopeKey } from '../model/scope.js';
import type { Manifest, ScopeManifest } from './load.js';
import { pathKey } from './read.js';
import { concreteScope } from './resolve.js';
import { declaredScopeKey } from './scope.js';
import { RULE_SETTINGS } from './rules-schema.js';

/**
 * `logGroupRules:` — for the log groups AWS services create on their own (Lambda, API Gateway,
 * ECS…), which no manifest lists: settings by name glob, applied to every matching group found in
 * the target. A declared group takes a rule's setting only where its declaration says nothing;
 * an undeclared one (left unmanaged otherwise) gets exactly what the rules set, and keeps the rest.
 */
export interface LogGroupRule {
  name: string;
  match: string;
  exclude: string[];
  /** As declared, in a log group declaration's spelling (merged into declarations that leave them out). */
  raw: Record<string, unknown>;
  /** The group's own settings, canonical. */
  group: { retentionInDays?: number; kmsKeyId?: string; deletionProtectionEnabled?: boolean; tags?: Tags };
  dataProtectionPolicy?: DataProtectionPolicy;
  subscriptionFilters: Map<string, SubscriptionFilter>;
  source?: SourceRange;
}

/** Whether a rule covers a log group: its name matches `match` and none of `exclude`. */
export const ruleMatches = (rule: LogGroupRule, name: string): boolean => globMatch(rule.match, name) && !rule.exclude.some((g) => globMatch(g, name));

/** One document's `logGroupRules:` into its scope; a rule named twice in one scope is an error naming both places. */
export function mergeRules(manifest: Manifest, into: ScopeManifest, read: unknown, declared: Map<string, SourceRange>): void {
  for (const [name, settings] of Object.entries((read ?? {}) as Record<string, Record<string, unknown>>)) {
    const here = into.sources.get(pathKey(['logGroupRules', name]));
    const key = `${declaredScopeKey(into.declared)}|logGroupRules:${name}`;
    const first = declared.get(key);
    if (first && here) {
      manifest.diagnostics.push({ severity: 'error', summary: `logGroupRules '${name}' is declared twice: at ${formatSource(first)} and at ${formatSource(here)}`, source: here });
      // the first one stands, where it was said
      into.sources.set(pathKey(['logGroupRules', name]), first);
      continue;
    }
    if (here) declared.set(key, here);
    into.rules.set(name, settings);
  }
}

/** The rules of one scope in canonical form (a rule's subscription filters and policy through their kinds' resolve). */
export function resolveRules(manifest: Manifest, scope: Scope, defaults: Scope): { rules: LogGroupRule[]; diagnostics: Diagnostic[] } {
  const parts = [...manifest.scopes.values()].filter((p) => scopeKey(concreteScope(p.declared, defaults)) === scopeKey(scope));
  const diagnostics: Diagnostic[] = [];
  const rules: LogGroupRule[] = [];
  const seen = new Map<string, SourceRange | undefined>();
  for (const part of parts) {
    for (const [name, raw] of part.rules) {
      const at = (path: MemberPath = []) => part.sources.get(pathKey(['logGroupRules', name, ...path])) ?? part.sources.get(pathKey(['logGroupRules', name]));
      if (seen.has(name)) {
        const first = seen.get(name);
        diagnostics.push({ severity: 'error', summary: `logGroupRules '${name}' is declared twice for the same account and region: at ${first ? formatSource(first) : '?'} and at ${formatSource(at()!)}`, source: at() });
        continue;
      }
      seen.set(name, at());
      const fail = (summary: string, member?: string | MemberPath) => diagnostics.push({ severity: 'error', summary, source: at(member === undefined ? [] : typeof member === 'string' ? [member] : member) });
      const rule = resolveRule(name, raw, ruleContext(manifest, scope, defaults, fail), at());
      if (rule) rules.push(rule);
    }
  }
  return { rules, diagnostics };
}

function resolveRule(name: string, raw: Record<string, unknown>, ctx: ResolveContext, source: SourceRange | undefined): LogGroupRule | undefined {
  const settings = Object.fromEntries(RULE_SETTINGS.filter((k) => Object.hasOwn(raw, k)).map((k) => [k, raw[k]]));
  if (Object.keys(settings).length === 0) {
    ctx.fail(`logGroupRules '${name}' sets nothing: give it one of ${RULE_SETTINGS.join(', ')}`);
    return undefined;
  }
  const rule: LogGroupRule = { name, match: raw.match as string, exclude: (raw.exclude ?? []) as string[], raw: settings, group: {}, subscriptionFilters: new Map(), ...(source && { source }) };
  if (settings.retentionInDays !== undefined) rule.group.retentionInDays = settings.retentionInDays as number;
  if (settings.kmsKeyId !== undefined) rule.group.kmsKeyId = settings.kmsKeyId as string;
  if (settings.deletionProtectionEnabled !== undefined) rule.group.deletionProtectionEnabled = settings.deletionProtectionEnabled as boolean;
  if (settings.tags !== undefined) rule.group.tags = canonicalTags(settings.tags as Tags);
  const parent = `logGroupRules.${name}`;
  if (settings.dataProtectionPolicy !== undefined) rule.dataProtectionPolicy = dataProtectionPolicyKind.resolve({ name: parent, parent, spec: settings.dataProtectionPolicy }, ctx);
  for (const [key, spec] of Object.entries((settings.subscriptionFilters ?? {}) as Record<string, unknown>)) {
    const filterCtx = { ...ctx, fail: (summary: string, member?: string | MemberPath) => ctx.fail(summary, ['subscriptionFilters', key, ...(member === undefined ? [] : typeof member === 'string' ? [member] : member)]) };
    const filter = subscriptionFilterKind.resolve({ name: `${parent}/${key}`, key, parent, spec }, filterCtx);
    if (filter) rule.subscriptionFilters.set(key, filter);
  }
  return rule;
}

/** What resolving a rule's parts may ask: the scope's declarations (a destination by name) and accounts. */
function ruleContext(manifest: Manifest, scope: Scope, defaults: Scope, fail: ResolveContext['fail']): ResolveContext {
  return {
    ...scope,
    defaultTags: {},
    isDeclared: (kind, name, where = scope) =>
      [...manifest.scopes.values()].some((p) => scopeKey(concreteScope(p.declared, defaults)) === scopeKey(where) && (p.names.get(kind as never)?.has(name) ?? false)),
    accountId: (idOrAlias) => (/^\d{12}$/.test(idOrAlias) ? idOrAlias : manifest.settings.accounts.get(idOrAlias)?.id),
    fail,
  };
}

