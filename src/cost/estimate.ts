import type { LogGroup } from '../kinds/log-group.js';
import type { Facts } from '../kinds/types.js';
import { addressKey, type Address } from '../model/address.js';
import type { Change } from '../model/change.js';
import { DAYS_PER_MONTH, GB, pricesOf, PRICES_AS_OF, PRICES_SOURCE, type RegionPrices } from './prices.js';

/** What a log group change does to stored data and to the bill. Money in micro-USD, rounded. */
export interface CostItem {
  address: Address;
  /** Its account and region, in a plan across several. */
  scope?: string;
  /** A retention change, a class change (a replacement: the group comes back empty), or a delete. */
  cause: 'retention' | 'class' | 'delete';
  before: Pick<LogGroup, 'retentionInDays' | 'logGroupClass'>;
  after?: Pick<LogGroup, 'retentionInDays' | 'logGroupClass'>;
  /** What DescribeLogGroups reports the group stores; undefined when the target does not say. */
  storedBytes?: number;
  /** Stored bytes the change deletes (for a shorter retention, an estimate: see `retentionItem`). */
  deletedBytes?: number;
  /** How the monthly storage bill changes; undefined when not priced. */
  storageMonthly?: number;
  /** How much faster (or slower, negative) the monthly storage bill grows each month: never-expire retention. */
  storageGrowthMonthly?: number;
  /** Ingestion price per GB before and after a class change (the ingested volume is not known). */
  ingestionPerGb?: { before?: number; after?: number };
  notes: string[];
}

/** The cost side of a plan: one item per log group whose stored data or price the plan changes. */
export interface PlanCost {
  region: string;
  /** Whether the price table holds the region (else money is left out, bytes are still shown). */
  priced: boolean;
  pricesAsOf: string;
  pricesSource: string;
  items: CostItem[];
  total: { storedBytes: number; deletedBytes: number; storageMonthly: number; storageGrowthMonthly: number };
}

const DAY_MS = 86_400_000;
const microUsd = (bytes: number, perGb: number) => Math.round((bytes / GB) * perGb);

/**
 * The cost impact of a plan's log group changes: retention and class changes and deletes, from
 * what refresh read (`storedBytes`, `creationTime`) and the region's list prices. Pure: `now` is
 * the target's clock.
 */
export function estimateCost(changes: readonly Change[], facts: ReadonlyMap<string, Facts>, regionName: string, now: number): PlanCost {
  const prices = pricesOf(regionName);
  const items = changes.flatMap((c) => {
    const item = c.address.kind === 'logGroup' ? itemOf(c as Change<LogGroup>, facts.get(addressKey(c.address)) ?? {}, prices, now) : undefined;
    return item ? [item] : [];
  });
  const sum = (f: (i: CostItem) => number | undefined) => items.reduce((n, i) => n + (f(i) ?? 0), 0);
  return {
    region: regionName,
    priced: prices !== undefined,
    pricesAsOf: PRICES_AS_OF,
    pricesSource: PRICES_SOURCE,
    items,
    total: { storedBytes: sum((i) => i.storedBytes), deletedBytes: sum((i) => i.deletedBytes), storageMonthly: sum((i) => i.storageMonthly), storageGrowthMonthly: sum((i) => i.storageGrowthMonthly) },
  };
}

/**
 * The cost of a plan across scopes: every scope's items (each at its own region's prices) and
 * totals; priced only when every region is.
 */
export function mergeCosts(costs: PlanCost[]): PlanCost {
  if (costs.length === 1) return costs[0]!;
  const items = costs.flatMap((c) => c.items);
  const sum = (f: (t: PlanCost['total']) => number) => costs.reduce((n, c) => n + f(c.total), 0);
  return {
    region: [...new Set(costs.map((c) => c.region))].join(', '),
    priced: costs.every((c) => c.priced),
    pricesAsOf: PRICES_AS_OF,
    pricesSource: PRICES_SOURCE,
    items,
    total: { storedBytes: sum((t) => t.storedBytes), deletedBytes: sum((t) => t.deletedBytes), storageMonthly: sum((t) => t.storageMonthly), storageGrowthMonthly: sum((t) => t.storageGrowthMonthly) },
  };
}

