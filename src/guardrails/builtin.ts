import type { Field } from '../model/schema.js';
import type { Finding, LogGroupSubject, TrailSubject } from './types.js';

/** The parameters of a configured built-in rule, as the manifest's schema checked them. */
export type Parameters = Record<string, any>;

interface RuleBase {
  /** AWS Config's managed rule name (logwarden's own rules have names of the same style). */
  name: string;
  /** AWS Config's identifier of the managed rule it matches; absent for logwarden's own. */
  identifier?: string;
  doc: string;
  /** `each`: every resource in scope must pass; `account`: at least one must (AWS's "at least one trail"). */
  applies: 'each' | 'account';
  /** AWS Config's parameters, in AWS Config's spelling (logwarden's additions say so). */
  parameters: Record<string, Field>;
}

/** A built-in check of log groups. */
export interface LogGroupRule extends RuleBase {
  subject: 'logGroup';
  /** Whether the rule has anything to say about this group (a DELIVERY group's retention is AWS's). */
  appliesTo?(s: LogGroupSubject, p: Parameters): boolean;
  check(s: LogGroupSubject, p: Parameters): Finding | undefined;
}

/** A built-in check of trails. */
export interface TrailRule extends RuleBase {
  subject: 'trail';
  check(s: TrailSubject, p: Parameters): Finding | undefined;
}

/** A built-in rule: what `guardrails.rules.<name>` configures. */
export type BuiltinRule = LogGroupRule | TrailRule;
