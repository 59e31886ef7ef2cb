import { AwsError } from '../../errors.js';
import type { DateTimeConverter } from './config.js';
import { compileParser, formatInstant, parseInstant } from './datetime-format.js';
import { DateTimePatternError, tokenizePattern, type PatternToken } from './datetime-pattern.js';
import { isZone } from './datetime-zone.js';
import { getPath, setPath, TransformFailure, type TransformEvent } from './event.js';

/**
 * dateTimeConverter: reads the source with the first match pattern that fits (in the source time
 * zone unless the text names its own), and writes the instant to the target in the target format,
 * time zone and locale. Defaults as documented: UTC both sides, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`,
 * the root locale (English names).
 */

const DEFAULT_TARGET_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
const ROOT_LOCALE = 'en';

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** Java's `Locale.forLanguageTag` reads `de`, `de-DE` and also `de_DE`; the platform must know it. */
function localeOf(locale: string | undefined): string {
  if (locale === undefined) return ROOT_LOCALE;
  return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0]!;
}

const MAX_CACHED = 512;
const tokenCache = new Map<string, PatternToken[]>();
const parserCache = new Map<string, ReturnType<typeof compileParser>>();

/** Patterns are read once and kept: every ingested event runs them. */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, v);
  }
  return v;
}

const tokens = (pattern: string) => cached(tokenCache, pattern, () => tokenizePattern(pattern));
const parser = (pattern: string, locale: string) => cached(parserCache, `${locale}\u0000${pattern}`, () => compileParser(tokens(pattern), locale));

/** PutTransformer's rules for a dateTimeConverter (messages unverified: AWS does not publish them). */
export function checkDateTimeConverter(config: DateTimeConverter): void {
  for (const pattern of [...config.matchPatterns, config.targetFormat ?? DEFAULT_TARGET_FORMAT]) {
    try {
      tokens(pattern);
    } catch (e) {
      if (e instanceof DateTimePatternError) throw invalid(`Invalid datetime pattern '${pattern}': ${e.message}`);
      throw e;
    }
  }
  for (const [member, zone] of [['sourceTimezone', config.sourceTimezone], ['targetTimezone', config.targetTimezone]] as const) {
    if (zone !== undefined && !isZone(zone)) throw invalid(`Invalid ${member} '${zone}': not a supported time zone ID.`);
  }
  if (config.locale !== undefined) {
    try {
      localeOf(config.locale);
    } catch {
      throw invalid(`Invalid locale '${config.locale}'.`);
    }
  }
}

export function dateTimeConverter(event: TransformEvent, config: DateTimeConverter): void {
  const text = getPath(event.fields, config.source);
  if (typeof text !== 'string') return;
  const locale = localeOf(config.locale);
  const zone = config.sourceTimezone ?? 'UTC';
  for (const pattern of config.matchPatterns) {
    const at = parseInstant(parser(pattern, locale), text, zone, locale, event.context.now);
    if (!at) continue;
    const out = formatInstant(tokens(config.targetFormat ?? DEFAULT_TARGET_FORMAT), at, config.targetTimezone ?? 'UTC', locale);
    setPath(event.fields, config.target, out, true);
    return;
  }
  throw new TransformFailure(`dateTimeConverter: the value at '${config.source}' matches none of the match patterns`);
}
