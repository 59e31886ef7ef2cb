import { AwsError } from '../../errors.js';
import type { Grok } from './config.js';
import { setPath, TransformFailure, type TransformEvent } from './event.js';
import { COMMON_LOG_PATTERNS } from './grok-common.js';
import { AFTER_COMMON_LOG, GROK_PATTERNS, MAX_GROK_PATTERNS, SHARED_LIMIT, SHARED_LIMIT_COUNT } from './grok-patterns.js';
import { sourceText } from './parsers.js';
import type { JObject } from './value.js';

/**
 * The grok processor: `%{PATTERN:field}` references to the supported patterns, between literal
 * text, matched against the whole source. Literal text is taken literally (AWS's own example
 * `[%{NUMBER:db} …]` has unescaped brackets); a backslash before punctuation is allowed and
 * means that character. Every captured field is a string, dotted names make nested objects.
 */

interface Token {
  pattern?: string;
  field?: string;
  /** A type conversion suffix (`%{INT:n:int}`), which CloudWatch Logs does not support. */
  type?: string;
  literal?: string;
  text: string;
}

interface Capture {
  group: string;
  field: string;
  pattern: string;
}

interface CompiledGrok {
  regex: RegExp;
  captures: Capture[];
  /** The common log format pattern the match starts with, whose fields it reshapes. */
  common?: string;
}

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

const REFERENCE = /%\{([A-Za-z0-9_]+)(?::([^:}]*))?(?::([^}]*))?\}/g;

function tokenize(match: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of match.matchAll(REFERENCE)) {
    if (m.index > last) tokens.push({ literal: match.slice(last, m.index), text: match.slice(last, m.index) });
    tokens.push({ pattern: m[1]!, field: m[2] || undefined, type: m[3], text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < match.length) tokens.push({ literal: match.slice(last), text: match.slice(last) });
  return tokens;
}

/**
 * PutTransformer's grok rules. Error messages are unverified against AWS (not published); they
 * name the rule of "Supported grok patterns" that the match breaks.
 */
export function checkGrok(config: Grok): void {
  const refs = tokenize(config.match).filter((t) => t.pattern !== undefined);
  if (refs.length > MAX_GROK_PATTERNS) throw invalid(`A grok match can contain at most ${MAX_GROK_PATTERNS} patterns.`);
  const counts = new Map<string, number>();
  let shared = 0;
  refs.forEach((t, i) => {
    const name = t.pattern!;
    if (t.type !== undefined) throw invalid(`Grok patterns don't support type conversions: ${t.text}. Use a typeConverter processor instead.`);
    if (COMMON_LOG_PATTERNS.has(name)) return checkCommon(refs, i);
    const known = GROK_PATTERNS.get(name);
    if (!known) throw invalid(`Unsupported grok pattern: ${name}. Only the predefined grok patterns are supported.`);
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    if (n > known.limit) throw invalid(`The grok pattern ${name} can be used at most ${known.limit} times in a grok match.`);
    if (SHARED_LIMIT.has(name) && ++shared > SHARED_LIMIT_COUNT) {
      throw invalid(`The grok patterns ${[...SHARED_LIMIT].join(', ')} can be used at most ${SHARED_LIMIT_COUNT} times in total in a grok match.`);
    }
  });
}

/** A common log format pattern comes first, alone, followed by at most one DATA-like pattern. */
function checkCommon(refs: Token[], i: number): void {
  const name = refs[i]!.pattern!;
  if (i !== 0) throw invalid(`The common log format pattern ${name} must be the first pattern in a grok match.`);
  const rest = refs.slice(1);
  if (rest.some((t) => COMMON_LOG_PATTERNS.has(t.pattern!))) throw invalid('A grok match can contain only one common log format pattern.');
  if (rest.length > 1 || rest.some((t) => !AFTER_COMMON_LOG.has(t.pattern!))) {
    throw invalid(`The common log format pattern ${name} can be followed only by exactly one DATA, GREEDYDATA or GREEDYDATA_MULTILINE pattern.`);
  }
}

/** Java's `$`: the end of the input, or just before a final line terminator (log lines often end in one). */
const JAVA_END = '(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$';

const compiled = new Map<string, CompiledGrok>();
const MAX_CACHED = 512;

/** The match as one anchored regular expression (cached: every ingested event runs it). */
function compileGrok(match: string): CompiledGrok {
  let c = compiled.get(match);
  if (c) return c;
  const captures: Capture[] = [];
  const tokens = tokenize(match);
  const source = tokens.map((t) => (t.pattern === undefined ? literal(t.literal!) : expand(t.pattern, t.field, captures, 0))).join('');
  const first = tokens.find((t) => t.pattern !== undefined)?.pattern;
  c = { regex: new RegExp(`^(?:${source})${JAVA_END}`), captures, common: first && COMMON_LOG_PATTERNS.has(first) ? first : undefined };
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(match, c);
  return c;
}

function literal(text: string): string {
  return text.replace(/\\([^A-Za-z0-9])/g, '$1').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A pattern's regex with its references expanded; a named reference becomes a capture group. */
function expand(name: string, field: string | undefined, captures: Capture[], depth: number): string {
  const def = COMMON_LOG_PATTERNS.get(name)?.regex ?? GROK_PATTERNS.get(name)?.regex;
  if (def === undefined || depth > 10) throw new Error(`grok pattern ${name} is not defined`);
  const body = def.replace(REFERENCE, (_, inner: string, innerField: string | undefined) => expand(inner, innerField || undefined, captures, depth + 1));
  if (field === undefined) return `(?:${body})`;
  const group = `g${captures.length}`;
  captures.push({ group, field, pattern: name });
  return `(?<${group}>${body})`;
}

export function grok(event: TransformEvent, config: Grok): void {
  const text = sourceText(event, 'grok', config.source);
  if (text === undefined) return;
  const { regex, captures, common } = compileGrok(config.match);
  const m = regex.exec(text);
  if (!m) throw new TransformFailure('grok: the log event does not match the grok pattern');
  const fields: JObject = new Map();
  for (const c of captures) {
    const v = m.groups![c.group];
    if (v === undefined) continue;
    fields.set(c.field, c.pattern === 'QUOTEDSTRING' ? v.slice(1, -1) : v);
  }
  const shaped = common ? shapeCommon(common, fields) : fields;
  for (const [field, v] of shaped) setPath(event.fields, field, v, true);
}

/** The common pattern's own fields are reshaped; the fields of what follows it are kept as they are. */
function shapeCommon(common: string, fields: JObject): JObject {
  const own = new Set<string>();
  for (const m of COMMON_LOG_PATTERNS.get(common)!.regex.matchAll(REFERENCE)) if (m[2]) own.add(m[2]);
  const mine: JObject = new Map([...fields].filter(([k]) => own.has(k)));
  const shaped = COMMON_LOG_PATTERNS.get(common)!.shape(mine);
  for (const [k, v] of fields) if (!own.has(k)) shaped.set(k, v);
  return shaped;
}
