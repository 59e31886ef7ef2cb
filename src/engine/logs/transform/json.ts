import { JDouble, JInt, javaDouble, type JObject, type Json } from './value.js';

/** Jackson's default nesting limit (2.15+): deeper documents fail to parse instead of recursing on. */
const MAX_DEPTH = 1000;

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Why a text is not the JSON a parser expected. */
export class JsonSyntaxError extends Error {}

/**
 * Parses strict JSON (RFC 8259, as Jackson reads it by default) into ordered values: a repeated key
 * keeps its first position and its last value, as a Java LinkedHashMap does.
 */
export function parseJson(text: string): Json {
  const p = new Parser(text);
  p.space();
  const value = p.value(0);
  p.space();
  if (p.at < text.length) p.fail('unexpected content after the JSON value');
  return value;
}

class Parser {
  at = 0;
  constructor(private readonly s: string) {}

  fail(why: string): never {
    throw new JsonSyntaxError(`${why} at character ${this.at + 1}`);
  }

  space(): void {
    while (this.at < this.s.length && ' \t\n\r'.includes(this.s[this.at]!)) this.at++;
  }

  value(depth: number): Json {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const c = this.s[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.at)) {
        this.at += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`);
  }

  private object(depth: number): JObject {
    const out: JObject = new Map();
    this.at++;
    this.space();
    if (this.s[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.s[this.at] !== '"') this.fail('expected a field name');
      const key = this.string();
      this.space();
      if (this.s[this.at] !== ':') this.fail("expected ':'");
      this.at++;
      this.space();
      out.set(key, this.value(depth + 1));
      this.space();
      const c = this.s[this.at++];
      if (c === '}') return out;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  private array(depth: number): Json[] {
    const out: Json[] = [];
    this.at++;
    this.space();
    if (this.s[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value(depth + 1));
      this.space();
      const c = this.s[this.at++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  private number(): JInt | JDouble {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.s);
    if (!m) return this.fail('invalid number');
    this.at += m[0].length;
    if (m[1] === undefined && m[2] === undefined) return new JInt(BigInt(m[0]));
    const d = Number(m[0]);
    if (!Number.isFinite(d)) this.fail('number out of range');
    return new JDouble(d);
  }

  string(): string {
    let out = '';
    this.at++;
    for (;;) {
      const start = this.at;
      while (this.at < this.s.length && this.s[this.at] !== '"' && this.s[this.at] !== '\\' && this.s.charCodeAt(this.at) >= 0x20) this.at++;
      out += this.s.slice(start, this.at);
      const c = this.s[this.at];
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c !== '\\') this.fail(c === undefined ? 'unterminated string' : 'control character in string');
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.s[this.at + 1];
    this.at += 2;
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (c !== undefined && Object.hasOwn(simple, c)) return simple[c]!;
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.at, this.at + 4))) {
      this.at += 4;
      return String.fromCharCode(parseInt(this.s.slice(this.at - 4, this.at), 16));
    }
    return this.fail('invalid escape');
  }
}

/** Compact JSON as Jackson writes it: no spaces, control characters escaped, doubles Java-style. */
export function stringifyJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quote(v);
  if (v instanceof JInt) return v.value.toString();
  if (v instanceof JDouble) return javaDouble(v.value);
  if (Array.isArray(v)) return `[${v.map(stringifyJson).join(',')}]`;
  return `{${[...v].map(([k, x]) => `${quote(k)}:${stringifyJson(x)}`).join(',')}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(s: string): string {
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}
