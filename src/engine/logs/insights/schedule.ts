/**
 * Schedule expressions of scheduled queries: `rate(N minute|minutes|hour|hours|day|days)` and
 * `cron(minutes hours day-of-month month day-of-week [year])` (EventBridge's six fields, where
 * day-of-week 1-7 is SUN-SAT; five standard cron fields, 0-7, are also accepted). Fields take `*`,
 * `?`, lists, ranges, steps and month/day names. Evaluated in an IANA time zone, to the minute.
 */
export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; fields: Set<number>[]; hasYear: boolean };

const MINUTE = 60_000;
const RATE_UNITS: Record<string, number> = { minute: MINUTE, hour: 60 * MINUTE, day: 1440 * MINUTE };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The schedule an expression describes, or undefined when it is not a valid one. */
export function parseSchedule(expression: string): Schedule | undefined {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, '');
    if (n < 1 || (n === 1) !== !rate[2]!.endsWith('s')) return undefined;
    return { kind: 'rate', periodMs: n * RATE_UNITS[unit]! };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return undefined;
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const eventBridge = parts.length === 6;
  const ranges: [number, number, string[]?][] = [[0, 59], [0, 23], [1, 31], [1, 12, MONTHS], eventBridge ? [1, 7, DAYS] : [0, 7, DAYS], [1970, 2199]];
  const fields: Set<number>[] = [];
  for (let i = 0; i < parts.length; i++) {
    const [lo, hi, names] = ranges[i]!;
    const set = parseField(parts[i]!, lo, hi, names, eventBridge && i === 4 ? 1 : 0);
    if (!set) return undefined;
    fields.push(i === 4 ? dayOfWeekSet(set, eventBridge) : set);
  }
  return { kind: 'cron', fields, hasYear: eventBridge };
}

/** Days of week as 0-6 (SUN-SAT) whichever numbering the expression used. */
function dayOfWeekSet(set: Set<number>, eventBridge: boolean): Set<number> {
  return new Set([...set].map((d) => (eventBridge ? d - 1 : d % 7)));
}

function parseField(field: string, lo: number, hi: number, names: string[] | undefined, nameBase: number): Set<number> | undefined {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^(\*|\?|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return undefined;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    let from = lo;
    let to = hi;
    if (m[1] !== '*' && m[1] !== '?') {
      const [a, b] = m[1]!.split('-');
      from = value(a!, names, nameBase) ?? NaN;
      to = b === undefined ? (m[2] === undefined ? from : hi) : value(b, names, nameBase) ?? NaN;
    }
    if (!(from >= lo && to <= hi && from <= to && step >= 1)) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, names: string[] | undefined, base: number): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const i = names?.indexOf(text.toUpperCase()) ?? -1;
  return i < 0 ? undefined : i + (names === MONTHS ? 1 : base);
}

/** True when `timeZone` is an IANA zone name the engine knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (cached per hour: zones change on hours). */
function zoneOffset(timeZone: string, ms: number, cache: Map<number, number>): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = cache.get(hour);
  if (offset === undefined) {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }).formatToParts(new Date(hour * 3_600_000));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - hour * 3_600_000;
    cache.set(hour, offset);
  }
  return offset;
}

function cronMatches(s: Extract<Schedule, { kind: 'cron' }>, local: Date): boolean {
  const [minutes, hours, dom, month, dow, year] = s.fields;
  return minutes!.has(local.getUTCMinutes()) && hours!.has(local.getUTCHours()) && dom!.has(local.getUTCDate()) &&
    month!.has(local.getUTCMonth() + 1) && dow!.has(local.getUTCDay()) && (!year || year.has(local.getUTCFullYear()));
}

/**
 * The trigger times of a schedule in (after, until], oldest first, at most `max` (the latest).
 * A rate counts from `anchor`: anchor + period, anchor + 2 periods, …
 */
export function triggerTimes(s: Schedule, anchor: number, after: number, until: number, timeZone = 'UTC', max = 1000): number[] {
  const out: number[] = [];
  if (s.kind === 'rate') {
    const first = Math.max(1, Math.floor((after - anchor) / s.periodMs) + 1);
    for (let t = anchor + first * s.periodMs; t <= until; t += s.periodMs) out.push(t);
    return out.slice(-max);
  }
  const cache = new Map<number, number>();
  for (let t = Math.floor(after / MINUTE) * MINUTE + MINUTE; t <= until; t += MINUTE) {
    if (cronMatches(s, new Date(t + zoneOffset(timeZone, t, cache)))) out.push(t);
  }
  return out.slice(-max);
}
