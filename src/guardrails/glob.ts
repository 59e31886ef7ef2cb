/**
 * Whether `text` matches a name glob: `*` stands for any run of characters (slashes included, so
 * `/aws/lambda/*` covers every Lambda function's group), `?` for one character; the rest is literal.
 */
export function globMatch(glob: string, text: string): boolean {
  const parts = glob.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) return text.length === glob.length && fits(glob, text, 0);
  if (text.length < first.length + last.length || !fits(first, text, 0) || !fits(last, text, text.length - last.length)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = find(middle, text, at, end);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return true;
}

/** Whether the glob part (with `?`s) fits `text` at `at`. */
function fits(part: string, text: string, at: number): boolean {
  for (let i = 0; i < part.length; i++) if (part[i] !== '?' && part[i] !== text[at + i]) return false;
  return true;
}

/** The first position ≥ from where `part` fits and ends by `end`; -1 when none. */
function find(part: string, text: string, from: number, end: number): number {
  for (let at = from; at + part.length <= end; at++) if (fits(part, text, at)) return at;
  return -1;
}

/** Whether a name is in a rule's scope: matches one of `names` (all when none), and none of `excludeNames`. */
export function inScope(name: string, names: readonly string[], excludeNames: readonly string[]): boolean {
  return (names.length === 0 || names.some((g) => globMatch(g, name))) && !excludeNames.some((g) => globMatch(g, name));
}