function itemOf(c: Change<LogGroup>, facts: Facts, prices: RegionPrices | undefined, now: number): CostItem | undefined {
  const before = c.before;
  if (!before) return undefined;
  const settings = (g: LogGroup) => ({ logGroupClass: g.logGroupClass, ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}) });
  const base = { address: c.address, ...(c.scope && { scope: c.scope }), before: settings(before), ...(c.after ? { after: settings(c.after) } : {}), storedBytes: facts.storedBytes, notes: [] as string[] };
  if (base.storedBytes === undefined) base.notes.push('the target reports no storedBytes for this group');
  if (c.action === 'delete') return { ...base, cause: 'delete', ...emptied(base.storedBytes, prices) };
  if (c.action === 'replace' && c.attributes.some((a) => a.path === 'logGroupClass')) return classItem({ ...base, cause: 'class' }, c.after!, prices);
  if (c.action === 'update' && c.attributes.some((a) => a.path === 'retentionInDays')) return retentionItem({ ...base, cause: 'retention' }, c.after!, facts, prices, now);
  return undefined;
}

/** Everything stored goes: a delete, or a replacement (the new group starts empty). */
function emptied(stored: number | undefined, prices: RegionPrices | undefined) {
  if (stored === undefined) return {};
  return { deletedBytes: stored, ...(prices ? { storageMonthly: -microUsd(stored, prices.storagePerGbMonth) } : {}) };
}

/** A class change replaces the group: its events go, and ingestion is priced by the new class. */
function classItem(item: CostItem, after: LogGroup, prices: RegionPrices | undefined): CostItem {
  const perGb = (cls: LogGroup['logGroupClass']) => (cls === 'DELIVERY' ? undefined : prices?.ingestionPerGb[cls]);
  const out: CostItem = { ...item, ...emptied(item.storedBytes, prices) };
  if (prices) out.ingestionPerGb = { before: perGb(item.before.logGroupClass), after: perGb(after.logGroupClass) };
  if (item.before.logGroupClass === 'DELIVERY' || after.logGroupClass === 'DELIVERY') {
    out.notes.push('DELIVERY groups are billed as vended-log delivery to their destination, not priced here');
  }
  out.notes.push('the ingested volume is not known to logwarden (the AWS/Logs IncomingBytes metric has it): the ingestion change is per GB');
  return out;
}

/**
 * A retention change, assuming events arrived at a steady rate over the days the group has kept
 * (its age, at most its retention): that rate times the days kept is what is stored.
 *  - shorter: the share older than the new retention is deleted; the bill drops by it, and by the
 *    difference of the two retentions' steady states;
 *  - to "never expire": nothing is deleted, and the bill grows by a month of events every month;
 *  - from "never expire": the bill stops growing by that.
 */
function retentionItem(item: CostItem, after: LogGroup, facts: Facts, prices: RegionPrices | undefined, now: number): CostItem {
  const stored = item.storedBytes;
  if (stored === undefined) return item;
  const ageDays = Math.max(1, (now - (facts.creationTime ?? now)) / DAY_MS);
  const r1 = item.before.retentionInDays ?? Infinity;
  const r2 = after.retentionInDays ?? Infinity;
  const kept = Math.min(ageDays, r1);
  const daily = stored / kept;
  const deleted = Math.round(daily * Math.max(0, kept - r2));
  const out: CostItem = { ...item, deletedBytes: deleted };
  out.notes.push(`estimated from ${stored} bytes kept over ${Math.round(kept)} day(s), assuming a steady rate of events`);
  if (!prices) return out;
  const month = daily * DAYS_PER_MONTH;
  const p = prices.storagePerGbMonth;
  if (r2 === Infinity) return { ...out, storageMonthly: 0, storageGrowthMonthly: microUsd(month, p) };
  if (r1 === Infinity) return { ...out, storageMonthly: -microUsd(deleted, p), storageGrowthMonthly: -microUsd(month, p) };
  return { ...out, storageMonthly: microUsd(daily * (r2 - r1), p) };
}
