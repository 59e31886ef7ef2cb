import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import { kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import { formatSource, type Diagnostic, type SourceRange } from '../model/diagnostics.js';
import { emptyGuardrails, mergeGuardrails, type GuardrailDeclarations } from './guardrails.js';
import { MANIFEST } from './schema.js';
import { NodeReader, pathKey, type SourceMap } from './read.js';
import { MAX_NESTING, tooDeep, unclosedBracket } from './syntax.js';

/** Everything the manifests of a directory say, merged, with where each thing was said. */
export interface Manifest {
  files: string[];
  /**
   * Declarations per top-level kind, by name, as read (plain values, schema-checked). A declaration
   * with an error anywhere in it is left out (its diagnostics say why) but still counts as declared.
   */
  declarations: Map<ResourceKind, Map<string, unknown>>;
  /** Every name declared per top-level kind, valid or not (references resolve against these). */
  declared: Map<ResourceKind, Set<string>>;
  defaultTags: Record<string, string>;
  externals: Record<string, unknown[]>;
  /** The `guardrails:` rules, merged from every file. */
  guardrails: GuardrailDeclarations;
  /** Position of every value: key path (first element the section) → file:line:col. */
  sources: SourceMap;
  diagnostics: Diagnostic[];
}

const SKIP_DIRS = new Set(['state', 'node_modules', '.git']);

/** Every `*.yaml`/`*.yml` below `dir`, except `state/` (and node_modules, .git), sorted. */
export function findManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, top: boolean) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!(SKIP_DIRS.has(entry.name) && (top || entry.name !== 'state'))) walk(p, false);
      } else if (/\.ya?ml$/.test(entry.name)) out.push(p);
    }
  };
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${dir}: no such directory`);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
  walk(dir, true);
  return out;
}

/** A manifest with nothing declared yet (loadFile adds to it). */
export const emptyManifest = (): Manifest => ({
  files: [],
  declarations: new Map(TOP_LEVEL_KINDS.map((k) => [k, new Map()])),
  declared: new Map(TOP_LEVEL_KINDS.map((k) => [k, new Set()])),
  defaultTags: {},
  externals: {},
  guardrails: emptyGuardrails(),
  sources: new Map(),
  diagnostics: [],
});

/** Loads and merges every manifest under `dir`; all problems come back as diagnostics. */
export function loadManifests(dir: string): Manifest {
  const manifest = emptyManifest();
  const declared = new Map<string, SourceRange>();
  for (const path of findManifestFiles(dir)) {
    const file = relative(process.cwd(), path) || path;
    manifest.files.push(file);
    loadFile(file, readFileSync(path, 'utf8'), manifest, declared);
  }
  return manifest;
}

/** The section key of each top-level kind (`logGroups` → logGroup). */
const SECTION_KIND = new Map(TOP_LEVEL_KINDS.map((k) => [kindSpec(k).section, k]));

/** Parses one file's documents into the manifest (exported for tests on in-memory text). */
export function loadFile(file: string, text: string, manifest: Manifest, declared = new Map<string, SourceRange>()): void {
  const lines = new LineCounter();
  const reader = new NodeReader(file, lines, manifest.diagnostics, manifest.sources);
  // the yaml library's own unique-key check compares every key with every other (10,000 log groups:
  // seconds); duplicateKeys does the same job with a set per mapping
  const deep = tooDeep(text);
  if (deep !== undefined) {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1 && i < deep; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    const { line, col } = lines.linePos(deep);
    manifest.diagnostics.push({ severity: 'error', summary: `YAML: nested more than ${MAX_NESTING} levels deep here; a manifest needs a handful (the file was not read)`, source: { file, line, col } });
    return;
  }
  for (const doc of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })) {
    reader.document = doc;
    if (doc.errors.length > 0) {
      manifest.diagnostics.push(syntaxError(file, text, lines, doc.errors));
      continue;
    }
    duplicateKeys(doc, reader);
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      reader.error(doc.contents as Node, 'a manifest document must be a mapping of sections (logGroups, trails, …)');
      continue;
    }
    const read = reader.readDocument(doc.contents, MANIFEST);
    noteDeclared(doc.contents, manifest);
    const defaults = read.defaults as { tags?: Record<string, string> } | undefined;
    mergeDefaultTags(manifest, defaults?.tags ?? {}, declared);
    for (const [kind, list] of Object.entries((read.externals ?? {}) as Record<string, unknown[]>)) {
      (manifest.externals[kind] ??= []).push(...list);
    }
    mergeGuardrails(manifest, read.guardrails, declared);
    for (const [section, kind] of SECTION_KIND) {
      const entries = read[section] as Record<string, unknown> | undefined;
      for (const [name, spec] of Object.entries(entries ?? {})) addDeclaration(manifest, kind, section, name, spec, declared, reader.at(doc.contents));
    }
  }
}

/** One declaration into the manifest; a name declared twice is an error naming both places. */
function addDeclaration(manifest: Manifest, kind: ResourceKind, section: string, name: string, spec: unknown, declared: Map<string, SourceRange>, fallback: SourceRange): void {
  // the reader recorded where this document names it (a key of the section)
  const here = manifest.sources.get(pathKey([section, name])) ?? fallback;
  const key = `${section}:${name}`;
  const first = declared.get(key);
  if (first) {
    manifest.diagnostics.push({
      severity: 'error',
      summary: `${section} '${name}' is declared twice: at ${formatSource(first)} and at ${formatSource(here)}`,
      source: here,
    });
    manifest.sources.set(pathKey([section, name]), first);
    return;
  }
  declared.set(key, here);
  if (spec !== undefined) manifest.declarations.get(kind)!.set(name, spec);
}

/** Names declared in a document's sections, whatever their declarations' errors. */
function noteDeclared(contents: Node, manifest: Manifest): void {
  if (!isMap(contents)) return;
  for (const pair of contents.items) {
    const kind = isScalar(pair.key) ? SECTION_KIND.get(String(pair.key.value)) : undefined;
    if (kind === undefined || !isMap(pair.value)) continue;
    for (const entry of pair.value.items) if (isScalar(entry.key)) manifest.declared.get(kind)!.add(String(entry.key.value));
  }
}

/** Default tags from several files merge; one key given two different values is an error naming both. */
function mergeDefaultTags(manifest: Manifest, tags: Record<string, string>, declared: Map<string, SourceRange>): void {
  for (const [key, value] of Object.entries(tags)) {
    const here = manifest.sources.get(pathKey(['defaults', 'tags', key]));
    const first = declared.get(`defaults.tags:${key}`);
    if (first && here && manifest.defaultTags[key] !== value) {
      manifest.diagnostics.push({
        severity: 'error',
        summary: `default tag '${key}' is declared twice with different values: '${manifest.defaultTags[key]}' at ${formatSource(first)} and '${value}' at ${formatSource(here)}`,
        source: here,
      });
      continue;
    }
    if (!first && here) declared.set(`defaults.tags:${key}`, here);
    manifest.defaultTags = { ...manifest.defaultTags, [key]: value };
  }
}

/** Every key given twice in one mapping, anywhere in the document (policy documents included). */
function duplicateKeys(doc: Document, reader: NodeReader): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const first = seen.get(pair.key.value);
        if (first) {
          reader.error(pair.key, `YAML: Map keys must be unique; '${String(pair.key.value)}' is also at ${formatSource(reader.at(first))}`);
        } else seen.set(pair.key.value, pair.key);
      }
    },
  });
}

const firstLine = (s: string) => s.split('\n')[0]!;

/**
 * A document's YAML syntax error, the first one: what follows it is mostly the same mistake seen
 * again. An unclosed bracket is pointed at where it was opened, not where the parser gave up.
 */
function syntaxError(file: string, text: string, lines: LineCounter, errors: YAMLError[]): Diagnostic {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (${errors.length - 1} more YAML error${errors.length === 2 ? '' : 's'} after it, probably caused by this one)` : '';
  const closing = /end with an? ([\]}])/.exec(first.message)?.[1];
  const opener = closing === undefined ? undefined : unclosedBracket(text, first.pos[0]);
  if (opener) {
    const { line, col } = lines.linePos(opener.offset);
    const at = lines.linePos(first.pos[0]);
    return { severity: 'error', summary: `YAML: this '${opener.char}' is never closed: expected '${closing}' before line ${at.line}, column ${at.col}${more}`, source: { file, line, col } };
  }
  const { line, col } = lines.linePos(first.pos[0]);
  return { severity: 'error', summary: `YAML: ${firstLine(first.message)}${more}`, source: { file, line, col } };
}
