import type { CostItem, PlanCost } from '../cost/estimate.js';
import { formatAddress } from '../model/address.js';
import { ACTION_SYMBOL } from '../model/change.js';

/**
 * Micro-USD as dollars: cents, or four decimals below a dollar (a GB-month of storage is $0.03),
 * with a sign when `signed` (`+$0.30`, `-$0.0324`); less than a hundredth of a cent is `<$0.0001`.
 */
export function formatUsd(micro: number, signed = false): string {
  const dollars = Math.abs(micro) / 1e6;
  const sign = signed ? (micro > 0 ? '+' : micro < 0 ? '-' : '') : micro < 0 ? '-' : '';
  if (dollars !== 0 && dollars < 0.0001) return `${sign}<$0.0001`;
  const digits = dollars !== 0 && dollars < 1 ? dollars.toFixed(4).replace(/0{1,2}$/, '') : dollars.toFixed(2);
  return `${sign}$${digits}`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in the largest binary unit below them, two decimals: `1.50 GiB`, `312 bytes`. */
export function formatBytes(bytes: number): string {
  let unit = 0;
  let n = bytes;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${n.toFixed(2)} ${UNITS[unit]}`;
}

const retention = (days: number | undefined) => (days === undefined ? 'never expire' : `${days} days`);

/** What the change is, in a few words. */
function cause(i: CostItem): string {
  if (i.cause === 'delete') return 'deleted';
  if (i.cause === 'class') return `class ${i.before.logGroupClass} -> ${i.after!.logGroupClass} (replaced)`;
  return `retention ${retention(i.before.retentionInDays)} -> ${retention(i.after!.retentionInDays)}`;
}

/** The data it touches: what is stored, and what goes. */
function data(i: CostItem): string {
  if (i.storedBytes === undefined) return 'stored data not reported';
  if (i.cause === 'retention') {
    return i.deletedBytes ? `~${formatBytes(i.deletedBytes)} of ${formatBytes(i.storedBytes)} stored deleted` : `${formatBytes(i.storedBytes)} stored, none deleted`;
  }
  return `${formatBytes(i.storedBytes)} stored, all deleted`;
}

/** The money: storage now and its growth, ingestion per GB. */
export function money(i: CostItem): string[] {
  const out: string[] = [];
  if (i.storageMonthly !== undefined && (i.storageMonthly !== 0 || !i.storageGrowthMonthly)) out.push(`storage ${formatUsd(i.storageMonthly, true)}/month`);
  if (i.storageGrowthMonthly) {
    out.push(i.storageGrowthMonthly > 0 ? `storage grows ${formatUsd(i.storageGrowthMonthly)} more every month` : `storage no longer grows ${formatUsd(-i.storageGrowthMonthly)} every month`);
  }
  if (i.ingestionPerGb) {
    const per = (v: number | undefined) => (v === undefined ? 'not priced' : formatUsd(v));
    out.push(`ingestion ${per(i.ingestionPerGb.before)} -> ${per(i.ingestionPerGb.after)} per GB (volume not known)`);
  }
  return out;
}

const SYMBOL: Record<CostItem['cause'], string> = { delete: ACTION_SYMBOL.delete, class: ACTION_SYMBOL.replace, retention: ACTION_SYMBOL.update };

/** One line per item: `  ~ logGroup "/a": retention 30 days -> 7 days: …; storage -$0.02/month`. */
export function costItemLine(i: CostItem): string {
  const where = i.scope ? `${i.scope.replace('/', ' ')} ` : '';
  return `${SYMBOL[i.cause]} ${where}${formatAddress(i.address)}: ${[cause(i), [data(i), ...money(i)].join('; ')].join(': ')}`;
}

/** Where the prices come from, or that the region has none. */
export function priceBasis(cost: PlanCost): string {
  return cost.priced ? `CloudWatch Logs list prices for ${cost.region} of ${cost.pricesAsOf}, ${cost.pricesSource}` : `no list prices for ${cost.region} in logwarden's table: money left out`;
}

/** The one-line cost summary (`storage -$0.38/month; 12.77 GiB of stored events deleted`); undefined with no items. */
export function costSummary(cost: PlanCost): string | undefined {
  if (cost.items.length === 0) return undefined;
  const t = cost.total;
  const parts = [
    ...(cost.priced ? [`storage ${formatUsd(t.storageMonthly, true)}/month`] : []),
    ...(cost.priced && t.storageGrowthMonthly ? [`${t.storageGrowthMonthly > 0 ? 'growing' : 'growth'} ${formatUsd(t.storageGrowthMonthly, true)} every month`] : []),
    `${formatBytes(t.deletedBytes)} of stored events deleted`,
    ...(cost.items.some((i) => i.ingestionPerGb) ? ['ingestion price changes per GB (volume not known)'] : []),
  ];
  return parts.join('; ');
}
