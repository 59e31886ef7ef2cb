import type { PatternCursor } from './cursor.js';
import { invalidTerm, syntaxError } from './errors.js';

/**
 * AWS's regex subset for filter patterns (`%…%`): letters, digits, space, the symbols `: _ # = @ / ;
 * , -` and the operators `^ $ ? [ ] { } | \ * + .`; no parentheses, no multi-byte characters.
 * Escapes: `\d \D \s \S \w \W`, `\xhh`, and a backslash before any operator or symbol.
 */
const LITERAL = /[A-Za-z0-9 :_#=@/;,-]/;
const OPERATOR = /[\^$?[\]{}|*+.]/;
const CLASS_ESCAPE = /[dDsSwW]/;
const HEX = /^[0-9A-Fa-f]{2}$/;
const QUANTIFIER = /^\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?$/;

/** Reads `%regex%` at the cursor (on the opening `%`) and compiles it to a JavaScript RegExp. */
export function readRegex(cursor: PatternCursor): RegExp {
  cursor.next();
  let source = '';
  let inClass = false;
  while (!cursor.atEnd() && cursor.peek() !== '%') {
    // Inside a character class `{` is an ordinary character, not a quantifier.
    const piece = inClass && cursor.peek() === '{' ? cursor.next() : translateOne(cursor);
    if (piece === '[') inClass = true;
    else if (piece === ']') inClass = false;
    source += piece;
  }
  if (cursor.atEnd()) throw syntaxError('unterminated regex');
  cursor.next();
  if (source === '') throw syntaxError('empty regex');
  try {
    return new RegExp(source);
  } catch {
    throw syntaxError(`malformed regex ${source}`);
  }
}

/** Validates and translates the next element of the regex: a character, an escape or a quantifier. */
function translateOne(cursor: PatternCursor): string {
  const c = cursor.next();
  if (c === '\\') return translateEscape(cursor);
  if (c === '{') return translateQuantifier(cursor);
  if (LITERAL.test(c) || OPERATOR.test(c)) return c;
  throw invalidTerm(c);
}

function translateEscape(cursor: PatternCursor): string {
  const c = cursor.next();
  if (c === '') throw syntaxError('dangling escape');
  if (CLASS_ESCAPE.test(c)) return `\\${c}`;
  if (c === 'x') {
    const hex = cursor.next() + cursor.next();
    if (!HEX.test(hex)) throw syntaxError(`bad \\x escape ${hex}`);
    return `\\x${hex}`;
  }
  if (/[A-Za-z0-9]/.test(c)) throw syntaxError(`unsupported escape \\${c}`);
  if (LITERAL.test(c) || OPERATOR.test(c)) return `\\${c}`;
  throw invalidTerm(c);
}

/** `{m,n}` with either bound optional (`{,n}` means at most n, which JavaScript spells `{0,n}`). */
function translateQuantifier(cursor: PatternCursor): string {
  const close = cursor.text.indexOf('}', cursor.pos);
  const body = close < 0 ? '' : cursor.text.slice(cursor.pos, close);
  const m = close < 0 ? null : QUANTIFIER.exec(body);
  if (!m || (m[1] === '' && (m[3] ?? '') === '')) throw syntaxError(`bad quantifier {${body}}`);
  cursor.pos = close + 1;
  return m[2] ? `{${m[1] || '0'},${m[3] ?? ''}}` : `{${m[1]}}`;
}
