import { Document, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { ImportedDocument } from '../manifest/import-files.js';
import { MANIFEST } from '../manifest/schema.js';
import type { Field } from '../model/schema.js';

/** A flow collection longer than this (as JSON) is written as a block. */
const FLOW_WIDTH = 88;

/**
 * Manifest documents as YAML a person reads and edits: sections and declarations as blocks, one
 * member a line; short values (tags, a metric transformation, a subscription filter) as flow maps
 * and lists on one line; policy documents as block mappings, never as JSON strings. The manifest's
 * field table says which members hold documents.
 */
export function renderManifestYaml(documents: ImportedDocument[]): string {
  return documents
    .map((d, i) => {
      const doc = new Document(d.content);
      doc.commentBefore = ` ${d.comment}`;
      styleNode(doc.contents as Node, MANIFEST, 0);
      const text = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
      return i === 0 ? text : `---\n${text}`;
    })
    .join('');
}

/** The field of a member of `field` (an object's member, a map's values, a list's items). */
function memberField(field: Field | undefined, key: unknown): Field | undefined {
  if (field?.kind === 'object') return Object.hasOwn(field.fields, String(key)) ? field.fields[String(key)] : undefined;
  if (field?.kind === 'map') return field.values;
  if (field?.kind === 'list') return field.items;
  return undefined;
}

/**
 * Block for the document, its kind sections (nested ones too: maps of declarations) and each
 * top-level declaration; below that, and inside policy documents, a collection is a flow one when
 * it is short and holds no list of mappings (those read best one item a line). Empty ones are
 * `{}` and `[]`. Date-like strings are quoted, so that no YAML 1.1 reader takes them for dates.
 */
function styleNode(node: Node | null | undefined, field: Field | undefined, depth: number): void {
  if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d\d-\d\d/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  if (!isMap(node) && !isSeq(node)) return;
  const sections = field?.kind === 'map' && field.values.kind === 'object';
  const structural = depth === 0 || sections || (depth === 2 && field?.kind === 'object');
  node.flow = node.items.length === 0 || (!structural && field?.kind !== 'json' && short(node));
  if (node.flow) return;
  if (isMap(node)) {
    for (const pair of node.items) styleNode(pair.value as Node, memberField(field, isScalar(pair.key) ? pair.key.value : undefined), depth + 1);
  } else {
    for (const item of node.items) styleNode(item as Node, memberField(field, undefined), depth + 1);
  }
}

function short(node: Node): boolean {
  if (isSeq(node) && node.items.some((item) => isMap(item))) return false;
  if (isMap(node) && node.items.some((pair) => isSeq(pair.value) && pair.value.items.some((item) => isMap(item)))) return false;
  return JSON.stringify(node.toJSON()).length <= FLOW_WIDTH;
}
