import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { formatSource, type Diagnostic, type SourceRange } from '../model/diagnostics.js';
import { MANIFEST } from './schema.js';
import { NodeReader, pathKey, type SourceMap } from './read.js';

/** The sections that declare named resources (a name declared twice is an error). */
export const RESOURCE_SECTIONS = ['logGroups', 'destinations', 'resourcePolicies', 'trails'] as const;
export type ResourceSection = (typeof RESOURCE_SECTIONS)[number];

/** Everything the manifests of a directory say, merged, with where each thing was said. */
export interface Manifest {
  files: string[];
  /** Resource declarations by section and name, as read (plain values, schema-checked). */
  sections: Record<ResourceSection, Record<string, Record<string, unknown>>>;
  defaultTags: Record<string, string>;
  externals: Record<string, unknown[]>;
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
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  walk(dir, true);
  return out;
}

/** A manifest with nothing declared yet (loadFile adds to it). */
export const emptyManifest = (): Manifest => ({
  files: [],
  sections: { logGroups: {}, destinations: {}, resourcePolicies: {}, trails: {} },
  defaultTags: {},
  externals: {},
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

/** Parses one file's documents into the manifest (exported for tests on in-memory text). */
export function loadFile(file: string, text: string, manifest: Manifest, declared = new Map<string, SourceRange>()): void {
  const lines = new LineCounter();
  const reader = new NodeReader(file, lines, manifest.diagnostics, manifest.sources);
  // the yaml library's own unique-key check compares every key with every other (10,000 log groups:
  // seconds); duplicateKeys does the same job with a set per mapping
  for (const doc of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })) {
    reader.document = doc;
    for (const e of doc.errors) {
      const { line, col } = lines.linePos(e.pos[0]);
      manifest.diagnostics.push({ severity: 'error', summary: `YAML: ${firstLine(e.message)}`, source: { file, line, col } });
    }
    duplicateKeys(doc, reader);
    if (doc.errors.length > 0 || doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      reader.error(doc.contents as Node, 'a manifest document must be a mapping of sections (logGroups, trails, …)');
      continue;
    }
    const read = reader.read(doc.contents as Node, MANIFEST, []) as Record<string, any> | undefined;
    if (!read) continue;
    mergeDefaultTags(manifest, (read.defaults?.tags ?? {}) as Record<string, string>, declared);
    for (const [kind, list] of Object.entries((read.externals ?? {}) as Record<string, unknown[]>)) {
      (manifest.externals[kind] ??= []).push(...list);
    }
    for (const section of RESOURCE_SECTIONS) {
      for (const [name, spec] of Object.entries((read[section] ?? {}) as Record<string, Record<string, unknown>>)) {
        // the reader recorded where this document names it (a key of the section)
        const here = manifest.sources.get(pathKey([section, name])) ?? reader.at(doc.contents as Node);
        const key = `${section}:${name}`;
        const first = declared.get(key);
        if (first) {
          manifest.diagnostics.push({
            severity: 'error',
            summary: `${section} '${name}' is declared twice: at ${first.file}:${first.line}:${first.col} and at ${here.file}:${here.line}:${here.col}`,
            source: here,
          });
          manifest.sources.set(pathKey([section, name]), first);
          continue;
        }
        declared.set(key, here);
        manifest.sections[section][name] = spec;
      }
    }
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
    manifest.defaultTags[key] = value;
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
