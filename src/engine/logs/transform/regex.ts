/**
 * substituteString's regular expressions. AWS documents Java-style patterns with Python-style
 * named groups (`(?P<name>…)`) and `$1` / `${name}` backreferences in the replacement; they are
 * translated once into JS regular expressions and replacement parts.
 */

/** A pattern or replacement that cannot be compiled; the message says why. */
export class RegexError extends Error {}

export interface CompiledSubstitution {
  regex: RegExp;
  replacement: ReplacementPart[];
}

type ReplacementPart = { text: string } | { group: number | string };

/** The documented backreference limits of `to`. */
const MAX_BACKREFERENCES = 10;
const MAX_DUPLICATE_BACKREFERENCES = 2;

/** Java / Python spellings JS does not read, rewritten; anything else JS rejects is invalid. */
function translate(pattern: string): { source: string; flags: string } {
  let source = pattern
    .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?>/g, '(?:')
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  let flags = '';
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    flags = [...new Set(inline[1])].join('');
    source = source.slice(inline[0].length);
  }
  return { source, flags };
}

function compileRegex(pattern: string): RegExp {
  const { source, flags } = translate(pattern);
  try {
    return new RegExp(source, `g${flags}`);
  } catch (e) {
    throw new RegexError((e as Error).message);
  }
}

/** The names and count of a regex's capture groups. */
function groupsOf(regex: RegExp): { count: number; names: Set<string> } {
  const m = new RegExp(`${regex.source}|`, regex.flags.replace('g', '')).exec('')!;
  return { count: m.length - 1, names: new Set(Object.keys(m.groups ?? {})) };
}

/** Parses `to`: `\x` is a literal x, `$n` a numbered group (as many digits as name a group), `${name}` a named one. */
function compileReplacement(to: string, regex: RegExp): ReplacementPart[] {
  const { count, names } = groupsOf(regex);
  const parts: ReplacementPart[] = [];
  let text = '';
  for (let i = 0; i < to.length; i++) {
    const c = to[i]!;
    if (c === '\\') {
      if (i + 1 >= to.length) throw new RegexError('character to be escaped is missing');
      text += to[++i];
      continue;
    }
    if (c !== '$') {
      text += c;
      continue;
    }
    const ref = reference(to, i, count, names);
    if (text) parts.push({ text });
    text = '';
    parts.push({ group: ref.group });
    i = ref.end - 1;
  }
  if (text) parts.push({ text });
  checkBackreferences(parts);
  return parts;
}

function reference(to: string, at: number, count: number, names: Set<string>): { group: number | string; end: number } {
  const named = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(to.slice(at));
  if (named) {
    if (!names.has(named[1]!)) throw new RegexError(`No group with name {${named[1]}}`);
    return { group: named[1]!, end: at + named[0].length };
  }
  const digits = /^\$(\d+)/.exec(to.slice(at));
  if (!digits) throw new RegexError('Illegal group reference');
  let n = Number(digits[1]![0]);
  if (n > count) throw new RegexError(`No group ${n}`);
  let len = 1;
  while (len < digits[1]!.length && Number(digits[1]!.slice(0, len + 1)) <= count) n = Number(digits[1]!.slice(0, ++len));
  return { group: n, end: at + 1 + len };
}

function checkBackreferences(parts: ReplacementPart[]): void {
  const refs = parts.flatMap((p) => ('group' in p ? [String(p.group)] : []));
  if (refs.length > MAX_BACKREFERENCES) throw new RegexError(`at most ${MAX_BACKREFERENCES} backreferences are allowed`);
  const seen = new Map<string, number>();
  for (const r of refs) {
    const n = (seen.get(r) ?? 0) + 1;
    seen.set(r, n);
    if (n > MAX_DUPLICATE_BACKREFERENCES) throw new RegexError(`a group can be referenced at most ${MAX_DUPLICATE_BACKREFERENCES} times`);
  }
}

const compiled = new Map<string, CompiledSubstitution>();
const MAX_CACHED = 512;

/** A from/to pair, compiled once (every ingested event runs it). Throws RegexError. */
export function compileSubstitution(from: string, to: string): CompiledSubstitution {
  const key = `${from}\u0000${to}`;
  let c = compiled.get(key);
  if (c) return c;
  const regex = compileRegex(from);
  c = { regex, replacement: compileReplacement(to, regex) };
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(key, c);
  return c;
}

/** Replaces every match of the substitution in a string. */
export function substitute(value: string, { regex, replacement }: CompiledSubstitution): string {
  regex.lastIndex = 0;
  return value.replace(regex, (...args: unknown[]) => {
    const hasNamed = typeof args[args.length - 1] === 'object';
    const named = (hasNamed ? args[args.length - 1] : {}) as Record<string, string | undefined>;
    const numbered = args.slice(0, hasNamed ? -3 : -2) as (string | undefined)[];
    return replacement.map((p) => ('text' in p ? p.text : (typeof p.group === 'number' ? numbered[p.group] : named[p.group]) ?? '')).join('');
  });
}
