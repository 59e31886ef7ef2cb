import { parseExpression, type Predicate } from './condition.js';
import { isWhitespace, PatternCursor } from './cursor.js';
import { invalidTerm, syntaxError } from './errors.js';
import { splitFields, splitFieldsWithRest } from './fields.js';
import { parseNumber, readComparison, readOperator, type Scalar } from './literal.js';

/** One entry of a space-delimited pattern: a field, named or not, with an optional condition on it. */
interface Entry {
  name?: string;
  test?: Predicate<Scalar>;
}

/** A matching line: its fields in order, and each by reference (`$status`, or `$3` when unnamed). */
export interface DelimitedMatch {
  fields: string[];
  extracted: Record<string, string>;
}

/** A compiled space-delimited pattern (`[ip, user, ..., status = 4*, bytes > 1000]`). */
export interface DelimitedPattern {
  /** The line's fields, or undefined when the line does not match. */
  match(message: string): DelimitedMatch | undefined;
  names: ReadonlySet<string>;
  regexCount: number;
}

/**
 * Compiles a pattern that starts with `[` and ends with `]`: comma-separated entries, each a field
 * name with optional conditions (`status = 404 || status = 410`), a blank entry for an unnamed
 * field, or one `...` for any number of fields.
 */
export function compileDelimited(text: string): DelimitedPattern {
  const cursor = new PatternCursor(text);
  const entries: Entry[] = [];
  const names = new Set<string>();
  const counter = { regexCount: 0, mixedFields: false };
  let ellipsis = -1;
  cursor.expect('[');
  for (;;) {
    cursor.skipWhitespace();
    if (cursor.consume('...')) {
      if (ellipsis >= 0) throw syntaxError('only one ellipsis is allowed');
      ellipsis = entries.length;
    } else {
      const entry: Entry = cursor.peek() === ',' || cursor.peek() === ']' ? {} : readEntry(cursor, counter);
      if (entry.name !== undefined && names.has(entry.name)) throw syntaxError(`field ${entry.name} named twice`);
      if (entry.name !== undefined) names.add(entry.name);
      entries.push(entry);
    }
    cursor.skipWhitespace();
    if (cursor.consume(']')) break;
    cursor.expect(',');
  }
  if (!cursor.atEnd()) throw syntaxError('text after the closing bracket');
  // Checked once the whole pattern is read, so that a bad character anywhere is reported first.
  if (counter.mixedFields) throw syntaxError('a condition may only test its own field');
  return { match: matcher(entries, ellipsis), names, regexCount: counter.regexCount };
}

/** A named entry; every condition in it must test that same field. */
function readEntry(cursor: PatternCursor, counter: { regexCount: number; mixedFields: boolean }): Entry {
  const start = cursor.pos;
  if (cursor.peek() !== '(') {
    const name = readName(cursor);
    cursor.skipWhitespace();
    if (cursor.peek() === ',' || cursor.peek() === ']') return { name };
    cursor.pos = start;
  }
  let name: string | undefined;
  const test = parseExpression<Scalar>(cursor, (c) => {
    c.skipWhitespace();
    const tested = readName(c);
    if (name !== undefined && tested !== name) counter.mixedFields = true;
    name ??= tested;
    c.skipWhitespace();
    const comparison = readComparison(c, readOperator(c), ',]&|)');
    if (comparison.regex) counter.regexCount++;
    return comparison.test;
  });
  return { name, test };
}

function readName(cursor: PatternCursor): string {
  const name = cursor.word();
  const after = cursor.peek();
  if (name === '') throw after === '"' || after === '' ? syntaxError('expected a field name') : invalidTerm(after);
  if (after !== '' && !isWhitespace(after) && !'=!<>,]&|)'.includes(after)) throw invalidTerm(after);
  return name;
}

function matcher(entries: Entry[], ellipsis: number): DelimitedPattern['match'] {
  const before = ellipsis < 0 ? entries : entries.slice(0, ellipsis);
  const after = ellipsis < 0 ? [] : entries.slice(ellipsis);
  return (message) => {
    const values = ellipsis < 0 ? splitFieldsWithRest(message, entries.length) : splitFields(message);
    if (!values || values.length < before.length + after.length) return undefined;
    const entryAt = (i: number): Entry | undefined =>
      i < before.length ? before[i] : i >= values.length - after.length ? after[i - (values.length - after.length)] : undefined;
    for (let i = 0; i < values.length; i++) {
      const test = entryAt(i)?.test;
      if (test && !test({ text: values[i], number: parseNumber(values[i]) })) return undefined;
    }
    const extracted: Record<string, string> = {};
    values.forEach((value, i) => {
      const name = entryAt(i)?.name;
      extracted[name === undefined ? `$${i + 1}` : `$${name}`] = value;
    });
    return { fields: values, extracted };
  };
}
