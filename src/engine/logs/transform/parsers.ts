import { AwsError } from '../../errors.js';
import type { Csv, ParseJson, ParseKeyValue } from './config.js';
import { MESSAGE, TransformFailure, setPath, writeFields, type TransformEvent } from './event.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { isObject, type JObject, type Json } from './value.js';

/**
 * The configurable parsers: parseJSON, csv and parseKeyValue. Each reads a string (the message
 * by default) and writes the fields it extracts under the root or a destination. A source that
 * is absent leaves the event as it is; a source that cannot be parsed fails the transformation.
 */

/** The string a parser reads; undefined when the source is absent. */
export function sourceText(event: TransformEvent, processor: string, source = MESSAGE): string | undefined {
  const v = event.read(source);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new TransformFailure(`${processor}: the value at '${source}' is not a string`);
  return v;
}

/** "When using parseJSON as the first processor, you must parse the entire log event using @message." */
export function checkParseJSON(config: ParseJson, position: number): void {
  if (position === 0 && config.source !== undefined && config.source !== MESSAGE) {
    // Unverified message: AWS does not publish it.
    throw new AwsError('InvalidParameterException', 'When parseJSON is the first processor in a transformer, its source must be @message.');
  }
}

export function parseJSON(event: TransformEvent, config: ParseJson): void {
  const text = sourceText(event, 'parseJSON', config.source);
  if (text === undefined) return;
  let parsed: Json;
  try {
    parsed = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new TransformFailure(`parseJSON: invalid JSON: ${e.message}`);
    throw e;
  }
  if (config.destination !== undefined) {
    setPath(event.fields, config.destination, parsed, true);
    return;
  }
  if (!isObject(parsed)) throw new TransformFailure('parseJSON: the JSON value is not an object');
  writeFields(event, parsed, undefined, true);
}

const column = (i: number) => `column_${i + 1}`;

/** The delimiter a csv configuration means: `\t` is a tab and `\s` a space, as documented. */
function csvDelimiter(config: Csv): string {
  const d = config.delimiter ?? ',';
  return d === '\\t' ? '\t' : d === '\\s' ? ' ' : d;
}

/** The delimiter is one character, or `\t` or `\s` (message unverified). */
export function checkCsv(config: Csv): void {
  const d = config.delimiter;
  if (d !== undefined && d.length !== 1 && d !== '\\t' && d !== '\\s') {
    throw new AwsError('InvalidParameterException', `Invalid csv delimiter '${d}': the delimiter must be a single character, \\t or \\s.`);
  }
}

export function csv(event: TransformEvent, config: Csv): void {
  const text = sourceText(event, 'csv', config.source);
  if (text === undefined) return;
  const cells = splitCsv(text, csvDelimiter(config), config.quoteCharacter ?? '"');
  const names = config.columns ?? [];
  // Column names are keys like any other: a dotted name makes nested objects.
  const fields: JObject = new Map();
  cells.forEach((cell, i) => setPath(fields, names[i] ?? column(i), cell, true));
  writeFields(event, fields, config.destination, true);
}

/** One CSV record: quoted cells may hold the delimiter, and a doubled quote is one quote. */
function splitCsv(text: string, delimiter: string, quote: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== quote) cell += c;
      else if (text[i + 1] === quote) cell += text[++i];
      else quoted = false;
    } else if (c === quote && atStart) {
      quoted = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      atStart = true;
      continue;
    } else {
      cell += c;
    }
    atStart = false;
  }
  cells.push(cell);
  return cells;
}

export function parseKeyValue(event: TransformEvent, config: ParseKeyValue): void {
  const text = sourceText(event, 'parseKeyValue', config.source);
  if (text === undefined) return;
  const fields: JObject = new Map();
  for (const pair of text.split(config.fieldDelimiter ?? '&')) {
    if (pair === '') continue;
    const [key, value] = splitPair(pair, config.keyValueDelimiter ?? '=', config.nonMatchValue);
    if (key === '') continue;
    addValue(fields, `${config.keyPrefix ?? ''}${key}`, value);
  }
  writeFields(event, fields, config.destination, config.overwriteIfExists ?? false);
}

/** A pair without the delimiter is all key, valued with nonMatchValue (null when none is set). */
function splitPair(pair: string, delimiter: string, nonMatch: string | undefined): [string, Json] {
  const at = pair.indexOf(delimiter);
  if (at < 0) return [pair, nonMatch ?? null];
  return [pair.slice(0, at), pair.slice(at + delimiter.length)];
}

/** A key seen again collects its values in a list, in order (as OpenSearch's key_value does). */
function addValue(fields: JObject, key: string, value: Json): void {
  const seen = fields.get(key);
  if (seen === undefined) fields.set(key, value);
  else if (Array.isArray(seen)) seen.push(value);
  else fields.set(key, [seen, value]);
}
