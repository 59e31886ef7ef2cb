import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import type { Json } from '../model/resources.js';
import type { Field } from '../model/schema.js';

/** Where each value of a file came from: JSON-encoded key path → position. */
export type SourceMap = Map<string, SourceRange>;

export const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

/** Reads YAML nodes against the schema table: plain values out, diagnostics and positions beside. */
export class NodeReader {
  /** The YAML document being read: aliases (`*ids`) resolve against its anchors. */
  document: Document | undefined;

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    readonly diagnostics: Diagnostic[],
    readonly sources: SourceMap,
  ) {}

  /** The position of a node (its start). */
  at(node: Node | null | undefined): SourceRange {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  error(node: Node | null | undefined, summary: string, detail?: string): void {
    this.diagnostics.push({ severity: 'error', summary, detail, source: this.at(node) });
  }

  /**
   * Reads `node` as `field`; undefined when it is wrong (a diagnostic says why). The value's position
   * is `anchor`'s: the key of a mapping entry, else the node itself.
   */
  read(node: Node | null | undefined, field: Field, path: (string | number)[], anchor: Node | null | undefined = node): unknown {
    this.sources.set(pathKey(path), this.at(anchor));
    // an alias reads as the value of its anchor (the position stays where the alias was written)
    if (isAlias(node) && this.document) node = node.resolve(this.document) as Node | undefined;
    switch (field.kind) {
      case 'object':
        return this.object(node, field, path);
      case 'map':
        return this.map(node, field, path);
      case 'list':
        return this.list(node, field, path);
      case 'json':
        if (!isMap(node) && !isSeq(node)) return this.expected(node, path, 'a JSON/YAML document (a mapping)');
        return this.json(node, path);
      default:
        return this.scalar(node, field, path);
    }
  }

  /** A policy document as plain data; aliases that expand without bound (an alias bomb) are an error here. */
  private json(node: Node, path: (string | number)[]): Json | undefined {
    try {
      return (this.document ? node.toJS(this.document) : node.toJSON()) as Json;
    } catch (e) {
      this.error(node, `${describe(path)} cannot be read: ${(e as Error).message} (aliases here expand to too many values)`);
      return undefined;
    }
  }

  /** Paths are described (`logGroups["/a"].tags`) only when there is something to say about them. */
  private scalar(node: Node | null | undefined, field: Field, path: (string | number)[]): unknown {
    if (!isScalar(node) || node.value === null) return this.expected(node, path, `a ${field.kind}`);
    const v = node.value;
    switch (field.kind) {
      case 'string': {
        // Numbers are fine where a string is wanted (metricValue: 1); booleans are a mistake.
        if (typeof v !== 'string' && typeof v !== 'number') return this.expected(node, path, 'a string');
        const s = String(v);
        if (s === '' && !field.allowEmpty) return this.error(node, `${describe(path)} must not be empty`);
        if (field.enum && !field.enum.includes(s)) return this.badEnum(node, path, s, field.enum);
        return s;
      }
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) return this.expected(node, path, 'a whole number');
        if (field.enum && !field.enum.includes(v)) return this.badNumber(node, path, v, field.enum);
        if ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max)) {
          return this.error(node, `${describe(path)} cannot be ${v}: it must be from ${field.min ?? '…'} to ${field.max ?? '…'}`);
        }
        return v;
      case 'number':
        if (typeof v !== 'number') return this.expected(node, path, 'a number');
        return v;
      case 'boolean':
        if (typeof v !== 'boolean') return this.expected(node, path, 'true or false');
        return v;
    }
    return undefined;
  }

  /** The document's top level: sections read one by one, so that an error in one loses no other. */
  readDocument(node: Node, field: Field & { kind: 'object' }): Record<string, unknown> {
    return this.object(node, field, [], true) ?? {};
  }

  /** An object with an error in any member is undefined (`partial`: the members that read well). */
  private object(node: Node | null | undefined, field: Field & { kind: 'object' }, path: (string | number)[], partial = false) {
    if (!isMap(node)) return this.expected(node, path, 'a mapping');
    const where = () => describe(path);
    const entries: [string, unknown][] = [];
    let failed = false;
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const spec = Object.hasOwn(field.fields, key) ? field.fields[key] : undefined;
      if (!spec) {
        const hint = didYouMean(key, Object.keys(field.fields));
        this.error(keyNode, `unknown key '${clip(key)}' in ${where()}${hint ? `; did you mean '${hint}'?` : ''}`,
          `allowed here: ${Object.keys(field.fields).join(', ')}`);
        failed = true;
        continue;
      }
      const value = this.read(pair.value as Node, spec, [...path, key], keyNode);
      if (value === undefined) failed = true;
      else entries.push([key, value]);
    }
    const out = Object.fromEntries(entries);
    for (const [key, spec] of Object.entries(field.fields)) {
      if (spec.required && !node.items.some((p) => isScalar(p.key) && String(p.key.value) === key)) {
        this.error(node, `${where()} is missing required key '${key}'`, spec.doc);
        failed = true;
      }
    }
    for (const group of field.oneOf ?? []) {
      const present = group.filter((k) => Object.hasOwn(out, k));
      if (present.length > 1) {
        this.error(node, `${where()} sets ${present.map((k) => `'${k}'`).join(' and ')}; use only one`);
        failed = true;
      }
    }
    return failed && !partial ? undefined : out;
  }

  /** A map keeps the entries that read well (each bad one has its diagnostic). */
  private map(node: Node | null | undefined, field: Field & { kind: 'map' }, path: (string | number)[]) {
    if (!isMap(node)) return this.expected(node, path, 'a mapping');
    const entries: [string, unknown][] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.error(keyNode, `keys of ${describe(path)} must be plain names`);
        continue;
      }
      const key = String(keyNode.value);
      const value = this.read(pair.value as Node, field.values, [...path, key], keyNode);
      if (value !== undefined) entries.push([key, value]);
    }
    // fromEntries, not assignment: a key named `__proto__` stays a key
    return Object.fromEntries(entries);
  }

  /** A list with an error in any item is undefined. */
  private list(node: Node | null | undefined, field: Field & { kind: 'list' }, path: (string | number)[]) {
    if (!isSeq(node)) return this.expected(node, path, 'a list');
    const where = () => describe(path);
    let failed = false;
    if (field.minItems !== undefined && node.items.length < field.minItems) {
      this.error(node, `${where()} needs at least ${field.minItems} item${field.minItems === 1 ? '' : 's'}`);
      failed = true;
    }
    if (field.maxItems !== undefined && node.items.length > field.maxItems) {
      this.error(node, `${where()} has ${node.items.length} items; at most ${field.maxItems} allowed`);
      failed = true;
    }
    const items = node.items.map((item, i) => this.read(item as Node, field.items, [...path, i]));
    return failed || items.includes(undefined) ? undefined : items;
  }

  private expected(node: Node | null | undefined, path: (string | number)[], what: string): undefined {
    const got = node == null || (isScalar(node) && node.value === null) ? 'nothing' : isMap(node) ? 'a mapping' : isSeq(node) ? 'a list' : `'${clip(String((node as { value?: unknown }).value))}'`;
    this.error(node, `${describe(path)} must be ${what}, not ${got}`);
    return undefined;
  }

  private badEnum(node: Node, path: (string | number)[], value: string, allowed: string[]): undefined {
    const hint = didYouMean(value, allowed);
    this.error(node, `${describe(path)} cannot be '${clip(value)}'${hint ? `; did you mean '${hint}'?` : ''}`, `allowed: ${allowed.join(', ')}`);
    return undefined;
  }

  /** A number outside an enum of numbers: the allowed neighbours are the likely intent (15 → 14 or 30). */
  private badNumber(node: Node, path: (string | number)[], value: number, allowed: number[]): undefined {
    const below = Math.max(...allowed.filter((a) => a < value));
    const above = Math.min(...allowed.filter((a) => a > value));
    const near = [below, above].filter(Number.isFinite).map((n) => `${n}`);
    const hint = near.length ? `; the nearest allowed ${near.length === 1 ? 'value is' : 'values are'} ${near.join(' and ')}` : '';
    this.error(node, `${describe(path)} cannot be ${value}${hint}`, `allowed: ${allowed.join(', ')}`);
    return undefined;
  }
}

/** Long values (a 1 MB string) are shown by their start and length, never whole. */
export function clip(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** `logGroups["/aws/x"].retentionInDays` style, as users see paths in their YAML. */
export function describe(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the manifest';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : /^[A-Za-z_][\w]*$/.test(p) ? `.${p}` : `[${JSON.stringify(clip(p))}]`))
    .join('');
}

/** The closest candidate within a small edit distance, case-insensitively. */
export function didYouMean(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
