import { readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import { formatSource, type Diagnostic, type SourceRange } from '../model/diagnostics.js';
import { findManifestFiles } from './files.js';
import { emptyGuardrails, mergeGuardrails, type GuardrailDeclarations } from './guardrails.js';
import { MANIFEST } from './schema.js';
import { NodeReader, pathKey, type SourceMap } from './read.js';
import { declaredScopeKey, emptySettings, expandScope, SETTINGS_FILE, type DeclaredScope, type FleetSettings, type RawScope } from './scope.js';
import { mergeRules } from './rules.js';
import { applySettings, readSettingsFile } from './settings.js';
import { MAX_NESTING, tooDeep } from './syntax.js';
import { duplicateKeys, syntaxError } from './yaml.js';

export { findManifestFiles } from './files.js';

/** What the manifests declare in one declared scope (an account and region, either possibly the target's). */
export interface ScopeManifest {
  declared: DeclaredScope;
  /**
   * Declarations per top-level kind, by name, as read (plain values, schema-checked). A declaration
   * with an error anywhere in it is left out (its diagnostics say why) but still counts as declared.
   */
  declarations: Map<ResourceKind, Map<string, unknown>>;
  /** Every name declared per top-level kind, valid or not (references resolve against these). */
  names: Map<ResourceKind, Set<string>>;
  /** Position of every value: key path (first element the section) → file:line:col. */
  sources: SourceMap;
  externals: Record<string, unknown[]>;
  /** `logGroupRules:` by rule name, as read (src/manifest/rules.ts). */
  rules: Map<string, Record<string, unknown>>;
}

/** Everything the manifests of a directory say, merged, with where each thing was said. */
export interface Manifest {
  files: string[];
  settings: FleetSettings;
  /** By declared scope key (`111111111111/us-east-1`, `*\/*` for documents that declare none). */
  scopes: Map<string, ScopeManifest>;
  defaultTags: Record<string, string>;
  /** Where each default tag was first set, to name both places of a conflict. */
  defaultTagSources: Map<string, SourceRange>;
  /** The `guardrails:` rules, merged from every file, and where each was configured. */
  guardrails: GuardrailDeclarations;
  diagnostics: Diagnostic[];
}

/** A manifest with nothing declared yet (loadFile adds to it). */
export const emptyManifest = (): Manifest => ({
  files: [],
  settings: emptySettings(),
  scopes: new Map(),
  defaultTags: {},
  defaultTagSources: new Map(),
  guardrails: emptyGuardrails(),
  diagnostics: [],
});

/** The declarations of one declared scope, created on first use. */
export function scopeManifest(manifest: Manifest, declared: DeclaredScope): ScopeManifest {
  const key = declaredScopeKey(declared);
  let s = manifest.scopes.get(key);
  if (!s) {
    s = { declared, declarations: new Map(TOP_LEVEL_KINDS.map((k) => [k, new Map()])), names: new Map(TOP_LEVEL_KINDS.map((k) => [k, new Set()])), sources: new Map(), externals: {}, rules: new Map() };
    manifest.scopes.set(key, s);
  }
  return s;
}

/**
 * Loads and merges every manifest under `dir`; all problems come back as diagnostics. Settings come
 * first: every `logwarden.yaml` gives its directory's default scope, and the repository's account
 * aliases, roles and organization; a manifest's documents take the nearest directory's scope.
 */
export function loadManifests(dir: string): Manifest {
  const manifest = emptyManifest();
  const files = findManifestFiles(dir).map((path) => ({ path, file: relative(process.cwd(), path) || path }));
  const dirScopes = new Map<string, RawScope>();
  for (const { path, file } of files.filter((f) => basename(f.path) === SETTINGS_FILE)) {
    manifest.files.push(file);
    const settings = readSettingsFile(file, readFileSync(path, 'utf8'), manifest.diagnostics);
    if (settings) dirScopes.set(dirname(path), applySettings(manifest.settings, settings, file, manifest.diagnostics));
  }
  // the nearest directory's scope, part by part (a deeper one's region wins over a shallower one's)
  const inherited = (path: string): RawScope => {
    let scope: RawScope = {};
    for (let d = dirname(path); ; d = dirname(d)) {
      const here = dirScopes.get(d) ?? {};
      scope = { account: scope.account ?? here.account, ...(scope.region || scope.regions ? { region: scope.region, regions: scope.regions } : { region: here.region, regions: here.regions }) };
      if (relative(dir, d) === '' || relative(dir, d).startsWith('..') || dirname(d) === d) return scope;
    }
  };
  const declared = new Map<string, SourceRange>();
  for (const { path, file } of files.filter((f) => basename(f.path) !== SETTINGS_FILE)) {
    manifest.files.push(file);
    loadFile(file, readFileSync(path, 'utf8'), manifest, declared, inherited(path));
  }
  return manifest;
}

/** The section key of each top-level kind (`logGroups` → logGroup). */
const SECTION_KIND = new Map(TOP_LEVEL_KINDS.map((k) => [kindSpec(k).section, k]));

/** Parses one file's documents into the manifest (exported for tests on in-memory text). */
export function loadFile(file: string, text: string, manifest: Manifest, declared = new Map<string, SourceRange>(), inherited: RawScope = {}): void {
  const lines = new LineCounter();
  const deep = tooDeep(text);
  if (deep !== undefined) {
    manifest.diagnostics.push({ severity: 'error', summary: `YAML: nested more than ${MAX_NESTING} levels deep here; a manifest needs a handful (the file was not read)`, source: positionIn(file, text, deep) });
    return;
  }
  // the yaml library's own unique-key check compares every key with every other (10,000 log groups:
  // seconds); duplicateKeys does the same job with a set per mapping
  for (const doc of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })) {
    if (doc.errors.length > 0) {
      manifest.diagnostics.push(syntaxError(file, text, lines, doc.errors));
      continue;
    }
    const sources: SourceMap = new Map();
    const reader = new NodeReader(file, lines, manifest.diagnostics, sources);
    reader.document = doc;
    duplicateKeys(doc, reader);
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      reader.error(doc.contents as Node, 'a manifest document must be a mapping of sections (logGroups, trails, …)');
      continue;
    }
    const read = reader.readDocument(doc.contents, MANIFEST);
    const defaults = read.defaults as { tags?: Record<string, string> } | undefined;
    mergeDefaultTags(manifest, defaults?.tags ?? {}, sources);
    mergeGuardrails(manifest, read.guardrails, declared, sources);
    const scopes = expandScope(read.scope as RawScope | undefined, inherited).map((scope) => checkScope(scope, manifest, reader, doc.contents as Node));
    if (scopes.includes(undefined)) continue;
    for (const scope of scopes as DeclaredScope[]) {
      const into = scopeManifest(manifest, scope);
      for (const [k, v] of sources) into.sources.set(k, v);
      for (const [kind, list] of Object.entries((read.externals ?? {}) as Record<string, unknown[]>)) (into.externals[kind] ??= []).push(...list);
      noteNames(doc.contents, into);
      mergeRules(manifest, into, read.logGroupRules, declared);
      for (const [section, kind] of SECTION_KIND) {
        const entries = read[section] as Record<string, unknown> | undefined;
        for (const [name, spec] of Object.entries(entries ?? {})) addDeclaration(manifest, into, kind, section, name, spec, declared, reader.at(doc.contents));
      }
    }
  }
}

