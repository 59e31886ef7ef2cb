/**
 * The CloudWatch Logs filter pattern language, shared by FilterLogEvents, metric filters,
 * subscription filters and TestMetricFilter: unstructured terms, JSON (`{ … }`) and space-delimited
 * (`[ … ]`) patterns, with `%regex%` terms in each.
 */
import { compileDelimited, type DelimitedMatch } from './delimited.js';
import { PatternError, patternMessage, syntaxError, toAwsError, type PatternUsage } from './errors.js';
import { parseJsonEvent, type JsonValue } from './json-document.js';
import { compileJson } from './json-pattern.js';
import { parseSelector, scalarText, type Selector } from './selector.js';
import { compileTerms } from './terms.js';

export type { PatternUsage } from './errors.js';

/** What a matching event yields. */
export interface FilterMatch {
  /**
   * The values a metric transformation can use by these keys: every field of a space-delimited
   * pattern (`$status`, or `$3` when unnamed), every selector a JSON pattern names (`$.latency`).
   */
  values: Record<string, string>;
  /** What TestMetricFilter reports: the fields of a space-delimited pattern; empty for the others. */
  extractedValues: Record<string, string>;
  /** The value of a metric value or dimension reference (`$.any.path`, `$name`, `$3`), if the event has one. */
  resolve(reference: string): string | undefined;
}

/** Which of AWS's pattern syntaxes a pattern uses; dimensions need `json` or `delimited`. */
export type FilterPatternKind = 'all' | 'terms' | 'json' | 'delimited';

/** A compiled filter pattern. */
export interface FilterPattern {
  readonly source: string;
  readonly kind: FilterPatternKind;
  /** How many `%regex%` the pattern holds (AWS limits the patterns with regex per log group). */
  readonly regexCount: number;
  /** The match, or undefined when the event does not match. */
  match(message: string): FilterMatch | undefined;
  /** Whether a metric value or dimension reference can be read off this pattern's matches. */
  canResolve(reference: string): boolean;
}

/** AWS's quota of regular expressions in one filter pattern. */
const MAX_REGEX = 2;
const CACHE_SIZE = 500;
const cache = new Map<string, FilterPattern>();

/**
 * Compiles a filter pattern; a malformed one throws AwsError('InvalidParameterException', …) with
 * AWS's message for `usage` ("Invalid metric filter pattern" for PutMetricFilter and
 * TestMetricFilter, "Invalid subscription filter pattern", "Invalid filter pattern" for
 * FilterLogEvents). The empty pattern matches every event. Compiled patterns are cached by source.
 */
export function compileFilterPattern(pattern: string, usage: PatternUsage = 'FilterLogEvents'): FilterPattern {
  const cached = cache.get(pattern);
  if (cached) {
    cache.delete(pattern);
    cache.set(pattern, cached);
    return cached;
  }
  let compiled: FilterPattern;
  try {
    compiled = compile(pattern);
  } catch (e) {
    if (e instanceof PatternError) throw toAwsError(e, usage);
    throw e;
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

function compile(source: string): FilterPattern {
  let pattern: FilterPattern;
  if (source === '') pattern = matchAll(source);
  else if (source.startsWith('{')) pattern = jsonPattern(source);
  else if (source.startsWith('[')) pattern = delimitedPattern(source);
  else pattern = termsPattern(source);
  if (pattern.regexCount > MAX_REGEX) throw syntaxError('too many regular expressions');
  return pattern;
}

const NO_VALUES: FilterMatch = { values: {}, extractedValues: {}, resolve: () => undefined };

function matchAll(source: string): FilterPattern {
  return { source, kind: 'all', regexCount: 0, match: () => NO_VALUES, canResolve: () => false };
}

function termsPattern(source: string): FilterPattern {
  const { matches, regexCount } = compileTerms(source);
  return {
    source,
    kind: 'terms',
    regexCount,
    match: (message) => (matches(message) ? NO_VALUES : undefined),
    canResolve: () => false,
  };
}

function jsonPattern(source: string): FilterPattern {
  if (!source.endsWith('}')) throw patternMessage("If a filter pattern starts with '{' it must end with '}'");
  const { test, selectors, regexCount } = compileJson(source);
  return {
    source,
    kind: 'json',
    regexCount,
    match(message) {
      const root = parseJsonEvent(message);
      return root !== undefined && test(root) ? jsonMatch(root, selectors) : undefined;
    },
    canResolve: (reference) => selectorFor(reference) !== undefined,
  };
}

function jsonMatch(root: JsonValue, selectors: Selector[]): FilterMatch {
  const values: Record<string, string> = {};
  for (const selector of selectors) {
    const value = firstScalar(root, selector);
    if (value !== undefined) values[selector.text] = value;
  }
  return {
    values,
    extractedValues: {},
    resolve(reference) {
      const selector = selectorFor(reference);
      return selector && firstScalar(root, selector);
    },
  };
}

function firstScalar(root: JsonValue, selector: Selector): string | undefined {
  for (const node of selector.resolve(root)) {
    const text = scalarText(node);
    if (text !== undefined) return text;
  }
  return undefined;
}

const selectors = new Map<string, Selector | undefined>();

/** Metric references are few and repeated: parse each once. */
function selectorFor(reference: string): Selector | undefined {
  if (!selectors.has(reference)) {
    if (selectors.size >= CACHE_SIZE) selectors.clear();
    selectors.set(reference, parseSelector(reference));
  }
  return selectors.get(reference);
}

function delimitedPattern(source: string): FilterPattern {
  if (!source.endsWith(']')) throw patternMessage("If a filter pattern starts with '[' it must end with ']'");
  const { match, names, regexCount } = compileDelimited(source);
  const position = (reference: string) => (/^\$[1-9]\d*$/.test(reference) ? Number(reference.slice(1)) : 0);
  return {
    source,
    kind: 'delimited',
    regexCount,
    match(message) {
      const line = match(message);
      return line && delimitedMatch(line, position);
    },
    canResolve: (reference) => position(reference) > 0 || (reference.startsWith('$') && names.has(reference.slice(1))),
  };
}

function delimitedMatch(line: DelimitedMatch, position: (reference: string) => number): FilterMatch {
  return {
    values: line.extracted,
    extractedValues: line.extracted,
    resolve(reference) {
      const n = position(reference);
      if (n > 0) return line.fields[n - 1];
      return Object.hasOwn(line.extracted, reference) ? line.extracted[reference] : undefined;
    },
  };
}
