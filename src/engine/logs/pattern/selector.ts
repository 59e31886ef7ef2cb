import { isWhitespace, PatternCursor } from './cursor.js';
import { invalidTerm, syntaxError } from './errors.js';
import { JsonNumber, type JsonValue } from './json-document.js';

/** One step of a property selector: a property name, an array index, or the wildcard. */
type Segment = { name: string } | { index: number } | { wildcard: true };

/** A compiled property selector such as `$.users[0].email`, `$.arrayKey[*]` or `$.['cluster.name']`. */
export interface Selector {
  text: string;
  wildcards: number;
  /** The nodes the selector points at; empty when the path is absent. */
  resolve(root: JsonValue): JsonValue[];
}

const NAME_CHAR = /[A-Za-z0-9_-]/;
const SELECTOR_END = '=!<>)&|}';

/**
 * Reads a selector at the cursor (on `$`). Names hold letters, digits, `-` and `_`; anything else
 * is reported as AWS does, with the selector text read so far (`$."` for `$."sc-status"`).
 */
export function readSelector(cursor: PatternCursor): Selector {
  const start = cursor.pos;
  cursor.next();
  const segments: Segment[] = [];
  const bad = () => invalidTerm(cursor.text.slice(start, cursor.pos + 1));
  while (!cursor.atEnd() && !isWhitespace(cursor.peek()) && !SELECTOR_END.includes(cursor.peek())) {
    if (cursor.peek() === '[') segments.push(readBracket(cursor, bad));
    else if (cursor.peek() === '.') segments.push(readDotted(cursor, bad));
    else throw bad();
  }
  if (segments.length === 0) throw syntaxError('a selector needs a property');
  const text = cursor.text.slice(start, cursor.pos);
  return compileSelector(text, segments);
}

/** Parses a whole metric value or dimension reference (`$.latency`) as a selector, if it is one. */
export function parseSelector(reference: string): Selector | undefined {
  if (!reference.startsWith('$.') && !reference.startsWith('$[')) return undefined;
  try {
    const cursor = new PatternCursor(reference);
    const selector = readSelector(cursor);
    return cursor.atEnd() ? selector : undefined;
  } catch {
    return undefined;
  }
}

function readDotted(cursor: PatternCursor, bad: () => Error): Segment {
  cursor.next();
  if (cursor.peek() === '[') return readBracket(cursor, bad);
  if (cursor.consume('*')) return { wildcard: true };
  const from = cursor.pos;
  while (NAME_CHAR.test(cursor.peek())) cursor.next();
  if (cursor.pos === from) throw bad();
  return { name: cursor.text.slice(from, cursor.pos) };
}

function readBracket(cursor: PatternCursor, bad: () => Error): Segment {
  cursor.next();
  let segment: Segment;
  const quote = cursor.peek();
  if (quote === "'" || quote === '"') {
    cursor.next();
    const close = cursor.text.indexOf(quote, cursor.pos);
    if (close < 0) throw syntaxError('unterminated property name');
    segment = { name: cursor.text.slice(cursor.pos, close) };
    cursor.pos = close + 1;
  } else if (cursor.consume('*')) {
    segment = { wildcard: true };
  } else {
    const digits = cursor.word();
    if (!/^\d+$/.test(digits)) throw digits === '' ? bad() : syntaxError(`bad index ${digits}`);
    segment = { index: Number(digits) };
  }
  if (!cursor.consume(']')) throw bad();
  return segment;
}

function compileSelector(text: string, segments: Segment[]): Selector {
  const wildcards = segments.filter((s) => 'wildcard' in s).length;
  return {
    text,
    wildcards,
    resolve(root) {
      let nodes: JsonValue[] = [root];
      for (const segment of segments) {
        const next: JsonValue[] = [];
        for (const node of nodes) step(node, segment, next);
        if (next.length === 0) return next;
        nodes = next;
      }
      return nodes;
    },
  };
}

function step(node: JsonValue, segment: Segment, into: JsonValue[]): void {
  if ('name' in segment) {
    if (node instanceof Map && node.has(segment.name)) into.push(node.get(segment.name)!);
  } else if ('index' in segment) {
    if (Array.isArray(node) && segment.index < node.length) into.push(node[segment.index]);
  } else if (node instanceof Map) {
    into.push(...node.values());
  } else if (Array.isArray(node)) {
    into.push(...node);
  }
}

/** The text of a value node (a string or a number as written); undefined for anything else. */
export function scalarText(node: JsonValue): string | undefined {
  if (typeof node === 'string') return node;
  return node instanceof JsonNumber ? node.raw : undefined;
}
