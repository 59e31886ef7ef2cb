import { createHash } from 'node:crypto';

/**
 * Log patterns as the anomaly detector sees them: a message is split into whitespace-separated
 * words; a word (or the value of a `key=value` word) that looks variable — a UUID, an IP address,
 * a date or time, a number, a hex string, an id mixing letters and digits — is a dynamic token
 * and shows as `<*>`; everything else is static text. Messages differing only in dynamic values
 * share one pattern.
 */

/** One token of a pattern: static text, or a dynamic value with the kind it was recognised as. */
export interface PatternPiece {
  text: string;
  dynamic: boolean;
  /** For dynamic pieces: the InferredTokenName stem (`IPAddress`, `Number`, …). */
  kind?: string;
}

/** A message's pattern: its pieces (adjacent static text merged) and, per dynamic piece, its value. */
export interface MessagePattern {
  pieces: PatternPiece[];
  values: string[];
}

const KINDS: [string, RegExp][] = [
  ['UUID', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['IPAddress', /^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?$/],
  ['Timestamp', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/],
  ['Date', /^(?:\d{4}[-/]\d{2}[-/]\d{2}|\d{2}[-/]\d{2}[-/]\d{4})$/],
  ['Time', /^\d{2}:\d{2}:\d{2}(?:[.,]\d+)?$/],
  ['Number', /^[-+]?\d+(?:\.\d+)?$/],
  ['Hex', /^(?:0x[0-9a-f]+|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,})$/i],
  ['ID', /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_-]{5,}$/],
];

/** The kind of a variable value, or undefined for static text. */
function kindOf(core: string): string | undefined {
  return KINDS.find(([, re]) => re.test(core))?.[0];
}

/** A word split into static prefix, a core that may be variable, and a static suffix. */
function wordPieces(word: string): { pieces: PatternPiece[]; values: string[] } {
  const m = /^(.*?=)?([([{"']*)(.*?)([)\]}"',;:.!?]*)$/s.exec(word)!;
  const [, key = '', open = '', core = '', close = ''] = m;
  const kind = core === '' ? undefined : kindOf(core);
  if (!kind) return { pieces: [{ text: word, dynamic: false }], values: [] };
  const pieces: PatternPiece[] = [];
  if (key + open) pieces.push({ text: key + open, dynamic: false });
  pieces.push({ text: '<*>', dynamic: true, kind });
  if (close) pieces.push({ text: close, dynamic: false });
  return { pieces, values: [core] };
}

/** The pattern of one message. */
export function patternOf(message: string): MessagePattern {
  const pieces: PatternPiece[] = [];
  const values: string[] = [];
  const words = message.split(/\s+/).filter((w) => w !== '');
  words.forEach((word, i) => {
    const split = wordPieces(word);
    if (i > 0) split.pieces.unshift({ text: ' ', dynamic: false });
    for (const piece of split.pieces) {
      const last = pieces[pieces.length - 1];
      if (!piece.dynamic && last && !last.dynamic) last.text += piece.text;
      else pieces.push({ ...piece });
    }
    values.push(...split.values);
  });
  return { pieces, values };
}

export const patternString = (pieces: PatternPiece[]): string => pieces.map((p) => p.text).join('');

/** The pattern as a regular expression in AWS's form: `\Q…\E` for static text, `.*` for dynamic. */
export const patternRegex = (pieces: PatternPiece[]): string =>
  pieces.map((p) => (p.dynamic ? '.*' : `\\Q${p.text}\\E`)).join('');

/** A pattern's id: 32 hex digits, the same for the same pattern everywhere. */
export const patternIdOf = (pattern: string): string => createHash('md5').update(pattern).digest('hex');
