import { kindSpec, type ResourceKind } from '../kinds/index.js';
import type { Externals } from '../model/resources.js';
import type { Scope } from '../model/scope.js';
import type { ImportedDeclaration, ImportResult } from './import.js';

/** How imported declarations are spread over files: one file per kind, or log groups by name prefix too. */
export type GroupBy = 'kind' | 'prefix';

/** One YAML document of an imported file: a comment heading it, and its sections. */
export interface ImportedDocument {
  comment: string;
  content: Record<string, unknown>;
}

/** One file the import writes, by its path relative to DIR. */
export interface ImportedFile {
  path: string;
  documents: ImportedDocument[];
  /** How many resources it declares (top-level ones), per kind. */
  counts: Map<ResourceKind, number>;
}

export interface FileLayout {
  groupBy: GroupBy;
  /** Each document says its `scope:` (a fleet, or a scope that is not the target's own). */
  scoped: boolean;
  /** Several scopes: each one's files go in a directory of its own, `ACCOUNT/REGION/`. */
  fleet: boolean;
  accountName(id: string): string;
}

/** `logGroups` → `log-groups`. */
const kebab = (section: string) => section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A safe file name part: letters, digits, `.`, `_` and `-`. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'other';

/**
 * The file a log group goes in when grouped by prefix: AWS services' groups by service
 * (`/aws/lambda/payments` → `aws-lambda`), others by their first path segment (`/app/api` → `app`),
 * names without a path in `other`.
 */
export function prefixOf(name: string): string {
  const parts = name.split('/').filter(Boolean);
  if (parts.length < 2) return 'other';
  return safe(parts[0] === 'aws' ? `aws-${parts[1]}` : parts[0]!);
}

/** The files of an import: declarations by scope, then by kind (and prefix); externals and defaults beside them. */
export function importFiles(result: ImportResult, layout: FileLayout): ImportedFile[] {
  const files = new Map<string, ImportedFile>();
  const add = (path: string, document: ImportedDocument, kind?: ResourceKind, count = 0) => {
    const file: ImportedFile = files.get(path) ?? { path, documents: [], counts: new Map() };
    file.documents.push(document);
    if (kind) file.counts.set(kind, (file.counts.get(kind) ?? 0) + count);
    files.set(path, file);
  };
  const scopeOf = (s: Scope) => (layout.scoped ? { scope: { account: layout.accountName(s.account), region: s.region } } : {});
  if (result.newDefaults && Object.keys(result.defaultTags).length) {
    // defaults apply to every file of DIR, whatever its scope; this one's scope only keeps it from naming the target's own
    const first = result.scopes[0]?.scope;
    const content = { ...(first && scopeOf(first)), defaults: { tags: result.defaultTags } };
    add('defaults.yaml', { comment: 'Tags every imported resource shares, factored out by logwarden import: defaults apply to every manifest of the directory.', content });
  }
  for (const s of result.scopes) {
    const dir = layout.fleet ? `${safe(layout.accountName(s.scope.account))}/${s.scope.region}/` : '';
    const label = `${layout.accountName(s.scope.account)} ${s.scope.region}`;
    const scope = scopeOf(s.scope);
    for (const [kind, declarations] of s.declarations) {
      for (const [name, part] of groups(kind, declarations, layout.groupBy)) {
        const section = kindSpec(kind).section;
        const content = { ...scope, [section]: Object.fromEntries(part.map((d) => [d.address.name, d.declaration])) };
        add(`${dir}${name}.yaml`, { comment: `${kindSpec(kind).doc.replace(/\.$/, '')}, of ${label}: imported by logwarden import.`, content }, kind, part.length);
      }
    }
    const externals = externalsSection(s.externals);
    if (externals) add(`${dir}externals.yaml`, { comment: `What the resources of ${label} reference outside logwarden (checked as AWS checks them).`, content: { ...scope, externals } });
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A kind's declarations by file name: one file per kind, log groups by prefix when asked. */
function groups(kind: ResourceKind, declarations: ImportedDeclaration[], groupBy: GroupBy): Map<string, ImportedDeclaration[]> {
  const file = kebab(kindSpec(kind).section);
  if (groupBy === 'kind' || kind !== 'logGroup') return new Map([[file, declarations]]);
  const out = new Map<string, ImportedDeclaration[]>();
  for (const d of declarations) {
    const name = `${file}/${prefixOf(d.address.name)}`;
    const list = out.get(name);
    if (list) list.push(d);
    else out.set(name, [d]);
  }
  return out;
}

/** The manifest's `externals:` of a scope: the lists that hold something; undefined when none does. */
function externalsSection(e: Externals): Record<string, unknown> | undefined {
  const lists = Object.entries(e).filter(([, v]) => (v as unknown[]).length > 0);
  if (lists.length === 0) return undefined;
  // a KMS key is enabled unless it says otherwise
  return Object.fromEntries(lists.map(([k, v]) => [k, k === 'kmsKeys' ? (v as Externals['kmsKeys']).map((key) => (key.enabled ? { arn: key.arn } : key)) : v]));
}
