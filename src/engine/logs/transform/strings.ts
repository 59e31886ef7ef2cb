import { AwsError } from '../../errors.js';
import type { SplitString, SubstituteString, WithKeys } from './config.js';
import { getPath, setPath, type TransformEvent } from './event.js';
import { compileSubstitution, RegexError, substitute } from './regex.js';
import type { Json } from './value.js';

/**
 * The string mutators: lowerCaseString, upperCaseString, trimString, splitString and
 * substituteString. They change string values in place; a key that is absent or not a string
 * is left alone.
 */

function mapStrings(event: TransformEvent, keys: readonly string[], change: (s: string) => Json): void {
  for (const key of keys) {
    const v = getPath(event.fields, key);
    if (typeof v === 'string') setPath(event.fields, key, change(v), true);
  }
}

export function lowerCaseString(event: TransformEvent, config: WithKeys): void {
  mapStrings(event, config.withKeys, (s) => s.toLowerCase());
}

export function upperCaseString(event: TransformEvent, config: WithKeys): void {
  mapStrings(event, config.withKeys, (s) => s.toUpperCase());
}

/** Java's `String.trim`: strips characters up to U+0020 (spaces and control characters) at both ends. */
const javaTrim = (s: string): string => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');

export function trimString(event: TransformEvent, config: WithKeys): void {
  mapStrings(event, config.withKeys, javaTrim);
}

/** Java's `String.split` on a literal delimiter: trailing empty strings are dropped. */
function javaSplit(s: string, delimiter: string): string[] {
  if (s === '') return [''];
  const parts = s.split(delimiter);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function splitString(event: TransformEvent, config: SplitString): void {
  for (const e of config.entries) mapStrings(event, [e.source], (s) => javaSplit(s, e.delimiter));
}

/** Every `from` compiles and every `to` names its groups within the documented limits (messages unverified). */
export function checkSubstituteString(config: SubstituteString): void {
  for (const e of config.entries) {
    try {
      compileSubstitution(e.from, e.to);
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      throw new AwsError('InvalidParameterException', `Invalid substituteString entry for source '${e.source}': ${err.message}.`);
    }
  }
}

export function substituteString(event: TransformEvent, config: SubstituteString): void {
  for (const e of config.entries) {
    const compiled = compileSubstitution(e.from, e.to);
    mapStrings(event, [e.source], (s) => substitute(s, compiled));
  }
}
