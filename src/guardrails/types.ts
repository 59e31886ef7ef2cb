import type { DataProtectionPolicy } from '../kinds/data-protection-policy.js';
import type { ResourceKind } from '../kinds/index.js';
import type { LogGroup } from '../kinds/log-group.js';
import type { SubscriptionFilter } from '../kinds/subscription-filter.js';
import type { Trail } from '../kinds/trail.js';
import type { Address } from '../model/address.js';
import type { SourceRange } from '../model/diagnostics.js';
import type { Json } from '../model/resources.js';

/** What a violated rule does: `error` fails the plan (and `audit`), `warning` only reports. */
export type Severity = 'error' | 'warning';

/** A custom rule's condition: the value at `path` is one of `values` (strings are globs; `"*"`: present). */
export interface Condition {
  path: string;
  values: Json[];
}

/** A custom rule: a kind, a name glob, and attribute values to require or forbid. */
export interface CustomCheck {
  kind: ResourceKind;
  require: Condition[];
  forbid: Condition[];
}

/** One rule as the manifests configure it, ready to evaluate. */
export interface RuleInstance {
  /** As reports name it: the built-in's AWS Config rule name, or the custom rule's key. */
  name: string;
  severity: Severity;
  /** Resource-name globs the rule covers (all when empty), and those it leaves out. */
  names: string[];
  excludeNames: string[];
  /** A built-in rule's parameters (AWS Config's spelling); absent for a custom rule. */
  parameters?: Record<string, unknown>;
  custom?: CustomCheck;
  /** What a custom rule is for, in its author's words. */
  description?: string;
  /** Where the manifests configure it. */
  source?: SourceRange;
}

/** What a check found wrong with one resource: why, and the attribute it is about. */
export interface Finding {
  message: string;
  member?: string;
}

/** One rule broken by one resource, or (an account-level rule) by the account as a whole. */
export interface Violation {
  rule: string;
  severity: Severity;
  /** Absent for an account-level rule ("at least one trail …") that nothing satisfies. */
  address?: Address;
  /** The account and region it is in (`111111111111/us-east-1`), in an audit across several. */
  scope?: string;
  member?: string;
  message: string;
  /** Where it points in the manifests, once located (`locateViolations`). */
  source?: SourceRange;
}

/** One rule's outcome: how many resources it covered, and what broke it. */
export interface RuleResult {
  rule: string;
  severity: Severity;
  checked: number;
  violations: Violation[];
  source?: SourceRange;
}

/** A log group as the log group rules read it: its settings and what lives in it. */
export interface LogGroupSubject {
  address: Address;
  group: LogGroup;
  subscriptionFilters: SubscriptionFilter[];
  dataProtectionPolicy?: DataProtectionPolicy;
}

/** A trail as the trail rules read it. */
export interface TrailSubject {
  address: Address;
  trail: Trail;
}
