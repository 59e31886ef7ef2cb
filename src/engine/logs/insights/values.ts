/**
 * The values a query computes with: strings, numbers, booleans, instants (`@timestamp`, `bin()`),
 * and `undefined` for a field an event does not have.
 */
export interface Instant {
  readonly ms: number;
}

export type Value = string | number | boolean | Instant | undefined;

export const instant = (ms: number): Instant => ({ ms });

export const isInstant = (v: Value): v is Instant => typeof v === 'object' && v !== null;

/** A value as a number: numbers, numeric strings, instants (epoch ms); otherwise undefined. */
export function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (isInstant(v)) return v.ms;
  if (typeof v === 'string' && v.trim() !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the form AWS gives times in query results. */
function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** A value as results carry it: always a string (numbers as AWS prints them, times formatted). */
export function formatValue(v: Value): string | undefined {
  if (v === undefined) return undefined;
  if (isInstant(v)) return formatInstant(v.ms);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(n);
}

/** A value as text for string functions and `like`: numbers and times as results show them. */
export function toText(v: Value): string | undefined {
  return formatValue(v);
}

/**
 * Total order for sorting and comparisons: numbers (and numeric strings, instants) numerically,
 * otherwise as strings; booleans as `true`/`false`. Absent values are handled by the caller.
 */
export function compareValues(a: Exclude<Value, undefined>, b: Exclude<Value, undefined>): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const s = toText(a)!;
  const t = toText(b)!;
  return s < t ? -1 : s > t ? 1 : 0;
}

/** Equality as `=` sees it: numerically where both sides are numbers, else as text. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === undefined || b === undefined) return false;
  return compareValues(a, b) === 0;
}

/** Truthiness of a filter condition: booleans as they are; absent is false. */
export function isTrue(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '' && v !== 'false';
  return v !== undefined;
}

/** A key that identifies a value in a group-by or dedup (distinguishes absent from ""). */
export function valueKey(v: Value): string {
  if (v === undefined) return '\u0000';
  return `${typeof v}:${formatValue(v)}`;
}