/**
 * A declared scope with its account as an id (an alias of the repository's `accounts` resolved);
 * undefined when the account or region is no such thing (a diagnostic at the document says why).
 */
function checkScope(scope: DeclaredScope, manifest: Manifest, reader: NodeReader, at: Node): DeclaredScope | undefined {
  let { account } = scope;
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    const alias = manifest.settings.accounts.get(account);
    if (!alias) {
      const known = [...manifest.settings.accounts.keys()];
      reader.error(at, `scope account '${account}' is neither an account id (12 digits) nor an alias of logwarden.yaml's accounts${known.length ? ` (${known.join(', ')})` : ''}`);
      return undefined;
    }
    account = alias.id;
  }
  if (scope.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(scope.region)) {
    reader.error(at, `scope region '${scope.region}' is not an AWS region (e.g. us-east-1)`);
    return undefined;
  }
  return { ...(account !== undefined && { account }), ...(scope.region !== undefined && { region: scope.region }) };
}

/** A position of a file by offset, before (or without) a parse. */
function positionIn(file: string, text: string, offset: number): SourceRange {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, col: offset - before.lastIndexOf('\n') };
}

/** One declaration into its scope; a name declared twice in a scope is an error naming both places. */
function addDeclaration(manifest: Manifest, into: ScopeManifest, kind: ResourceKind, section: string, name: string, spec: unknown, declared: Map<string, SourceRange>, fallback: SourceRange): void {
  // the reader recorded where this document names it (a key of the section)
  const here = into.sources.get(pathKey([section, name])) ?? fallback;
  const key = `${declaredScopeKey(into.declared)}|${section}:${name}`;
  const first = declared.get(key);
  if (first) {
    manifest.diagnostics.push({
      severity: 'error',
      summary: `${section} '${name}' is declared twice: at ${formatSource(first)} and at ${formatSource(here)}`,
      source: here,
    });
    into.sources.set(pathKey([section, name]), first);
    return;
  }
  declared.set(key, here);
  if (spec !== undefined) into.declarations.get(kind)!.set(name, spec);
}

/** Names declared in a document's sections, whatever their declarations' errors. */
function noteNames(contents: Node, into: ScopeManifest): void {
  if (!isMap(contents)) return;
  for (const pair of contents.items) {
    const kind = isScalar(pair.key) ? SECTION_KIND.get(String(pair.key.value)) : undefined;
    if (kind === undefined || !isMap(pair.value)) continue;
    for (const entry of pair.value.items) if (isScalar(entry.key)) into.names.get(kind)!.add(String(entry.key.value));
  }
}

/** Default tags from several files merge; one key given two different values is an error naming both. */
function mergeDefaultTags(manifest: Manifest, tags: Record<string, string>, sources: SourceMap): void {
  for (const [key, value] of Object.entries(tags)) {
    const here = sources.get(pathKey(['defaults', 'tags', key]));
    const first = manifest.defaultTagSources.get(key);
    if (first && here && manifest.defaultTags[key] !== value) {
      manifest.diagnostics.push({
        severity: 'error',
        summary: `default tag '${key}' is declared twice with different values: '${manifest.defaultTags[key]}' at ${formatSource(first)} and '${value}' at ${formatSource(here)}`,
        source: here,
      });
      continue;
    }
    if (!first && here) manifest.defaultTagSources.set(key, here);
    manifest.defaultTags = { ...manifest.defaultTags, [key]: value };
  }
}

