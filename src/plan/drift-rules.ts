import { parentOf } from '../kinds/index.js';
import { matchesAddress, type AddressPattern } from './address-pattern.js';
import type { DriftEntry } from './drift.js';
import type { RuleOverlay } from './rules.js';

/**
 * The unmanaged log groups rules match, as drift reports them: each says its rules and whether it
 * complies; what breaks a rule comes with the change the next apply makes (the group's own, and
 * one entry per part of it a rule adds or changes). A matched group of a kind the manifests do
 * not otherwise declare is reported too.
 */
export function ruleDrift(entries: DriftEntry[], overlay: RuleOverlay): DriftEntry[] {
  if (overlay.matched.size === 0) return entries;
  const byGroup = new Map<string, RuleOverlay['changes']>();
  for (const c of overlay.changes) {
    const group = parentOf(c.address)?.name ?? c.address.name;
    byGroup.set(group, [...(byGroup.get(group) ?? []), c]);
  }
  const out = entries.filter((e) => !(e.address.kind === 'logGroup' && e.status === 'unmanaged' && overlay.matched.has(e.address.name)));
  for (const [name, rules] of overlay.matched) {
    const changes = byGroup.get(name) ?? [];
    const own = changes.find((c) => c.address.kind === 'logGroup');
    out.push({ address: { kind: 'logGroup', name }, status: 'unmanaged', rules, compliant: changes.length === 0, ...(own && { change: own }) });
    for (const c of changes.filter((x) => x !== own)) out.push({ address: c.address, status: 'unmanaged', rules: c.rules ?? rules, compliant: false, change: c });
  }
  return out;
}

/**
 * Unmanaged resources the team said it does not care about (`--ignore`, `.driftignore`) left out
 * of the report, with how many; a group that breaks a rule is reported all the same (the rule
 * says someone cares).
 */
export function ignoreUnmanaged(entries: DriftEntry[], patterns: readonly AddressPattern[]): { entries: DriftEntry[]; ignored: number } {
  if (patterns.length === 0) return { entries, ignored: 0 };
  const ignored = (e: DriftEntry) => e.status === 'unmanaged' && e.compliant !== false && patterns.some((p) => matchesAddress(p, e.address));
  const kept = entries.filter((e) => !ignored(e));
  return { entries: kept, ignored: entries.length - kept.length };
}
