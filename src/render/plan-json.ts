import { formatAddress } from '../model/address.js';
import type { ApiCall } from '../model/calls.js';
import { hasErrors } from '../model/diagnostics.js';
import type { AttributeChange } from '../model/change.js';
import { parseScopeKey } from '../model/scope.js';
import type { PlanView } from './plan-text.js';
import { costJson, guardrailsJson } from './plan-json-extra.js';
import { summarize } from './plan-text.js';

/** Version of the `plan --json` document; bumped on any incompatible change (see README). */
export const PLAN_FORMAT_VERSION = '1.3';

/** What the JSON renderer needs of a plan. */
export interface PlanJsonView extends PlanView {
  calls: ApiCall[];
  readCalls: Record<string, number>;
}

/** `account` and `region` of what names a scope (`111111111111/us-east-1`); nothing in a one-scope plan. */
export function scopeJson(key: string | undefined): { account?: string; region?: string } {
  if (key === undefined) return {};
  const { account, region } = parseScopeKey(key);
  return { account, region };
}

/**
 * One attribute change, with its nested diff tree as the planner computed it (`same` members and
 * elements carry their value, so a consumer can render the whole document).
 */
export function attributeJson(a: AttributeChange) {
  return { path: a.path, before: a.before ?? null, after: a.after ?? null, forcesReplacement: a.forcesReplacement, diff: a.diff, rule: a.rule ?? null };
}

/** The machine-readable plan (README documents every member). */
export function renderPlanJson(plan: PlanJsonView): string {
  const doc = {
    format_version: PLAN_FORMAT_VERSION,
    target: plan.target,
    // with errors there is no plan: no summary to read as "nothing to do"
    errored: hasErrors(plan.diagnostics),
    summary: hasErrors(plan.diagnostics) ? null : summarize(plan.changes),
    // a plan of some resources only (--only): what it covers, and how many changes it leaves out
    partial: plan.partial ? { only: plan.partial.only, left_out: plan.partial.leftOut } : null,
    // a plan across several accounts and regions: each one's counts, or why it could not be read
    ...(plan.scopes && {
      scopes: plan.scopes.map((v) => ({ ...scopeJson(v.key), summary: v.error ? null : summarize(plan.changes.filter((c) => c.scope === v.key)), error: v.error ?? null })),
    }),
    resource_changes: plan.changes.map((c) => ({
      ...scopeJson(c.scope),
      address: formatAddress(c.address),
      kind: c.address.kind,
      name: c.address.name,
      action: c.action,
      adopt: c.adopt ?? false,
      before: c.before ?? null,
      after: c.after ?? null,
      // absent on one side is null, as for the resource's own before/after (JSON has no undefined)
      ...(c.reason ? { reason: c.reason } : {}),
      rules: c.rules ?? [],
      unmanaged: c.unmanaged ?? false,
      protection: c.protection ?? null,
      attributes: c.attributes.map(attributeJson),
    })),
    calls: plan.calls.map((c) => ({
      ...scopeJson(c.scope),
      id: c.id,
      service: c.service,
      operation: c.operation,
      input: c.input,
      // members AWS generates when an earlier call runs: `{"call": "c3", "members": {input: output}}`
      ...(c.inputFrom ? { input_from: c.inputFrom } : {}),
      address: formatAddress(c.address),
      depends_on: c.dependsOn,
    })),
    read_calls: plan.readCalls,
    // against an endpoint or AWS: the externals the simulation took on trust, per scope
    assumed_externals: (plan.assumed ?? []).map((a) => ({ ...scopeJson(a.scope), ...a.externals })),
    // with errors there is no plan to cost; guardrails stay: their errors may be why
    cost: plan.cost && !hasErrors(plan.diagnostics) ? costJson(plan.cost) : null,
    guardrails: guardrailsJson(plan.guardrails ?? []),
    diagnostics: plan.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
