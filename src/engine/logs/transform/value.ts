/**
 * The values a transformed log event holds. AWS runs transformers on the JVM (Jackson): objects
 * keep their keys in insertion order (a JS object would move integer-like keys to the front, and
 * `__proto__` is no ordinary key), integers keep every digit, and a double prints the Java way
 * (`1.0`, `1.0E10`). So objects are Maps and numbers carry their Java kind.
 */
export type Json = string | boolean | null | JInt | JDouble | Json[] | JObject;

/** A JSON object: insertion-ordered, and keyed by caller input safely. */
export type JObject = Map<string, Json>;

/** An integral number (Java `Integer`/`Long`/`BigInteger`): printed with all its digits. */
export class JInt {
  constructor(readonly value: bigint) {}
}

/** A floating-point number (Java `Double`): printed as `Double.toString` prints it. */
export class JDouble {
  constructor(readonly value: number) {}
}

export const isObject = (v: Json | undefined): v is JObject => v instanceof Map;

/** A deep copy, so a copied value never aliases its source. */
export function cloneJson(v: Json): Json {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, cloneJson(x)]));
  if (Array.isArray(v)) return v.map(cloneJson);
  return v;
}

/** Java's `Double.toString`: `100.0`, `0.001`, `1.0E7`, `1.234E-5` (shortest round-trip digits). */
export function javaDouble(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.replace('+', '')}`;
}

/** The text a scalar value converts to (typeConverter `string`, CSV cells, grok sources). */
export function scalarText(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof JInt) return v.value.toString();
  if (v instanceof JDouble) return javaDouble(v.value);
  return undefined;
}

/** How many fields an object holds as Insights flattens it: its leaves (the 200-field limit). */
export function fieldCount(o: JObject): number {
  let n = 0;
  for (const x of o.values()) n += x instanceof Map && x.size > 0 ? fieldCount(x) : 1;
  return n;
}
