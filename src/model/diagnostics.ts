import type { Address } from './address.js';

/** Where in a manifest a diagnostic points. Lines and columns are 1-based. */
export interface SourceRange {
  file: string;
  line: number;
  col: number;
}

/** A problem for the user: summary, detail, where, and which resource. Collected, shown together. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  source?: SourceRange;
  address?: Address;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** `file:line:col`, the way editors and CI annotations link to it. */
export function formatSource(s: SourceRange): string {
  return `${s.file}:${s.line}:${s.col}`;
}
