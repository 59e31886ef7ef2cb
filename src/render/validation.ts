import type { Diagnostic } from '../model/diagnostics.js';
import { renderDiagnostics } from './plan-text.js';
import type { Style } from './values.js';

/** What `validate` reports: the files read, the resources declared, every diagnostic. */
export interface ValidationView {
  files: string[];
  resources: number;
  diagnostics: Diagnostic[];
}

/** Version of the `validate --json` document (README documents every member). */
export const VALIDATION_FORMAT_VERSION = '1.0';

const errorCount = (v: ValidationView) => v.diagnostics.filter((d) => d.severity === 'error').length;

export function renderValidationText(view: ValidationView, s: Style): string {
  const errors = errorCount(view);
  const files = `${view.files.length} file(s)`;
  const head = view.diagnostics.length ? renderDiagnostics(view.diagnostics, s).join('\n') : '';
  return `${head}${errors ? `${errors} error${errors === 1 ? '' : 's'} in ${files}.` : `The manifests are valid (${files}).`}\n`;
}

export function renderValidationJson(view: ValidationView): string {
  const errors = errorCount(view);
  const doc = {
    format_version: VALIDATION_FORMAT_VERSION,
    valid: errors === 0,
    error_count: errors,
    warning_count: view.diagnostics.length - errors,
    files: view.files,
    resources: view.resources,
    diagnostics: view.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
