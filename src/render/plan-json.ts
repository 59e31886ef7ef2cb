import { formatAddress } from '../model/address.js';
import type { ApiCall } from '../model/calls.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import type { AttributeChange, Change } from '../model/change.js';
import { summarize } from './plan-text.js';

/** Version of the `plan --json` document; bumped on any incompatible change (see README). */
export const PLAN_FORMAT_VERSION = '1.1';

/** What the JSON renderer needs of a plan. */
export interface PlanJsonView {
  target: string;
  changes: Change[];
  calls: ApiCall[];
  readCalls: Record<string, number>;
  diagnostics: Diagnostic[];
}

/**
 * One attribute change, with its nested diff tree as the planner computed it (`same` members and
 * elements carry their value, so a consumer can render the whole document).
 */
export function attributeJson(a: AttributeChange) {
  return { path: a.path, before: a.before ?? null, after: a.after ?? null, forcesReplacement: a.forcesReplacement, diff: a.diff };
}

/** The machine-readable plan (README documents every member). */
export function renderPlanJson(plan: PlanJsonView): string {
  const doc = {
    format_version: PLAN_FORMAT_VERSION,
    target: plan.target,
    // with errors there is no plan: no summary to read as "nothing to do"
    errored: hasErrors(plan.diagnostics),
    summary: hasErrors(plan.diagnostics) ? null : summarize(plan.changes),
    resource_changes: plan.changes.map((c) => ({
      address: formatAddress(c.address),
      kind: c.address.kind,
      name: c.address.name,
      action: c.action,
      adopt: c.adopt ?? false,
      before: c.before ?? null,
      after: c.after ?? null,
      // absent on one side is null, as for the resource's own before/after (JSON has no undefined)
      ...(c.reason ? { reason: c.reason } : {}),
      attributes: c.attributes.map(attributeJson),
    })),
    calls: plan.calls.map((c) => ({
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
    diagnostics: plan.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
