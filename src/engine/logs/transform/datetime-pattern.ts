/**
 * Java `DateTimeFormatter` patterns (`yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, `EEEE dd. MMMM yyyy`), the
 * letters dateTimeConverter reads and writes: year y/u, month M/L, day d, day of year D, weekday
 * E, AM/PM a, hours H k h K, minute m, second s, fraction S, zone name z, offsets Z X x, zone ID VV,
 * quoted literals and optional sections `[…]`. Names come in the pattern's locale.
 */

export type PatternToken = { literal: string } | { letter: string; width: number } | { optional: 'start' | 'end' };

/** The pattern is not one Java accepts (or one this engine does not read); the message says why. */
export class DateTimePatternError extends Error {}

const MAX_WIDTH: Record<string, number> = {
  y: 19, u: 19, M: 5, L: 5, d: 2, D: 3, E: 5, a: 1, H: 2, k: 2, h: 2, K: 2, m: 2, s: 2, S: 9, z: 4, Z: 5, X: 5, x: 5, V: 2,
};

export function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new DateTimePatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
      tokens.push({ literal: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push(letter(c, j - i));
      i = j;
    } else if (c === '[' || c === ']') {
      depth += c === '[' ? 1 : -1;
      if (depth < 0) throw new DateTimePatternError(`Pattern invalid as it contains ] without previous [: ${pattern}`);
      tokens.push({ optional: c === '[' ? 'start' : 'end' });
      i++;
    } else if ('#{}'.includes(c)) {
      throw new DateTimePatternError(`Pattern includes reserved character: '${c}'`);
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  for (; depth > 0; depth--) tokens.push({ optional: 'end' });
  return tokens;
}

function letter(c: string, width: number): PatternToken {
  const max = MAX_WIDTH[c];
  if (max === undefined) throw new DateTimePatternError(`Unsupported pattern letter: ${c}`);
  if (width > max) throw new DateTimePatternError(`Too many pattern letters: ${c}`);
  if (c === 'V' && width !== 2) throw new DateTimePatternError('Pattern letter count must be 2: V');
  return { letter: c, width };
}

/** The month and weekday names and AM/PM markers of a locale (index 0 is January, Monday, AM). */
export interface LocaleNames {
  months: Record<'short' | 'long' | 'narrow', string[]>;
  days: Record<'short' | 'long' | 'narrow', string[]>;
  ampm: [string, string];
}

const names = new Map<string, LocaleNames>();

export function localeNames(locale: string): LocaleNames {
  let n = names.get(locale);
  if (n) return n;
  const part = (options: Intl.DateTimeFormatOptions, date: number, type: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const styles = ['short', 'long', 'narrow'] as const;
  const months = Object.fromEntries(styles.map((s) => [s, [...Array(12).keys()].map((m) => part({ month: s }, Date.UTC(2001, m, 15), 'month'))]));
  const days = Object.fromEntries(styles.map((s) => [s, [...Array(7).keys()].map((d) => part({ weekday: s }, Date.UTC(2001, 0, 1 + d), 'weekday'))]));
  const ampm = [9, 21].map((h) => part({ hour: 'numeric', hour12: true }, Date.UTC(2001, 0, 1, h), 'dayPeriod')) as [string, string];
  n = { months, days, ampm } as LocaleNames;
  names.set(locale, n);
  return n;
}

/** Which name list a text field of this width uses. */
export const nameStyle = (width: number): 'short' | 'long' | 'narrow' => (width === 4 ? 'long' : width === 5 ? 'narrow' : 'short');
