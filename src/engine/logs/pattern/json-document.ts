/**
 * A strict JSON reader for log events that keeps each number's text as written: AWS compares a
 * quoted literal with that text (`"12"` does not match 12.0, `"123"` matches 123), which
 * JSON.parse would lose.
 */

/** A JSON number with the text it was written as. */
export class JsonNumber {
  constructor(
    readonly raw: string,
    readonly value: number,
  ) {}
}

/** A parsed JSON value; objects are Maps so any key (even `__proto__`) is data. */
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | Map<string, JsonValue>;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses a message that is a JSON object or array; undefined for anything else. */
export function parseJsonEvent(message: string): JsonValue | undefined {
  const reader = new Reader(message);
  reader.skipWhitespace();
  const c = message.charAt(reader.pos);
  if (c !== '{' && c !== '[') return undefined;
  try {
    const value = reader.value();
    reader.skipWhitespace();
    return reader.pos === message.length ? value : undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      this.pos++;
    }
  }

  value(): JsonValue {
    this.skipWhitespace();
    const c = this.text.charAt(this.pos);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.number();
  }

  private object(): Map<string, JsonValue> {
    const map = new Map<string, JsonValue>();
    this.pos++;
    this.skipWhitespace();
    if (this.eat('}')) return map;
    do {
      this.skipWhitespace();
      if (this.text.charAt(this.pos) !== '"') throw new SyntaxError('expected a key');
      const key = this.string();
      this.skipWhitespace();
      if (!this.eat(':')) throw new SyntaxError('expected :');
      map.set(key, this.value());
      this.skipWhitespace();
    } while (this.eat(','));
    if (!this.eat('}')) throw new SyntaxError('expected }');
    return map;
  }

  private array(): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.eat(']')) return items;
    do {
      items.push(this.value());
      this.skipWhitespace();
    } while (this.eat(','));
    if (!this.eat(']')) throw new SyntaxError('expected ]');
    return items;
  }

  private string(): string {
    let out = '';
    let start = ++this.pos;
    for (;;) {
      const c = this.text.charAt(this.pos);
      if (c === '') throw new SyntaxError('unterminated string');
      if (c === '"') break;
      if (c < ' ') throw new SyntaxError('control character in string');
      if (c !== '\\') {
        this.pos++;
        continue;
      }
      out += this.text.slice(start, this.pos) + this.escape();
      start = this.pos;
    }
    out += this.text.slice(start, this.pos++);
    return out;
  }

  private escape(): string {
    const c = this.text.charAt(this.pos + 1);
    this.pos += 2;
    if (c in ESCAPES) return ESCAPES[c];
    const hex = this.text.slice(this.pos, this.pos + 4);
    if (c !== 'u' || !/^[0-9A-Fa-f]{4}$/.test(hex)) throw new SyntaxError('bad escape');
    this.pos += 4;
    return String.fromCharCode(parseInt(hex, 16));
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '' || m[0] === '-') throw new SyntaxError('unexpected character');
    this.pos += m[0].length;
    return new JsonNumber(m[0], Number(m[0]));
  }

  private eat(c: string): boolean {
    if (this.text.charAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }
}
