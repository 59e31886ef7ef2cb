import { sameJson } from '../model/normalize.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { scopeKey, type Scope } from '../model/scope.js';
import type { Manifest, ScopeManifest } from './load.js';
import { pathKey } from './read.js';
import { concreteScope, resolveManifest, type Desired } from './resolve.js';
import { resolveRules, ruleMatches, type LogGroupRule } from './rules.js';

type GroupSetting = 'retentionInDays' | 'kmsKeyId' | 'deletionProtectionEnabled';
const GROUP_SETTINGS: GroupSetting[] = ['retentionInDays', 'kmsKeyId', 'deletionProtectionEnabled'];

/** What the rules matching one log group give it, each setting with the rule it comes from. */
export interface Applicable {
  rules: LogGroupRule[];
  group: Map<GroupSetting, LogGroupRule>;
  tags: Map<string, LogGroupRule>;
  dataProtectionPolicy?: LogGroupRule;
  subscriptionFilters: Map<string, LogGroupRule>;
  /** Settings two rules give differently: neither applies, and the plan fails saying so. */
  conflicts: string[];
}

/** Which rule sets what in one resource (by address key): attribute path → rule, tag key → rule, or the whole resource. */
export interface RuleSource {
  attributes: Map<string, string>;
  tags: Map<string, string>;
  whole?: string;
}
export type RuleAttribution = Map<string, RuleSource>;

/** The rules matching a group, merged; undefined when none matches. */
export function applicableRules(name: string, rules: readonly LogGroupRule[]): Applicable | undefined {
  const matching = rules.filter((r) => ruleMatches(r, name));
  if (matching.length === 0) return undefined;
  const out: Applicable = { rules: matching, group: new Map(), tags: new Map(), subscriptionFilters: new Map(), conflicts: [] };
  const claim = <K>(map: Map<K, LogGroupRule>, key: K, rule: LogGroupRule, value: (r: LogGroupRule) => unknown, what: string) => {
    const earlier = map.get(key);
    if (!earlier) return void map.set(key, rule);
    if (!sameJson(value(earlier), value(rule))) out.conflicts.push(`rules '${earlier.name}' and '${rule.name}' both set ${what}, differently`);
  };
  for (const rule of matching) {
    for (const s of GROUP_SETTINGS) if (rule.group[s] !== undefined) claim(out.group, s, rule, (r) => r.group[s], s);
    for (const k of Object.keys(rule.group.tags ?? {})) claim(out.tags, k, rule, (r) => r.group.tags![k], `tag '${k}'`);
    for (const f of rule.subscriptionFilters.keys()) claim(out.subscriptionFilters, f, rule, (r) => r.subscriptionFilters.get(f), `subscription filter '${f}'`);
    if (rule.dataProtectionPolicy) {
      if (!out.dataProtectionPolicy) out.dataProtectionPolicy = rule;
      else if (!sameJson(out.dataProtectionPolicy.dataProtectionPolicy, rule.dataProtectionPolicy)) out.conflicts.push(`rules '${out.dataProtectionPolicy.name}' and '${rule.name}' both set dataProtectionPolicy, differently`);
    }
  }
  return out;
}

/**
 * The manifest with every declared log group of the scope given what matching rules set and its
 * declaration leaves out (its own tags and filters win, key by key; a DELIVERY group's retention is
 * AWS's), and which rule gave what. Declarations are copied, never changed in place.
 */
export function applyRulesToDeclarations(manifest: Manifest, scope: Scope, defaults: Scope, rules: readonly LogGroupRule[]): { manifest: Manifest; attribution: RuleAttribution; diagnostics: Diagnostic[] } {
  const attribution: RuleAttribution = new Map();
  const diagnostics: Diagnostic[] = [];
  if (rules.length === 0) return { manifest, attribution, diagnostics };
  const scopes = new Map<string, ScopeManifest>();
  for (const [key, part] of manifest.scopes) {
    if (scopeKey(concreteScope(part.declared, defaults)) !== scopeKey(scope)) {
      scopes.set(key, part);
      continue;
    }
    const groups = new Map<string, unknown>();
    for (const [name, spec] of part.declarations.get('logGroup')!) {
      const applicable = applicableRules(name, rules);
      if (applicable?.conflicts.length) {
        diagnostics.push({ severity: 'error', summary: `log group '${name}': ${applicable.conflicts.join('; ')}; narrow one with exclude, or declare the setting`, address: { kind: 'logGroup', name }, source: part.sources.get(pathKey(['logGroups', name])) });
      }
      groups.set(name, applicable ? merged(name, spec as Record<string, unknown>, applicable, attribution) : spec);
    }
    scopes.set(key, { ...part, declarations: new Map([...part.declarations, ['logGroup', groups]]) });
  }
  return { manifest: { ...manifest, scopes }, attribution, diagnostics };
}

/** One declaration with the rules' settings where it says nothing. */
function merged(name: string, spec: Record<string, unknown>, a: Applicable, attribution: RuleAttribution): Record<string, unknown> {
  const out = { ...spec };
  const source: RuleSource = { attributes: new Map(), tags: new Map() };
  for (const [setting, rule] of a.group) {
    if (Object.hasOwn(spec, setting) || (setting === 'retentionInDays' && spec.logGroupClass === 'DELIVERY')) continue;
    out[setting] = rule.raw[setting];
    source.attributes.set(setting, rule.name);
  }
  const own = (spec.tags ?? {}) as Record<string, string>;
  const ruleTags = [...a.tags].filter(([k]) => !Object.hasOwn(own, k));
  if (ruleTags.length) {
    out.tags = { ...Object.fromEntries(ruleTags.map(([k, rule]) => [k, rule.group.tags![k]])), ...own };
    for (const [k, rule] of ruleTags) source.tags.set(k, rule.name);
  }
  if (a.dataProtectionPolicy && !Object.hasOwn(spec, 'dataProtectionPolicy')) {
    out.dataProtectionPolicy = a.dataProtectionPolicy.raw.dataProtectionPolicy;
    attribution.set(`dataProtectionPolicy:${name}`, { attributes: new Map(), tags: new Map(), whole: a.dataProtectionPolicy.name });
  }
  const filters = (spec.subscriptionFilters ?? {}) as Record<string, unknown>;
  const added = [...a.subscriptionFilters].filter(([f]) => !Object.hasOwn(filters, f));
  if (added.length) {
    out.subscriptionFilters = { ...filters, ...Object.fromEntries(added.map(([f, rule]) => [f, (rule.raw.subscriptionFilters as Record<string, unknown>)[f]])) };
    for (const [f, rule] of added) attribution.set(`subscriptionFilter:${name}/${f}`, { attributes: new Map(), tags: new Map(), whole: rule.name });
  }
  if (source.attributes.size || source.tags.size) attribution.set(`logGroup:${name}`, source);
  return out;
}

/**
 * The desired state of one scope with its rules: the rules resolved, their settings given to the
 * declared groups that leave them out, and every diagnostic of both among the desired state's.
 */
export function resolveWithRules(manifest: Manifest, scope: Scope, defaults: Scope): { desired: Desired; rules: LogGroupRule[]; attribution: RuleAttribution } {
  const ruled = resolveRules(manifest, scope, defaults);
  const withRules = applyRulesToDeclarations(manifest, scope, defaults, ruled.rules);
  const desired = resolveManifest(withRules.manifest, scope, defaults);
  desired.diagnostics.push(...ruled.diagnostics, ...withRules.diagnostics);
  return { desired, rules: ruled.rules, attribution: withRules.attribution };
}
