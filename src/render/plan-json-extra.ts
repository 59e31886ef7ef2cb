import type { CostItem, PlanCost } from '../cost/estimate.js';
import type { RuleResult } from '../guardrails/types.js';
import { formatAddress } from '../model/address.js';

/** Micro-USD as USD (JSON numbers; null when not priced). */
const usd = (micro: number | undefined) => (micro === undefined ? null : micro / 1e6);

function costItemJson(i: CostItem) {
  return {
    address: formatAddress(i.address),
    kind: i.address.kind,
    name: i.address.name,
    cause: i.cause,
    before: { retentionInDays: i.before.retentionInDays ?? null, logGroupClass: i.before.logGroupClass },
    after: i.after ? { retentionInDays: i.after.retentionInDays ?? null, logGroupClass: i.after.logGroupClass } : null,
    stored_bytes: i.storedBytes ?? null,
    deleted_bytes: i.deletedBytes ?? null,
    storage_monthly_usd: usd(i.storageMonthly),
    storage_growth_monthly_usd: usd(i.storageGrowthMonthly),
    ingestion_per_gb_usd: i.ingestionPerGb ? { before: usd(i.ingestionPerGb.before), after: usd(i.ingestionPerGb.after) } : null,
    notes: i.notes,
  };
}

/** The plan document's `cost` member (README documents it). */
export function costJson(cost: PlanCost) {
  return {
    region: cost.region,
    priced: cost.priced,
    currency: 'USD',
    prices_as_of: cost.pricesAsOf,
    prices_source: cost.pricesSource,
    items: cost.items.map(costItemJson),
    total: {
      stored_bytes: cost.total.storedBytes,
      deleted_bytes: cost.total.deletedBytes,
      storage_monthly_usd: cost.priced ? usd(cost.total.storageMonthly) : null,
      storage_growth_monthly_usd: cost.priced ? usd(cost.total.storageGrowthMonthly) : null,
    },
  };
}

/** Guardrail results as JSON: rule by rule, and every violation with where it points. */
export function guardrailsJson(results: readonly RuleResult[]) {
  return {
    rules: results.map((r) => ({ rule: r.rule, severity: r.severity, checked: r.checked, violations: r.violations.length })),
    violations: results.flatMap((r) =>
      r.violations.map((v) => ({
        rule: v.rule,
        severity: v.severity,
        address: v.address ? formatAddress(v.address) : null,
        kind: v.address?.kind ?? null,
        name: v.address?.name ?? null,
        message: v.message,
        source: v.source ?? null,
      })),
    ),
  };
}
