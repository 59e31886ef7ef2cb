import { childAddress } from '../kinds/index.js';
import type { LogGroup } from '../kinds/log-group.js';
import { addressKey } from '../model/address.js';
import type { Change } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { canonicalTags } from '../model/normalize.js';
import { emptyResourceSet, nestedByParent, putResource, type Resource, type ResourceSet } from '../model/resources.js';
import { applicableRules, type Applicable, type RuleAttribution, type RuleSource } from '../manifest/rules-apply.js';
import type { LogGroupRule } from '../manifest/rules.js';
import { diffResources, type Ownership } from './changes.js';

/** The undeclared, unowned log groups rules match: what the rules make of them, and the changes that takes. */
export interface RuleOverlay {
  /** Each matched group and everything in it, as it is with the rules' settings on top. */
  resources: ResourceSet;
  attribution: RuleAttribution;
  /** The rules matching each matched group, by group name (not those the rules disagree about). */
  matched: Map<string, string[]>;
  /** Changes that bring the matched groups in line (never a create or delete of a group). */
  changes: Change[];
  /** Groups two rules disagree about (they are left alone). */
  diagnostics: Diagnostic[];
}

/**
 * Rules over the groups no manifest declares and logwarden does not own (an owned, undeclared one
 * is being deleted): each matched group's value with the rules' settings on top, its other
 * settings, tags and filters kept; a DELIVERY group's retention is AWS's and stays.
 */
export function ruleOverlay(rules: readonly LogGroupRule[], desired: ResourceSet, observed: ResourceSet, ownership: Ownership): RuleOverlay {
  const overlay: RuleOverlay = { resources: emptyResourceSet(), attribution: new Map(), matched: new Map(), changes: [], diagnostics: [] };
  if (rules.length === 0) return overlay;
  const before = emptyResourceSet();
  const nested = nestedByParent(observed);
  for (const r of observed.values()) {
    if (r.address.kind !== 'logGroup' || desired.has(addressKey(r.address)) || ownership.isOwned(r.address)) continue;
    const a = applicableRules(r.address.name, rules);
    if (!a) continue;
    if (a.conflicts.length) {
      overlay.diagnostics.push({ severity: 'error', summary: `log group '${r.address.name}' (unmanaged): ${a.conflicts.join('; ')}; narrow one with exclude`, address: r.address });
      continue;
    }
    overlay.matched.set(r.address.name, a.rules.map((rule) => rule.name));
    for (const x of [r, ...(nested.get(r.address.name) ?? [])]) {
      putResource(before, x.address, x.value);
      putResource(overlay.resources, x.address, x.value);
    }
    overlayGroup(r, a, overlay);
  }
  // everything the overlay holds was read (or is a rule's addition): nothing is deleted
  const changes = diffResources(overlay.resources, before, { isOwned: () => true }).filter((c) => c.action !== 'no-op');
  overlay.changes = annotateRules(changes, overlay.attribution).map((c) => ({ ...c, unmanaged: true }));
  return overlay;
}

/** One matched group with what its rules set on top, and the policy and filters they add, each named after its rule. */
function overlayGroup(r: Resource, a: Applicable, overlay: RuleOverlay): void {
  const name = r.address.name;
  const group: LogGroup = { ...(r.value as LogGroup) };
  const source: RuleSource = { attributes: new Map(), tags: new Map() };
  for (const [setting, rule] of a.group) {
    if (setting === 'retentionInDays' && group.logGroupClass === 'DELIVERY') continue;
    const value = rule.group[setting];
    if (setting === 'deletionProtectionEnabled') {
      if (value === true) group.deletionProtectionEnabled = true;
      else delete group.deletionProtectionEnabled;
    } else Object.assign(group, { [setting]: value });
    source.attributes.set(setting, rule.name);
  }
  if (a.tags.size) group.tags = canonicalTags({ ...group.tags, ...Object.fromEntries([...a.tags].map(([k, rule]) => [k, rule.group.tags![k]!])) });
  for (const [k, rule] of a.tags) source.tags.set(k, rule.name);
  putResource(overlay.resources, r.address, group);
  overlay.attribution.set(addressKey(r.address), source);
  const whole = (rule: LogGroupRule): RuleSource => ({ attributes: new Map(), tags: new Map(), whole: rule.name });
  if (a.dataProtectionPolicy) {
    const address = childAddress('dataProtectionPolicy', name);
    putResource(overlay.resources, address, a.dataProtectionPolicy.dataProtectionPolicy);
    overlay.attribution.set(addressKey(address), whole(a.dataProtectionPolicy));
  }
  for (const [key, rule] of a.subscriptionFilters) {
    const address = childAddress('subscriptionFilter', name, key);
    putResource(overlay.resources, address, rule.subscriptionFilters.get(key));
    overlay.attribution.set(addressKey(address), whole(rule));
  }
}

/**
 * Each change with the rules behind what it writes: an attribute a rule set names it (`tags` when
 * one of the tags that differ is a rule's), a resource a rule added names it whole; a new resource
 * names every rule that gave it something.
 */
export function annotateRules(changes: Change[], attribution: RuleAttribution): Change[] {
  if (attribution.size === 0) return changes;
  return changes.map((c) => {
    const source = attribution.get(addressKey(c.address));
    if (!source || c.action === 'delete') return c;
    const attributes = c.attributes.map((a) => {
      const rule = source.whole ?? source.attributes.get(a.path) ?? (a.path === 'tags' ? changedTagRule(a.before, a.after, source) : undefined);
      return rule ? { ...a, rule } : a;
    });
    const named = c.action === 'create' ? [source.whole, ...source.attributes.values(), ...source.tags.values()] : attributes.map((a) => a.rule);
    const rules = [...new Set(named.filter((r): r is string => r !== undefined))].sort();
    return rules.length ? { ...c, attributes, rules } : c;
  });
}

/** The rule of the first tag a rule gives that differs between before and after. */
function changedTagRule(before: unknown, after: unknown, source: RuleSource): string | undefined {
  const [b, a] = [(before ?? {}) as Record<string, string>, (after ?? {}) as Record<string, string>];
  for (const [key, rule] of source.tags) if (b[key] !== a[key]) return rule;
  return undefined;
}

