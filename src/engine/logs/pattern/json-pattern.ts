import { parseExpression, type Predicate } from './condition.js';
import { PatternCursor } from './cursor.js';
import { syntaxError } from './errors.js';
import { JsonNumber, type JsonValue } from './json-document.js';
import { readComparison, readOperator, type Scalar } from './literal.js';
import { readSelector, type Selector } from './selector.js';

/** A compiled JSON pattern (`{ $.a = 1 && $.b IS NULL }`). */
export interface JsonPattern {
  test: Predicate<JsonValue>;
  /** The selectors the pattern names, in order of appearance, each once. */
  selectors: Selector[];
  regexCount: number;
}

/** AWS's quotas: one wildcard per property selector, three per pattern. */
const MAX_WILDCARDS_PER_SELECTOR = 1;
const MAX_WILDCARDS_PER_PATTERN = 3;

/** Compiles a pattern that starts with `{` and ends with `}`. */
export function compileJson(text: string): JsonPattern {
  const cursor = new PatternCursor(text);
  const state: JsonPattern = { test: () => false, selectors: [], regexCount: 0 };
  let wildcards = 0;
  cursor.expect('{');
  state.test = parseExpression<JsonValue>(cursor, (c) => {
    const { selector, predicate } = readCondition(c, state);
    if (selector.wildcards > MAX_WILDCARDS_PER_SELECTOR) throw syntaxError('too many wildcards in a selector');
    wildcards += selector.wildcards;
    if (!state.selectors.some((s) => s.text === selector.text)) state.selectors.push(selector);
    return predicate;
  });
  if (wildcards > MAX_WILDCARDS_PER_PATTERN) throw syntaxError('too many wildcard selectors');
  cursor.skipWhitespace();
  cursor.expect('}');
  if (!cursor.atEnd()) throw syntaxError('text after the closing brace');
  return state;
}

/** One condition: a selector and a comparison, `IS NULL|TRUE|FALSE`, or `NOT EXISTS`. */
function readCondition(cursor: PatternCursor, state: JsonPattern): { selector: Selector; predicate: Predicate<JsonValue> } {
  cursor.skipWhitespace();
  if (cursor.peek() !== '$') throw syntaxError(`expected a property selector at ${cursor.pos}`);
  const selector = readSelector(cursor);
  cursor.skipWhitespace();
  if (/[A-Za-z]/.test(cursor.peek())) return { selector, predicate: readKeywords(cursor, selector) };
  const op = readOperator(cursor);
  const { test, regex } = readComparison(cursor, op, ')&|}');
  if (regex) state.regexCount++;
  // Only value nodes (strings, numbers) can satisfy a comparison, `!=` included.
  const predicate = (root: JsonValue) =>
    selector.resolve(root).some((node) => {
      const scalar = toScalar(node);
      return scalar !== undefined && test(scalar);
    });
  return { selector, predicate };
}

function readKeywords(cursor: PatternCursor, selector: Selector): Predicate<JsonValue> {
  const keyword = cursor.word().toUpperCase();
  cursor.skipWhitespace();
  const operand = cursor.word().toUpperCase();
  const nodes = (root: JsonValue) => selector.resolve(root);
  if (keyword === 'NOT' && operand === 'EXISTS') return (root) => nodes(root).length === 0;
  if (keyword !== 'IS') throw syntaxError(`unknown keyword ${keyword}`);
  if (operand === 'NULL') return (root) => nodes(root).some((n) => n === null);
  if (operand === 'TRUE') return (root) => nodes(root).some((n) => n === true);
  if (operand === 'FALSE') return (root) => nodes(root).some((n) => n === false);
  throw syntaxError(`IS ${operand} is not supported`);
}

function toScalar(node: JsonValue): Scalar | undefined {
  if (typeof node === 'string') return { text: node };
  return node instanceof JsonNumber ? { text: node.raw, number: node.value } : undefined;
}
