import type { TypeConverter } from './config.js';
import { getPath, setPath, TransformFailure, type TransformEvent } from './event.js';
import { stringifyJson } from './json.js';
import { JDouble, JInt, scalarText, type Json } from './value.js';

/**
 * typeConverter: casts values to integer, double, string or boolean as Java does — an integer is
 * a Java `Integer` (a decimal string, or a double truncated toward zero), a double anything
 * `Double.parseDouble` reads, a boolean `true` only for "true" in any case. A value that cannot
 * be cast fails the transformation; an absent key is left alone.
 */

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const DOUBLE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?\s*$/;

function toInteger(v: Json): Json | undefined {
  let n: bigint | undefined;
  if (v instanceof JInt) n = v.value;
  else if (v instanceof JDouble && Number.isFinite(v.value)) n = BigInt(Math.trunc(v.value));
  else if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) n = BigInt(v);
  if (n === undefined) return undefined;
  return n >= INT_MIN && n <= INT_MAX ? new JInt(n) : undefined;
}

function toDouble(v: Json): Json | undefined {
  if (v instanceof JDouble) return v;
  if (v instanceof JInt) return new JDouble(Number(v.value));
  if (typeof v !== 'string' || !DOUBLE.test(v)) return undefined;
  const d = Number(v.trim().replace(/[dDfF]$/, ''));
  return Number.isFinite(d) ? new JDouble(d) : undefined;
}

function toBoolean(v: Json): Json | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.toLowerCase() === 'true';
  return undefined;
}

const CONVERT: Record<TypeConverter['entries'][number]['type'], (v: Json) => Json | undefined> = {
  integer: toInteger,
  double: toDouble,
  boolean: toBoolean,
  string: (v) => scalarText(v) ?? stringifyJson(v),
};

export function typeConverter(event: TransformEvent, config: TypeConverter): void {
  for (const e of config.entries) {
    const v = getPath(event.fields, e.key);
    if (v === undefined || v === null) continue;
    const converted = CONVERT[e.type](v);
    if (converted === undefined) throw new TransformFailure(`typeConverter: the value at '${e.key}' cannot be converted to ${e.type}`);
    setPath(event.fields, e.key, converted, true);
  }
}
