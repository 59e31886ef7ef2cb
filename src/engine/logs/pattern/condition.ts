import type { PatternCursor } from './cursor.js';
import { syntaxError } from './errors.js';

/** A compiled boolean condition over some subject (a JSON document, a line's fields). */
export type Predicate<T> = (subject: T) => boolean;

/**
 * Parses conditions joined with `&&` and `||`, grouped with parentheses, with the precedence AWS
 * documents: () > && > ||. `atom` reads one condition.
 */
export function parseExpression<T>(cursor: PatternCursor, atom: (cursor: PatternCursor) => Predicate<T>): Predicate<T> {
  const alternatives = [parseConjunction(cursor, atom)];
  for (;;) {
    cursor.skipWhitespace();
    if (!cursor.consume('||')) break;
    alternatives.push(parseConjunction(cursor, atom));
  }
  return alternatives.length === 1 ? alternatives[0] : (s) => alternatives.some((p) => p(s));
}

function parseConjunction<T>(cursor: PatternCursor, atom: (cursor: PatternCursor) => Predicate<T>): Predicate<T> {
  const all = [parsePrimary(cursor, atom)];
  for (;;) {
    cursor.skipWhitespace();
    if (!cursor.consume('&&')) break;
    all.push(parsePrimary(cursor, atom));
  }
  return all.length === 1 ? all[0] : (s) => all.every((p) => p(s));
}

function parsePrimary<T>(cursor: PatternCursor, atom: (cursor: PatternCursor) => Predicate<T>): Predicate<T> {
  cursor.skipWhitespace();
  if (!cursor.consume('(')) return atom(cursor);
  const inner = parseExpression(cursor, atom);
  cursor.skipWhitespace();
  if (!cursor.consume(')')) throw syntaxError(`expected ')' at ${cursor.pos}`);
  return inner;
}
