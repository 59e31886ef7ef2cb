import { isMap, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ObjectField } from '../model/schema.js';
import { duplicateKeys, syntaxError } from './yaml.js';
import { NodeReader } from './read.js';
import { SCOPE_FIELD, SETTINGS, type FleetSettings, type RawScope } from './scope.js';

/** What one logwarden.yaml says. */
export interface SettingsRead {
  scope?: RawScope;
  accounts?: Record<string, { id: string; roleArn?: string; externalId?: string }>;
  assumeRole?: FleetSettings['assumeRole'];
  organization?: FleetSettings['organization'];
}

/** A subdirectory's logwarden.yaml: its scope only (accounts, roles and the organization are the repository's). */
const DIRECTORY_SETTINGS: ObjectField = { kind: 'object', doc: 'Directory settings: the default scope of the manifests below.', fields: { scope: SCOPE_FIELD } };

/** Reads a logwarden.yaml (one document); undefined when it has errors (they are diagnostics). */
export function readSettingsFile(file: string, text: string, diagnostics: Diagnostic[], atRoot: boolean): SettingsRead | undefined {
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
    out = reader.readDocument(doc.contents, atRoot ? SETTINGS : DIRECTORY_SETTINGS) as SettingsRead;
    if (diagnostics.length > before) return undefined;
  }
  return out ?? {};
}

/** Adds a settings file's accounts, roles and organization to the repository's; returns its scope. */
export function applySettings(settings: FleetSettings, read: SettingsRead): RawScope {
  for (const [alias, account] of Object.entries(read.accounts ?? {})) settings.accounts.set(alias, account);
  if (read.assumeRole) settings.assumeRole = read.assumeRole;
  if (read.organization) settings.organization = read.organization;
  return read.scope ?? {};
}
