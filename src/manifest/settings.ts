import { isMap, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { duplicateKeys, syntaxError } from './yaml.js';
import { NodeReader } from './read.js';
import { SETTINGS, type FleetSettings, type RawScope } from './scope.js';

/** What one logwarden.yaml says. */
export interface SettingsRead {
  scope?: RawScope;
  accounts?: Record<string, { id: string; roleArn?: string; externalId?: string }>;
  assumeRole?: FleetSettings['assumeRole'];
  organization?: FleetSettings['organization'];
}

/** Reads a logwarden.yaml (one document); undefined when it has errors (they are diagnostics). */
export function readSettingsFile(file: string, text: string, diagnostics: Diagnostic[]): SettingsRead | undefined {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const reader = new NodeReader(file, lines, diagnostics, new Map());
  let out: SettingsRead | undefined;
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      diagnostics.push(syntaxError(file, text, lines, doc.errors));
      return undefined;
    }
    reader.document = doc;
    duplicateKeys(doc, reader);
    if (i > 0) {
      reader.error(doc.contents as Node, `${file} holds one document of settings`);
      return undefined;
    }
    if (doc.contents === null) return {};
    if (!isMap(doc.contents)) {
      reader.error(doc.contents as Node, 'settings must be a mapping (scope, accounts, assumeRole, organization)');
      return undefined;
    }
    const before = diagnostics.length;
    out = reader.readDocument(doc.contents, SETTINGS) as SettingsRead;
    if (diagnostics.length > before) return undefined;
  }
  return out ?? {};
}

/**
 * Adds a settings file's accounts, roles and organization to the repository's (an alias, the role
 * pattern and the organization are repository-wide: declared twice differently is an error naming
 * the file); returns the file's scope, for its directory.
 */
export function applySettings(settings: FleetSettings, read: SettingsRead, file: string, diagnostics: Diagnostic[]): RawScope {
  const conflict = (what: string) => diagnostics.push({ severity: 'error', summary: `${file} declares ${what} differently from another logwarden.yaml; these are repository-wide: declare them once`, source: { file, line: 1, col: 1 } });
  for (const [alias, account] of Object.entries(read.accounts ?? {})) {
    const known = settings.accounts.get(alias);
    if (known && JSON.stringify(known) !== JSON.stringify(account)) conflict(`account '${alias}'`);
    else settings.accounts.set(alias, account);
  }
  if (read.assumeRole && settings.assumeRole && JSON.stringify(read.assumeRole) !== JSON.stringify(settings.assumeRole)) conflict('assumeRole');
  else if (read.assumeRole) settings.assumeRole = read.assumeRole;
  if (read.organization && settings.organization && JSON.stringify(read.organization) !== JSON.stringify(settings.organization)) conflict('the organization');
  else if (read.organization) settings.organization = read.organization;
  return read.scope ?? {};
}
