import { ceilTo, floorTo, type Period } from './durations.js';
import { instant, isInstant, toNumber, toText, type Value } from './values.js';

/** What a scalar function sees besides its arguments: its period argument, the row's time. */
export interface CallContext {
  period?: Period;
  timestamp: Value;
}

/**
 * A scalar function: how many arguments it takes, which one (if any) is a period (`5m`), and its
 * result. Absent arguments give absent results unless the function says otherwise.
 */
export interface ScalarFunction {
  min: number;
  max: number;
  periodArg?: number;
  fn(args: Value[], ctx: CallContext): Value;
}

const text = (f: (s: string, ...rest: Value[]) => Value) => (args: Value[]): Value => {
  const s = toText(args[0]);
  return s === undefined ? undefined : f(s, ...args.slice(1));
};

const numeric = (f: (...n: number[]) => number) => (args: Value[]): Value => {
  const ns = args.map(toNumber);
  if (ns.some((n) => n === undefined)) return undefined;
  const r = f(...(ns as number[]));
  return Number.isFinite(r) ? r : undefined;
};

const int = (v: Value): number | undefined => {
  const n = toNumber(v);
  return n === undefined ? undefined : Math.trunc(n);
};

function substr(s: string, start: Value, length: Value): Value {
  const chars = [...s];
  const from = Math.max(0, int(start) ?? 0);
  const len = length === undefined ? chars.length : int(length);
  if (len === undefined || len < 0) return undefined;
  return chars.slice(from, from + len).join('');
}

function timeOf(v: Value): number | undefined {
  return isInstant(v) ? v.ms : toNumber(v);
}

/** The documented string, numeric, datetime and general functions the engine evaluates. */
const SCALAR_FUNCTIONS: Record<string, ScalarFunction> = {
  strlen: { min: 1, max: 1, fn: text((s) => [...s].length) },
  tolower: { min: 1, max: 1, fn: text((s) => s.toLowerCase()) },
  toupper: { min: 1, max: 1, fn: text((s) => s.toUpperCase()) },
  trim: { min: 1, max: 1, fn: text((s) => s.trim()) },
  ltrim: { min: 1, max: 1, fn: text((s) => s.trimStart()) },
  rtrim: { min: 1, max: 1, fn: text((s) => s.trimEnd()) },
  substr: { min: 2, max: 3, fn: text((s, start, length) => substr(s, start, length)) },
  replace: { min: 3, max: 3, fn: text((s, find, by) => s.split(toText(find) ?? '').join(toText(by) ?? '')) },
  strcontains: { min: 2, max: 2, fn: text((s, sub) => (toText(sub) === undefined ? undefined : s.includes(toText(sub)!) ? 1 : 0)) },
  concat: { min: 1, max: 100, fn: (args) => args.map((a) => toText(a) ?? '').join('') },
  isempty: { min: 1, max: 1, fn: ([v]) => v === undefined || toText(v) === '' },
  isblank: { min: 1, max: 1, fn: ([v]) => v === undefined || toText(v)!.trim() === '' },
  ispresent: { min: 1, max: 1, fn: ([v]) => v !== undefined },
  coalesce: { min: 1, max: 100, fn: (args) => args.find((a) => a !== undefined) },
  abs: { min: 1, max: 1, fn: numeric(Math.abs) },
  ceil: { min: 1, max: 1, fn: numeric(Math.ceil) },
  floor: { min: 1, max: 1, fn: numeric(Math.floor) },
  round: { min: 1, max: 1, fn: numeric(Math.round) },
  sqrt: { min: 1, max: 1, fn: numeric(Math.sqrt) },
  log: { min: 1, max: 1, fn: numeric(Math.log) },
  greatest: { min: 1, max: 100, fn: (args) => extreme(args, 1) },
  least: { min: 1, max: 100, fn: (args) => extreme(args, -1) },
  bin: { min: 1, max: 1, periodArg: 0, fn: (_, ctx) => periodic(ctx.timestamp, ctx.period!, floorTo) },
  datefloor: { min: 2, max: 2, periodArg: 1, fn: ([t], ctx) => periodic(t, ctx.period!, floorTo) },
  dateceil: { min: 2, max: 2, periodArg: 1, fn: ([t], ctx) => periodic(t, ctx.period!, ceilTo) },
  fromMillis: { min: 1, max: 1, fn: ([v]) => (toNumber(v) === undefined ? undefined : instant(toNumber(v)!)) },
  toMillis: { min: 1, max: 1, fn: ([v]) => timeOf(v) },
};

function periodic(t: Value, period: Period, round: (ms: number, p: Period) => number): Value {
  const ms = timeOf(t);
  return ms === undefined ? undefined : instant(round(ms, period));
}

/** The greatest (`sign` 1) or least (-1) numeric argument; non-numbers are skipped. */
function extreme(args: Value[], sign: 1 | -1): Value {
  let best: number | undefined;
  for (const a of args) {
    const n = toNumber(a);
    if (n !== undefined && (best === undefined || (n - best) * sign > 0)) best = n;
  }
  return best;
}

/** The function named, matched without regard to case (`fromMillis` is also `frommillis`). */
export function scalarFunction(name: string): ScalarFunction | undefined {
  const key = Object.keys(SCALAR_FUNCTIONS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : SCALAR_FUNCTIONS[key];
}
