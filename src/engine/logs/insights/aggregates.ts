import { compareValues, isInstant, toNumber, valueKey, type Value } from './values.js';

/** One aggregate being computed over a group's rows: fed argument values, then asked its result. */
export interface Accumulator {
  add(args: Value[], timestamp: number): void;
  result(): Value;
}

/** An aggregate function of `stats`: its arity and a fresh accumulator per group. */
export interface AggregateFunction {
  min: number;
  max: number;
  /** `count(*)` and `count()` count rows. */
  allowsStar?: boolean;
  create(): Accumulator;
}

function numbers(reduce: (ns: number[]) => number | undefined): () => Accumulator {
  return () => {
    const ns: number[] = [];
    return {
      add([v]) {
        const n = toNumber(v);
        if (n !== undefined) ns.push(n);
      },
      result: () => (ns.length === 0 ? undefined : reduce(ns)),
    };
  };
}

/** min/max keep the winning value itself, so an instant stays an instant. */
function extreme(sign: 1 | -1): () => Accumulator {
  return () => {
    let best: Value;
    return {
      add([v]) {
        if (v === undefined || (toNumber(v) === undefined && !isInstant(v))) return;
        if (best === undefined || compareValues(v, best) * sign > 0) best = v;
      },
      result: () => best,
    };
  };
}

/** earliest/latest: the value from the row with the smallest/largest @timestamp. */
function byTime(sign: 1 | -1): () => Accumulator {
  return () => {
    let best: { t: number; v: Value } | undefined;
    return {
      add([v], t) {
        if (v !== undefined && (best === undefined || (t - best.t) * sign > 0)) best = { t, v };
      },
      result: () => best?.v,
    };
  };
}

function percentile(ns: number[], p: number): number {
  const sorted = [...ns].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

function stddev(ns: number[]): number {
  const mean = sum(ns) / ns.length;
  return Math.sqrt(sum(ns.map((n) => (n - mean) ** 2)) / ns.length);
}

/** The aggregate functions of `stats`, by lower-case name. */
const AGGREGATE_FUNCTIONS: Record<string, AggregateFunction> = {
  count: {
    min: 0,
    max: 1,
    allowsStar: true,
    create: () => {
      let n = 0;
      return { add: (args) => void (args.length === 0 || args[0] !== undefined ? n++ : 0), result: () => n };
    },
  },
  count_distinct: {
    min: 1,
    max: 1,
    create: () => {
      const seen = new Set<string>();
      return { add: ([v]) => void (v !== undefined && seen.add(valueKey(v))), result: () => seen.size };
    },
  },
  sum: { min: 1, max: 1, create: numbers(sum) },
  avg: { min: 1, max: 1, create: numbers((ns) => sum(ns) / ns.length) },
  stddev: { min: 1, max: 1, create: numbers(stddev) },
  min: { min: 1, max: 1, create: extreme(-1) },
  max: { min: 1, max: 1, create: extreme(1) },
  earliest: { min: 1, max: 1, create: byTime(-1) },
  latest: { min: 1, max: 1, create: byTime(1) },
  pct: {
    min: 2,
    max: 2,
    create: () => {
      const ns: number[] = [];
      let p = 50;
      return {
        add([v, q]) {
          p = toNumber(q) ?? p;
          const n = toNumber(v);
          if (n !== undefined) ns.push(n);
        },
        result: () => (ns.length === 0 ? undefined : percentile(ns, p)),
      };
    },
  },
};

export function aggregateFunction(name: string): AggregateFunction | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(AGGREGATE_FUNCTIONS, key) ? AGGREGATE_FUNCTIONS[key] : undefined;
}
