import { QueryError, unexpectedSymbol } from './errors.js';

/** The kinds of token of a Logs Insights query. */
export type TokenKind = 'name' | 'string' | 'number' | 'duration' | 'regex' | 'op' | 'eof';

/**
 * One token and where it lies in the query (`end` exclusive). A `name` is a field, command,
 * function or keyword (backquoted names are always fields: `quoted`); a `duration` is a number with
 * a time unit (`5m`); a `regex` carries its pattern and flags.
 */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  quoted?: boolean;
  value?: number;
  unit?: string;
  flags?: string;
}

const OPERATORS = ['!=', '<=', '>=', '=~', '=', '<', '>', '+', '-', '*', '/', '%', '^', '(', ')', ',', '[', ']', '|'];
const NAME_START = /[A-Za-z_@$]/;
const NAME_PART = /[A-Za-z0-9_@$.]/;

/** Words after which `/` opens a regular expression rather than dividing. */
const BEFORE_REGEX = new Set(['like', 'parse', 'and', 'or', 'not', 'in', 'filter', 'fields', 'display', 'stats', 'sort', 'by']);

const isWord = (t: Token | undefined, words: Set<string>): boolean =>
  t !== undefined && t.kind === 'name' && !t.quoted && words.has(t.text.toLowerCase());

/**
 * Whether `/` at this point divides (after an operand) or opens a regular expression: after an
 * operator, a keyword, or the field of `parse field /…/`.
 */
function dividesAfter(tokens: Token[]): boolean {
  const previous = tokens[tokens.length - 1];
  if (previous === undefined || isWord(previous, BEFORE_REGEX)) return false;
  if (previous.kind === 'name' && isWord(tokens[tokens.length - 2], new Set(['parse']))) return false;
  return previous.kind !== 'op' || previous.text === ')' || previous.text === ']';
}

/** Splits a query into tokens, skipping whitespace and `#` comments; the last token is `eof`. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
    } else {
      const token = readToken(query, i, dividesAfter(tokens));
      tokens.push(token);
      i = token.end;
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: query.length, end: query.length });
  return tokens;
}

function readToken(query: string, i: number, divides: boolean): Token {
  const c = query[i]!;
  if (c === '"' || c === "'") return readString(query, i);
  if (c === '`') return readQuotedName(query, i);
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(query[i + 1] ?? ''))) return readNumber(query, i);
  if (NAME_START.test(c)) {
    let j = i + 1;
    while (j < query.length && NAME_PART.test(query[j]!)) j++;
    return { kind: 'name', text: query.slice(i, j), start: i, end: j };
  }
  if (c === '/' && !divides) return readRegex(query, i);
  const op = OPERATORS.find((o) => query.startsWith(o, i));
  if (op) return { kind: 'op', text: op, start: i, end: i + op.length };
  throw unexpectedSymbol(query, c, i, i);
}

function readString(query: string, start: number): Token {
  const quote = query[start];
  let text = '';
  let i = start + 1;
  while (i < query.length && query[i] !== quote) {
    if (query[i] === '\\' && i + 1 < query.length) {
      const next = query[i + 1]!;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      i += 2;
    } else {
      text += query[i++];
    }
  }
  if (i >= query.length) throw unterminated(query, start, 'string');
  return { kind: 'string', text, start, end: i + 1 };
}

function readQuotedName(query: string, start: number): Token {
  const close = query.indexOf('`', start + 1);
  if (close < 0) throw unterminated(query, start, 'field name');
  if (close === start + 1) throw unexpectedSymbol(query, '``', start, close);
  return { kind: 'name', text: query.slice(start + 1, close), start, end: close + 1, quoted: true };
}

/** A number, or a duration when letters follow the digits at once (`5m`, `100ms`). */
function readNumber(query: string, start: number): Token {
  const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(query.slice(start))!;
  const end = start + m[0].length;
  const value = Number(m[0]);
  const unit = /^[A-Za-z]+/.exec(query.slice(end))?.[0];
  if (unit === undefined) return { kind: 'number', text: m[0], start, end, value };
  return { kind: 'duration', text: m[0] + unit, start, end: end + unit.length, value, unit };
}

/** `/pattern/` with an optional `i` flag after it; `\/` inside stands for a slash. */
function readRegex(query: string, start: number): Token {
  let i = start + 1;
  let pattern = '';
  while (i < query.length && query[i] !== '/') {
    if (query[i] === '\\' && query[i + 1] === '/') {
      pattern += '/';
      i += 2;
    } else {
      pattern += query[i++];
    }
  }
  if (i >= query.length) throw unterminated(query, start, 'regular expression');
  let end = i + 1;
  let flags = '';
  while (query[end] === 'i' && !flags.includes('i')) flags += query[end++];
  return { kind: 'regex', text: pattern, start, end, flags };
}

function unterminated(query: string, start: number, what: string): QueryError {
  return new QueryError(`unterminated ${what} starting at position ${start}`, start, query.length - 1);
}
