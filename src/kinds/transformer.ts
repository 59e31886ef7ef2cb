import { canonicalJson } from '../model/normalize.js';
import type { Json } from '../model/resources.js';
import { logs } from './shared.js';
import type { KindSpec } from './types.js';

/** A log group's transformer: its processors in order; identity: the group's name. */
export interface Transformer {
  transformerConfig: Json[];
}

/**
 * Transformers: `logGroups.<group>.transformer`, the processors as a YAML list (`- parseJSON: {}`,
 * `- addKeys: { entries: [...] }`), in the model's member names. Only Standard groups can have one;
 * AWS checks the processors' rules (a parser first, at most 20 …), which the plan's simulation runs.
 */
export const transformerKind: KindSpec<Transformer> = {
  section: 'transformer',
  noun: 'transformer',
  parent: 'logGroup',
  nesting: 'single',
  doc: "The log group's transformer (Standard-class groups only).",
  fields: { kind: 'list', doc: 'Processors, in order: each a mapping of one processor name to its settings (PutTransformer transformerConfig).', items: { kind: 'json', doc: 'One processor.' }, minItems: 1, maxItems: 20 },
  phase: 3,

  resolve: (decl) => ({ transformerConfig: (decl.spec as Json[]).map(canonicalJson) }),

  declare: (t) => t.transformerConfig,

  read: {
    // GetTransformer, one group a call; a group without one answers ResourceNotFoundException
    list: {
      from: 'parent',
      request: ({ name, item }) => ((item.logGroupClass ?? 'STANDARD') === 'STANDARD' ? logs('GetTransformer', { logGroupIdentifier: name }) : undefined),
      absentWhen: ['ResourceNotFoundException'],
    },
    name: (t) => t.logGroupIdentifier,
    observe: (t) => (Array.isArray(t.transformerConfig) && t.transformerConfig.length ? { transformerConfig: (t.transformerConfig as Json[]).map(canonicalJson) } : undefined),
  },

  steps(change) {
    const logGroupIdentifier = change.address.parent;
    if (change.action === 'delete') return [logs('DeleteTransformer', { logGroupIdentifier })];
    return [logs('PutTransformer', { logGroupIdentifier, transformerConfig: change.after!.transformerConfig })];
  },
};
