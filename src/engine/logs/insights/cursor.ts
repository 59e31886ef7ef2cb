import { QueryError, unexpectedSymbol } from './errors.js';
import type { Token } from './lexer.js';

/** A position in a query's tokens, with the lookahead and error helpers both parsers share. */
export class Cursor {
  private i = 0;
  /** The columns of the last `stats`: later commands name them by their text, e.g. `count(*)`. */
  statsColumns = new Set<string>();

  constructor(
    readonly query: string,
    private readonly tokens: Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  /** The end offset of the last token taken. */
  get lastEnd(): number {
    return this.i === 0 ? 0 : this.tokens[this.i - 1]!.end;
  }

  /** True when the next token is the operator `op`. */
  isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === op;
  }

  /** True when the next token is the (unquoted, case-insensitive) keyword `word`. */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'name' && !t.quoted && t.text.toLowerCase() === word;
  }

  takeOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  takeWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.unexpected();
    return this.next();
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.unexpected();
    return this.next();
  }

  /** AWS's syntax error at the next token (or at `token`). */
  unexpected(token: Token = this.peek()): QueryError {
    const symbol = token.kind === 'string' ? this.query.slice(token.start, token.end) : token.text;
    return unexpectedSymbol(this.query, symbol, token.start, Math.max(token.start, token.end - 1));
  }

  /** A semantic error over [start, end) of the query. */
  error(message: string, start: number, end: number): QueryError {
    return new QueryError(message, start, Math.max(start, end - 1));
  }
}
