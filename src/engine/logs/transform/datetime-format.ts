import { localeNames, nameStyle, type PatternToken } from './datetime-pattern.js';
import { formatOffset, localToEpoch, offsetAt, parseOffset, ZONE_ABBREVIATIONS, zoneName, isZone } from './datetime-zone.js';

/** An instant with the nanoseconds Java keeps within its second. */
export interface Instant {
  epochMs: number;
  nanos: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Writes an instant through a pattern, in a zone and a locale. */
export function formatInstant(tokens: readonly PatternToken[], at: Instant, zone: string, locale: string): string {
  const offset = offsetAt(zone, at.epochMs);
  const local = new Date(at.epochMs + offset * 60_000);
  const n = localeNames(locale);
  const hour = local.getUTCHours();
  const field = (letter: string, width: number): string => {
    switch (letter) {
      case 'y':
      case 'u': {
        const y = local.getUTCFullYear();
        return width === 2 ? pad(y % 100, 2) : pad(y, width);
      }
      case 'M':
      case 'L':
        return width <= 2 ? pad(local.getUTCMonth() + 1, width) : n.months[nameStyle(width)][local.getUTCMonth()]!;
      case 'd': return pad(local.getUTCDate(), width);
      case 'D': return pad(dayOfYear(local), width);
      case 'E': return n.days[nameStyle(width)][(local.getUTCDay() + 6) % 7]!;
      case 'a': return n.ampm[hour < 12 ? 0 : 1];
      case 'H': return pad(hour, width);
      case 'k': return pad(hour === 0 ? 24 : hour, width);
      case 'h': return pad(hour % 12 === 0 ? 12 : hour % 12, width);
      case 'K': return pad(hour % 12, width);
      case 'm': return pad(local.getUTCMinutes(), width);
      case 's': return pad(local.getUTCSeconds(), width);
      case 'S': return pad(at.nanos, 9).slice(0, width);
      case 'z': return zoneName(zone, at.epochMs, locale, width === 4 ? 'long' : 'short');
      case 'V': return zone;
      case 'Z': return width === 4 ? (offset === 0 ? 'GMT' : `GMT${formatOffset(offset, true, false)}`) : formatOffset(offset, width === 5, width === 5);
      case 'X': return formatOffset(offset, width === 3 || width === 5, true, width === 1);
      default: return formatOffset(offset, width === 3 || width === 5, false, width === 1);
    }
  };
  return tokens.map((t) => ('literal' in t ? t.literal : 'letter' in t ? field(t.letter, t.width) : '')).join('');
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** What a parsed text gave, field by field. */
interface Parsed {
  [letter: string]: string | undefined;
}

interface CompiledParser {
  regex: RegExp;
  letters: string[];
  widths: number[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (list: readonly string[]) => `(${[...list].sort((a, b) => b.length - a.length).map(escapeRegex).join('|')})`;

function fieldRegex(letter: string, width: number, locale: string): string {
  const n = localeNames(locale);
  switch (letter) {
    case 'y':
    case 'u': return width === 2 ? '(\\d{2})' : `(\\d{${Math.max(width, 1)},9})`;
    case 'M':
    case 'L': return width <= 2 ? `(\\d{${width},2})` : alternatives(n.months[nameStyle(width)]);
    case 'E': return alternatives(n.days[nameStyle(width)]);
    case 'a': return alternatives(n.ampm);
    case 'D': return `(\\d{${width},3})`;
    case 'S': return `(\\d{${width}})`;
    case 'z': return '([A-Za-z][A-Za-z0-9_/+-]*)';
    case 'V': return '([A-Za-z][A-Za-z0-9_/+-]*)';
    case 'Z':
    case 'X':
    case 'x': return '(Z|GMT|[+-]\\d{2}(?::?\\d{2})?(?::?\\d{2})?|GMT[+-]\\d{2}:\\d{2})';
    default: return `(\\d{${width},2})`;
  }
}

/** The pattern as an anchored regular expression, one group per field. */
export function compileParser(tokens: readonly PatternToken[], locale: string): CompiledParser {
  const letters: string[] = [];
  const widths: number[] = [];
  const source = tokens.map((t) => {
    if ('literal' in t) return escapeRegex(t.literal);
    if ('optional' in t) return t.optional === 'start' ? '(?:' : ')?';
    letters.push(t.letter);
    widths.push(t.width);
    return fieldRegex(t.letter, t.width, locale);
  });
  return { regex: new RegExp(`^${source.join('')}$`), letters, widths };
}

/**
 * Reads a text with a compiled pattern into an instant, or undefined when it does not match or
 * names no valid date. Missing fields default as Java's parse defaults would: this year (the
 * clock's), January, the first, midnight; the zone is the text's own, else `zone`.
 */
export function parseInstant(parser: CompiledParser, text: string, zone: string, locale: string, now: number): Instant | undefined {
  const m = parser.regex.exec(text);
  if (!m) return undefined;
  const p: Parsed = {};
  parser.letters.forEach((l, i) => {
    if (m[i + 1] !== undefined) p[l === 'L' ? 'M' : l === 'u' ? 'y' : l] = m[i + 1];
  });
  const widths = new Map(parser.letters.map((l, i) => [l, parser.widths[i]!]));
  const n = localeNames(locale);
  const year = p.y === undefined ? new Date(now).getUTCFullYear() : widths.get('y') === 2 || widths.get('u') === 2 ? 2000 + Number(p.y) : Number(p.y);
  const month = p.M === undefined ? 1 : /^\d+$/.test(p.M) ? Number(p.M) : monthIndex(n, p.M) + 1;
  const hour = resolveHour(p, n.ampm);
  const fraction = p.S ?? '';
  const local = localMs(year, month, p.D, p.d, hour, Number(p.m ?? 0), Number(p.s ?? 0));
  if (local === undefined) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const epochLocal = local + ms;
  const epochMs = resolveZone(p, zone, epochLocal);
  if (epochMs === undefined) return undefined;
  return { epochMs, nanos: Number(fraction.padEnd(9, '0').slice(0, 9)) };
}

function monthIndex(n: ReturnType<typeof localeNames>, name: string): number {
  for (const style of ['short', 'long', 'narrow'] as const) {
    const i = n.months[style].indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

function resolveHour(p: Parsed, ampm: [string, string]): number {
  if (p.H !== undefined) return Number(p.H);
  if (p.k !== undefined) return Number(p.k) % 24;
  const pm = p.a !== undefined && p.a === ampm[1] ? 12 : 0;
  if (p.h !== undefined) return (Number(p.h) % 12) + pm;
  if (p.K !== undefined) return Number(p.K) + pm;
  return 0;
}

/** Local date-time as UTC milliseconds, or undefined when a field is out of range. */
function localMs(year: number, month: number, dayOfYear: string | undefined, day: string | undefined, hour: number, minute: number, second: number): number | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, dayOfYear !== undefined && day === undefined ? 0 : month - 1, dayOfYear !== undefined && day === undefined ? Number(dayOfYear) : Number(day ?? 1));
  if (day !== undefined && (d.getUTCDate() !== Number(day) || d.getUTCMonth() !== month - 1)) return undefined;
  if (dayOfYear !== undefined && d.getUTCFullYear() !== year) return undefined;
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function resolveZone(p: Parsed, zone: string, local: number): number | undefined {
  const offsetText = p.Z ?? p.X ?? p.x;
  if (offsetText !== undefined) {
    const off = offsetText === 'GMT' ? 0 : parseOffset(offsetText.replace(/^GMT/, ''));
    return off === undefined ? undefined : local - off * 60_000;
  }
  const named = p.V ?? p.z;
  if (named !== undefined) {
    const id = ZONE_ABBREVIATIONS.get(named) ?? named;
    return isZone(id) ? localToEpoch(id, local) : undefined;
  }
  return localToEpoch(zone, local);
}
