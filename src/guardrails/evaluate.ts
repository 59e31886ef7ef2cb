import type { DataProtectionPolicy } from '../kinds/data-protection-policy.js';
import type { LogGroup } from '../kinds/log-group.js';
import type { SubscriptionFilter } from '../kinds/subscription-filter.js';
import type { Trail } from '../kinds/trail.js';
import { formatAddress } from '../model/address.js';
import { resourcesOf, type ResourceSet } from '../model/resources.js';
import type { BuiltinRule } from './builtin.js';
import { customFindings } from './custom.js';
import { inScope } from './glob.js';
import { LOG_GROUP_RULES } from './rules-logs.js';
import { TRAIL_RULES } from './rules-trails.js';
import type { Finding, LogGroupSubject, RuleInstance, RuleResult, TrailSubject, Violation } from './types.js';

/** Every built-in rule by name (an own-property table: names come from manifests). */
export const BUILTIN_RULES: ReadonlyMap<string, BuiltinRule> = new Map([...LOG_GROUP_RULES, ...TRAIL_RULES].map((r) => [r.name, r]));

/** The log groups and trails of a resource set, as the rules read them. */
export interface Subjects {
  logGroups: LogGroupSubject[];
  trails: TrailSubject[];
}

export function subjectsOf(resources: ResourceSet): Subjects {
  // by parent, in one pass: an account holds thousands of groups
  const filters = new Map<string, SubscriptionFilter[]>();
  for (const f of resourcesOf(resources, 'subscriptionFilter')) filters.set(f.address.parent!, [...(filters.get(f.address.parent!) ?? []), f.value as SubscriptionFilter]);
  const logGroups = resourcesOf(resources, 'logGroup').map((r) => {
    const name = r.address.name;
    const policy = resources.get(`dataProtectionPolicy:${name}`)?.value as DataProtectionPolicy | undefined;
    return {
      address: r.address,
      group: r.value as LogGroup,
      subscriptionFilters: filters.get(name) ?? [],
      ...(policy ? { dataProtectionPolicy: policy } : {}),
    };
  });
  return { logGroups, trails: resourcesOf(resources, 'trail').map((r) => ({ address: r.address, trail: r.value as Trail })) };
}

/**
 * Evaluates the configured rules over a resource set — the manifests' desired state, or what a
 * target holds — and says, rule by rule, how many resources each covered and what broke it.
 */
export function evaluateGuardrails(rules: readonly RuleInstance[], resources: ResourceSet): RuleResult[] {
  const subjects = subjectsOf(resources);
  return rules.map((rule) => {
    const builtin = BUILTIN_RULES.get(rule.name);
    const { checked, violations } = rule.custom ? evaluateCustom(rule, resources) : builtin ? evaluateBuiltin(rule, builtin, subjects) : { checked: 0, violations: [] };
    return { rule: rule.name, severity: rule.severity, checked, violations, ...(rule.source ? { source: rule.source } : {}) };
  });
}

type Outcome = { checked: number; violations: Violation[] };

function evaluateCustom(rule: RuleInstance, resources: ResourceSet): Outcome {
  const covered = resourcesOf(resources, rule.custom!.kind).filter((r) => inScope(r.address.name, rule.names, rule.excludeNames));
  const violations = covered.flatMap((r) => customFindings(rule.custom!, r).map((f) => violation(rule, f, r.address)));
  return { checked: covered.length, violations };
}

function evaluateBuiltin(rule: RuleInstance, builtin: BuiltinRule, subjects: Subjects): Outcome {
  const p = rule.parameters ?? {};
  // one subject type per rule: each rule's own check reads its own subjects
  const findings: { subject: LogGroupSubject | TrailSubject; finding: Finding | undefined }[] =
    builtin.subject === 'logGroup'
      ? subjects.logGroups.filter((s) => inScope(s.address.name, rule.names, rule.excludeNames) && (builtin.appliesTo?.(s, p) ?? true)).map((s) => ({ subject: s, finding: builtin.check(s, p) }))
      : subjects.trails.filter((s) => inScope(s.address.name, rule.names, rule.excludeNames)).map((s) => ({ subject: s, finding: builtin.check(s, p) }));
  if (builtin.applies === 'each') {
    return { checked: findings.length, violations: findings.flatMap(({ subject, finding }) => (finding ? [violation(rule, finding, subject.address)] : [])) };
  }
  if (findings.some((f) => f.finding === undefined) && findings.length > 0) return { checked: findings.length, violations: [] };
  const noun = builtin.subject === 'logGroup' ? 'log group' : 'trail';
  const why = findings.map(({ subject, finding }) => `${formatAddress(subject.address)} ${finding!.message}`).join('; ');
  const scoped = rule.names.length > 0 || rule.excludeNames.length > 0;
  const message = findings.length === 0 ? `no ${noun} ${scoped ? 'in its names' : 'at all'}: at least one is required` : `no ${noun} meets it: ${why}`;
  return { checked: findings.length, violations: [{ rule: rule.name, severity: rule.severity, message }] };
}

function violation(rule: RuleInstance, f: Finding, address: Violation['address']): Violation {
  return { rule: rule.name, severity: rule.severity, address, message: f.message, ...(f.member ? { member: f.member } : {}) };
}
