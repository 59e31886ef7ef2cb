import { kindSpec, type ResourceKind } from '../kinds/index.js';
import { formatAddress } from '../model/address.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ImportedFile } from '../manifest/import-files.js';
import type { ImportResult } from '../manifest/import.js';
import { formatScope } from '../model/scope.js';
import { failed, renderDiagnostics } from './plan-text.js';
import type { Style } from './values.js';

/** What the import report shows: the files written (or that would be overwritten), and what was left out. */
export interface ImportView {
  target: string;
  dir: string;
  result?: ImportResult;
  files: ImportedFile[];
  /** Files the import would write that exist already (nothing was written). */
  existing: string[];
  diagnostics: Diagnostic[];
}

/** `log group` → `3 log groups`, `account policy` → `2 account policies`. */
export function count(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/** What a file declares: `500 log groups, 2 trails`, or its other sections. */
function contents(file: ImportedFile): string {
  if (file.counts.size) return [...file.counts].map(([kind, n]) => count(n, kindSpec(kind as ResourceKind).noun)).join(', ');
  const sections = new Set(file.documents.flatMap((d) => Object.keys(d.content).filter((k) => k !== 'scope')));
  return [...sections].map((s) => (s === 'defaults' ? 'defaults.tags' : s)).join(', ');
}

/** The import's report: target, files written, what was left out and why, what to do next. */
export function renderImportText(view: ImportView, s: Style): string {
  const lines = [`Target: ${view.target}`, ''];
  const errors = view.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return `${[...lines, ...renderDiagnostics(view.diagnostics, s), failed(errors, 'imported')].join('\n')}\n`;
  if (view.existing.length) {
    lines.push(
      `${s.remove('Error')}: the import would overwrite ${count(view.existing.length, 'file')} that exist${view.existing.length === 1 ? 's' : ''} in ${view.dir}; nothing was written:`,
      ...view.existing.map((f) => `  ${f}`),
      'Move them away, import into another directory, or pass --force to overwrite them.',
    );
    return `${lines.join('\n')}\n`;
  }
  const result = view.result!;
  const total = view.files.reduce((n, f) => n + [...f.counts.values()].reduce((a, b) => a + b, 0), 0);
  if (view.files.length === 0) lines.push(`Nothing to import: the target holds nothing ${result.alreadyDeclared ? 'that the manifests do not declare already' : 'of the kinds asked for'}.`);
  else {
    lines.push(s.bold(`Imported ${count(total, 'resource')} into ${view.dir} (${count(view.files.length, 'file')}):`));
    const width = Math.max(...view.files.map((f) => f.path.length));
    for (const f of view.files) lines.push(`  ${f.path.padEnd(width)}  ${contents(f)}`);
  }
  if (result.alreadyDeclared) lines.push('', `${count(result.alreadyDeclared, 'resource')} the manifests in ${view.dir} declare already ${result.alreadyDeclared === 1 ? 'was' : 'were'} left out.`);
  if (result.leftOut.length) {
    lines.push('', s.change(`Left out (${result.leftOut.length}):`));
    for (const l of result.leftOut) lines.push(`  ${formatAddress(l.address)}${view.result!.scopes.length > 1 ? ` in ${formatScope(l.scope)}` : ''}: ${l.reason}`);
  }
  if (result.lackingDefaults.length) {
    const keys = Object.keys(result.defaultTags).join(', ');
    lines.push('', s.change(`${count(result.lackingDefaults.length, 'imported resource')} lack${result.lackingDefaults.length === 1 ? 's' : ''} a tag of the manifests' defaults.tags (${keys}): the next apply adds it.`));
  }
  if (view.files.length) lines.push('', `Next: 'logwarden plan ${view.dir}' shows these resources to adopt, and no other change; 'logwarden apply' records them as managed.`);
  return `${lines.join('\n')}\n`;
}
