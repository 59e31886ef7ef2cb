import { globMatch } from '../guardrails/glob.js';
import { ALL_KINDS } from '../kinds/index.js';
import type { Address } from '../model/address.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { didYouMean } from '../manifest/read.js';

/**
 * Which resources a `--only`, `--ignore` or `.driftignore` entry names: an address as reports
 * print it, `logGroup "/aws/lambda/*"`, globs allowed in the kind and the name (`*` any run of
 * characters, slashes included; `?` one), or a bare name glob, `/tmp/*`, for every kind.
 */
export interface AddressPattern {
  text: string;
  kind?: string;
  name: string;
}

/** A pattern from its text, or the reason it is none. */
export function parseAddressPattern(text: string): AddressPattern | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'an empty pattern matches nothing' };
  const m = /^(\S+)\s+"(.*)"$/.exec(trimmed);
  if (!m) {
    if (trimmed.includes('"')) return { error: `'${trimmed}' is neither an address (KIND "NAME") nor a name glob` };
    return { text: trimmed, name: trimmed };
  }
  const [, kind, name] = m as unknown as [string, string, string];
  if (!kind.includes('*') && !kind.includes('?') && !(ALL_KINDS as string[]).includes(kind)) {
    const hint = didYouMean(kind, ALL_KINDS);
    return { error: `'${kind}' is not a kind of resource${hint ? `; did you mean '${hint}'?` : ''} (kinds: ${ALL_KINDS.join(', ')})` };
  }
  return { text: trimmed, kind, name };
}

/** Whether a pattern names an address. */
export const matchesAddress = (p: AddressPattern, a: Address): boolean => (p.kind === undefined || globMatch(p.kind, a.kind)) && globMatch(p.name, a.name);

/**
 * An ignore file (`.driftignore`): one pattern a line; blank lines and lines starting with `#` say
 * nothing (a `#` later in a line is part of it: log group names may hold one).
 */
export function parseIgnoreFile(text: string, file: string): { patterns: AddressPattern[]; diagnostics: Diagnostic[] } {
  const patterns: AddressPattern[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const p = parseAddressPattern(trimmed);
    if ('error' in p) diagnostics.push({ severity: 'error', summary: `ignore pattern: ${p.error}`, source: { file, line: i + 1, col: line.indexOf(trimmed) + 1 } });
    else patterns.push(p);
  });
  return { patterns, diagnostics };
}
