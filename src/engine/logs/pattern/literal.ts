import { isWhitespace, type PatternCursor } from './cursor.js';
import { invalidTerm, syntaxError } from './errors.js';
import { readRegex } from './regex.js';

/** A comparison operator of JSON and space-delimited conditions. */
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A value a condition is tested against: its text, and its number when it is numeric. */
export interface Scalar {
  text: string;
  number?: number;
}

/** A compiled condition on one value. */
export type ScalarTest = (value: Scalar) => boolean;

/** What a literal is, once read: a regex, a `*` wildcard text, or an exact (maybe numeric) text. */
interface Literal {
  source: string;
  regex?: RegExp;
  glob?: string[];
  text: string;
  number?: number;
  quoted: boolean;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const UNQUOTED = /[A-Za-z0-9_.*+-]/;

/** The number `text` spells in the filter pattern language, or undefined. */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** Reads a comparison operator at the cursor. */
export function readOperator(cursor: PatternCursor): Operator {
  for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) if (cursor.consume(op)) return op;
  throw syntaxError(`expected an operator at ${cursor.pos}`);
}

/**
 * Reads the literal after an operator and compiles the test: a quoted string, `%regex%`, or an
 * unquoted run of letters, digits and `_ . * + -` ending at whitespace or one of `stops`.
 */
export function readComparison(cursor: PatternCursor, op: Operator, stops: string): { test: ScalarTest; regex: boolean } {
  cursor.skipWhitespace();
  const literal = readLiteral(cursor, stops);
  return { test: compile(op, literal), regex: literal.regex !== undefined };
}

function readLiteral(cursor: PatternCursor, stops: string): Literal {
  const start = cursor.pos;
  if (cursor.peek() === '"') {
    const text = cursor.quoted();
    return withGlob({ source: cursor.text.slice(start, cursor.pos), text, quoted: true });
  }
  if (cursor.peek() === '%') {
    const regex = readRegex(cursor);
    return { source: cursor.text.slice(start, cursor.pos), regex, text: '', quoted: false };
  }
  while (!cursor.atEnd() && !isWhitespace(cursor.peek()) && !stops.includes(cursor.peek())) {
    if (!UNQUOTED.test(cursor.peek())) throw invalidTerm(cursor.text.slice(start, cursor.pos + 1));
    cursor.next();
  }
  const text = cursor.text.slice(start, cursor.pos);
  if (text === '') throw syntaxError(`expected a value at ${start}`);
  return withGlob({ source: text, text, number: parseNumber(text), quoted: false });
}

function withGlob(literal: Literal): Literal {
  return literal.text.includes('*') ? { ...literal, glob: literal.text.split('*'), number: undefined } : literal;
}

/** Builds the test for `value <op> literal`; a numeric operator needs an unquoted number. */
function compile(op: Operator, literal: Literal): ScalarTest {
  if (op !== '=' && op !== '!=') {
    const bound = literal.quoted ? undefined : literal.number;
    if (bound === undefined) throw invalidTerm(literal.source);
    return numericTest(op, bound);
  }
  const equals = equality(literal);
  return op === '=' ? equals : (value) => !equals(value);
}

function numericTest(op: Operator, bound: number): ScalarTest {
  switch (op) {
    case '<':
      return (v) => v.number !== undefined && v.number < bound;
    case '<=':
      return (v) => v.number !== undefined && v.number <= bound;
    case '>':
      return (v) => v.number !== undefined && v.number > bound;
    default:
      return (v) => v.number !== undefined && v.number >= bound;
  }
}

function equality(literal: Literal): ScalarTest {
  const { regex, glob, text, number, quoted } = literal;
  if (regex) return (v) => regex.test(v.text);
  if (glob) return (v) => globMatch(glob, v.text);
  // An unquoted number compares numerically with a numeric value (123 = 123.0); quoted, as text.
  if (number !== undefined && !quoted) return (v) => (v.number !== undefined ? v.number === number : v.text === text);
  return (v) => v.text === text;
}

/**
 * Matches `text` against a `*` wildcard split into its literal parts. Each part is looked for at
 * its first occurrence after the previous one, without backtracking — which is why AWS does not
 * match `*111.111.111` against "111.111.111.111" while it does match `*.111.111.111`.
 */
function globMatch(parts: string[], text: string): boolean {
  const first = parts[0];
  if (!text.startsWith(first)) return false;
  let pos = first.length;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') continue;
    const at = text.indexOf(part, pos);
    if (at < 0) return false;
    pos = at + part.length;
  }
  return parts[parts.length - 1] === '' || pos === text.length;
}
