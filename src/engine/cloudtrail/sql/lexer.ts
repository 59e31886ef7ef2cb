import { SqlError } from './errors.js';

/** What a token is; keywords are `ident` tokens the parser recognizes case-insensitively. */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'punct' | 'table' | 'eof';

/** One token with its 1-based line and column, as Trino reports positions. */
export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings and quoted identifiers, the unescaped value). */
  text: string;
  /** How the token is shown in "mismatched input" messages: its source text, `<EOF>` at the end. */
  display: string;
  line: number;
  col: number;
}

const OPERATORS = ['<=', '>=', '<>', '!=', '=', '<', '>'];
const PUNCT = '(),*.;';
/** A table name after FROM: an event data store id (a UUID, hyphens and all) or its ARN. */
const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*/;

/**
 * Splits a statement into tokens. Table names are lexed apart: CloudTrail Lake takes a bare event
 * data store id (`FROM 4b19aea8-fc7b-…`) where plain SQL would see a subtraction.
 */
export function tokenize(sql: string): Token[] {
  const lexer = new Lexer(sql);
  const tokens: Token[] = [];
  for (;;) {
    const afterFrom = tokens.length > 0 && isWord(tokens[tokens.length - 1], 'FROM');
    const token = lexer.next(afterFrom);
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
  }
}

/** True when a token is the given keyword. */
export function isWord(token: Token, word: string): boolean {
  return token.kind === 'ident' && token.text.toUpperCase() === word;
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly sql: string) {}

  next(tableExpected: boolean): Token {
    this.skipSpaceAndComments();
    const start = this.pos;
    const at = { line: this.line, col: start - this.lineStart + 1 };
    if (start >= this.sql.length) return { kind: 'eof', text: '', display: '<EOF>', ...at };
    const rest = this.sql.slice(start);
    const c = rest[0];
    if (tableExpected && c !== '"' && c !== '(') {
      const table = TABLE_NAME.exec(rest);
      if (table) return this.take('table', table[0], table[0], at);
    }
    if (c === "'") return this.quoted("'", 'string', at);
    if (c === '"') return this.quoted('"', 'quoted', at);
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) return this.take('number', number[0], number[0], at);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) return this.take('ident', word[0], word[0], at);
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) return this.take('op', op, op, at);
    if (PUNCT.includes(c)) return this.take('punct', c, c, at);
    throw new SqlError(at.line, at.col, `token recognition error at: '${c}'`);
  }

  private take(kind: TokenKind, text: string, source: string, at: { line: number; col: number }): Token {
    this.advance(source.length);
    return { kind, text, display: source, ...at };
  }

  /** A '…' string or "…" identifier; the quote doubled inside stands for itself. */
  private quoted(quote: string, kind: TokenKind, at: { line: number; col: number }): Token {
    let i = this.pos + 1;
    let value = '';
    for (;;) {
      const end = this.sql.indexOf(quote, i);
      if (end < 0) {
        throw new SqlError(at.line, at.col, `token recognition error at: '${this.sql.slice(this.pos)}'`);
      }
      value += this.sql.slice(i, end);
      if (this.sql[end + 1] === quote) {
        value += quote;
        i = end + 2;
        continue;
      }
      const source = this.sql.slice(this.pos, end + 1);
      this.advance(source.length);
      return { kind, text: value, display: source, ...at };
    }
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const rest = this.sql.slice(this.pos);
      const space = /^\s+/.exec(rest);
      if (space) this.advance(space[0].length);
      else if (rest.startsWith('--')) {
        const end = rest.indexOf('\n');
        this.advance(end < 0 ? rest.length : end);
      } else if (rest.startsWith('/*')) {
        const end = rest.indexOf('*/', 2);
        if (end < 0) throw new SqlError(this.line, this.pos - this.lineStart + 1, `token recognition error at: '${rest}'`);
        this.advance(end + 2);
      } else return;
    }
  }

  /** Moves forward, keeping line and column right across newlines. */
  private advance(n: number): void {
    for (let i = 0; i < n; i++) {
      if (this.sql[this.pos] === '\n') {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
  }
}
