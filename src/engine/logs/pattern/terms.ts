import { isWhitespace, PatternCursor } from './cursor.js';
import { invalidTerm, syntaxError } from './errors.js';
import { readRegex } from './regex.js';

/** Whether one term of an unstructured pattern occurs in a message. */
type Occurs = (message: string) => boolean;

/** An unstructured pattern, compiled: the test and how many regex terms it holds. */
export interface TermsPattern {
  matches(message: string): boolean;
  regexCount: number;
}

/**
 * Compiles an unstructured pattern: words (letters, digits, `_`), quoted phrases and `%regex%`
 * terms, each optionally marked `-` (must not occur) or `?` (any of the `?` terms must occur).
 * Plain terms must all occur, case-sensitively, anywhere in the message. As AWS documents, `?`
 * terms are ignored when the pattern has any other term; a blank quoted phrase (`" "`) matches
 * every event.
 */
export function compileTerms(text: string): TermsPattern {
  const cursor = new PatternCursor(text);
  const include: Occurs[] = [];
  const exclude: Occurs[] = [];
  const optional: Occurs[] = [];
  let regexCount = 0;
  for (;;) {
    cursor.skipWhitespace();
    if (cursor.atEnd()) break;
    const mark = cursor.peek() === '-' || cursor.peek() === '?' ? cursor.next() : '';
    if (mark) cursor.skipWhitespace();
    if (cursor.peek() === '%') regexCount++;
    const term = readTerm(cursor);
    (mark === '-' ? exclude : mark === '?' ? optional : include).push(term);
  }
  return { matches: combine(include, exclude, optional), regexCount };
}

function readTerm(cursor: PatternCursor): Occurs {
  const c = cursor.peek();
  if (c === '' || c === '-' || c === '?') throw syntaxError('a term mark must be followed by a term');
  if (c === '"') return phrase(cursor.quoted());
  if (c === '%') {
    const regex = readRegex(cursor);
    return (message) => regex.test(message);
  }
  const word = cursor.word();
  if (word === '') throw invalidTerm(c);
  const after = cursor.peek();
  // A word ends at whitespace, a quote, a regex, or the next term's mark ("request-id" is request, -id).
  if (after !== '' && !isWhitespace(after) && !'"%-?'.includes(after)) throw invalidTerm(after);
  return phrase(word);
}

function phrase(text: string): Occurs {
  if (text.trim() === '') return () => true;
  return (message) => message.includes(text);
}

function combine(include: Occurs[], exclude: Occurs[], optional: Occurs[]): (message: string) => boolean {
  if (include.length === 0 && exclude.length === 0) {
    if (optional.length === 0) return () => true;
    return (message) => optional.some((t) => t(message));
  }
  return (message) => include.every((t) => t(message)) && !exclude.some((t) => t(message));
}
