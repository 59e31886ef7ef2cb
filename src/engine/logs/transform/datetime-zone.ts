/**
 * Time zones as Java's `ZoneId` names them — region IDs (`Europe/Berlin`), `UTC`, `GMT`, `Z` and
 * fixed offsets (`+05:30`, `UTC+5`, `GMT-08:00`) — with their UTC offset at an instant, read from
 * the platform's time zone database.
 */

const FIXED = /^(?:(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?|(Z|UTC|GMT|UT))$/;

/** A fixed zone's offset in minutes, or undefined for a region zone. */
function fixedOffset(zone: string): number | undefined {
  const m = FIXED.exec(zone);
  if (!m) return undefined;
  if (m[5]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 60;
  return m[1] === '-' ? -minutes : minutes;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, f);
  }
  return f;
}

/** Whether Java would accept the zone ID. */
export function isZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return Math.abs(fixedOffset(zone)!) <= 18 * 60;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    offsetFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at an instant, in minutes east of Greenwich. */
export function offsetAt(zone: string, epochMs: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const name = offsetFormat(zone).formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return fixedOffset(name) ?? 0;
}

/** The instant a local date-time names in a zone (the earlier one when a DST overlap makes two). */
export function localToEpoch(zone: string, localAsUtcMs: number): number {
  let epoch = localAsUtcMs - offsetAt(zone, localAsUtcMs) * 60_000;
  epoch = localAsUtcMs - offsetAt(zone, epoch) * 60_000;
  return epoch;
}

/** A zone's display name in a locale (`MEZ`, `PST`; `long` for `Central European Standard Time`). */
export function zoneName(zone: string, epochMs: number, locale: string, style: 'short' | 'long'): string {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return /^(Z|UTC|GMT|UT)$/.test(zone) ? zone : formatOffset(fixed, true, false);
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(new Date(epochMs));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** `+05:30` (colon) or `+0530`; `Z` for zero when `zulu`. */
export function formatOffset(minutes: number, colon: boolean, zulu: boolean, hoursOnly = false): string {
  if (minutes === 0 && zulu) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  if (hoursOnly && mm === '00') return `${sign}${hh}`;
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

/** Offsets as input text gives them (`Z`, `+05:30`, `-0800`, `+05`), in minutes. */
export function parseOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** Common zone abbreviations a `z` field may hold when parsing, and what they mean. */
export const ZONE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['UTC', 'UTC'], ['GMT', 'GMT'], ['Z', 'UTC'],
  ['EST', '-05:00'], ['EDT', '-04:00'], ['CST', '-06:00'], ['CDT', '-05:00'],
  ['MST', '-07:00'], ['MDT', '-06:00'], ['PST', '-08:00'], ['PDT', '-07:00'],
  ['CET', '+01:00'], ['CEST', '+02:00'], ['MEZ', '+01:00'], ['MESZ', '+02:00'],
]);
