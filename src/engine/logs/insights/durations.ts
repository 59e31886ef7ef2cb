/**
 * Time periods of `bin()`, `datefloor()` and `dateceil()`: the units AWS documents (each unit of
 * more than one letter may also take a plural `s`). Months, quarters and years are calendar periods
 * (UTC); the rest are fixed lengths counted from the epoch.
 */
const FIXED_UNITS: Record<string, number> = {
  ms: 1,
  msec: 1,
  millisecond: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

/** Calendar units, in months. */
const CALENDAR_UNITS: Record<string, number> = {
  mo: 1,
  mon: 1,
  month: 1,
  q: 3,
  qtr: 3,
  quarter: 3,
  y: 12,
  yr: 12,
  year: 12,
};

/** A period: a fixed length in ms, or a number of calendar months. */
export type Period = { ms: number; months?: undefined } | { months: number; ms?: undefined };

function lookup<T>(table: Record<string, T>, unit: string): T | undefined {
  const u = unit.toLowerCase();
  if (Object.hasOwn(table, u)) return table[u];
  if (u.length > 2 && u.endsWith('s') && Object.hasOwn(table, u.slice(0, -1))) return table[u.slice(0, -1)];
  return undefined;
}

/** The period `amount unit` names, or undefined for an unknown unit or a non-positive amount. */
export function periodOf(amount: number, unit: string): Period | undefined {
  if (!(amount > 0)) return undefined;
  const fixed = lookup(FIXED_UNITS, unit);
  if (fixed !== undefined) return { ms: amount * fixed };
  const months = lookup(CALENDAR_UNITS, unit);
  if (months !== undefined && Number.isInteger(amount)) return { months: amount * months };
  return undefined;
}

/** The start of the period containing `ms`. */
export function floorTo(ms: number, period: Period): number {
  if (period.ms !== undefined) return Math.floor(ms / period.ms) * period.ms;
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(total / period.months) * period.months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1);
}

/** The end of the period containing `ms` (`ms` itself when it starts one). */
export function ceilTo(ms: number, period: Period): number {
  const floor = floorTo(ms, period);
  if (floor === ms) return ms;
  if (period.ms !== undefined) return floor + period.ms;
  const d = new Date(floor);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + period.months, 1);
}
