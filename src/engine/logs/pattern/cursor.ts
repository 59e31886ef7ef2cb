import { invalidTerm, syntaxError } from './errors.js';

const WHITESPACE = /\s/;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** True for the characters an unquoted word may hold: ASCII letters, digits and underscore. */
const isWordChar = (c: string): boolean => c !== '' && WORD_CHAR.test(c);

/** True for whitespace; false at the end of the text. */
export const isWhitespace = (c: string): boolean => c !== '' && WHITESPACE.test(c);

/** A position in a pattern's text, read one character at a time by the recursive-descent parsers. */
export class PatternCursor {
  pos = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The character `offset` ahead, or '' past the end. */
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  next(): string {
    return this.text.charAt(this.pos++);
  }

  lookingAt(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Consumes `s` when the text continues with it. */
  consume(s: string): boolean {
    if (!this.lookingAt(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.consume(s)) throw syntaxError(`expected '${s}' at ${this.pos}`);
  }

  skipWhitespace(): void {
    while (isWhitespace(this.peek())) this.pos++;
  }

  /** Reads a run of word characters (possibly empty). */
  word(): string {
    const start = this.pos;
    while (isWordChar(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /**
   * Reads a double-quoted string, the cursor on its opening quote; `\"` and `\\` escape. The empty
   * string `""` is a term AWS rejects.
   */
  quoted(): string {
    const start = this.pos;
    this.next();
    let value = '';
    while (!this.atEnd() && this.peek() !== '"') {
      const c = this.next();
      value += c === '\\' && !this.atEnd() ? this.next() : c;
    }
    if (this.atEnd()) throw syntaxError(`unterminated quote at ${start}`);
    this.next();
    if (value === '') throw invalidTerm('""');
    return value;
  }
}
