import { canonicalJson } from '../model/normalize.js';
import type { Json } from '../model/resources.js';
import { logs, observedPolicy } from './shared.js';
import type { KindSpec } from './types.js';

/** A log group's own field index policy; identity: the group's name. */
export interface IndexPolicy {
  policyDocument: Json;
}

/**
 * Field index policies: `logGroups.<group>.indexPolicy` (the document as YAML). Only the group's
 * own policy is managed here: one an account-level FIELD_INDEX_POLICY gives it (DescribeIndexPolicies
 * `source: ACCOUNT`) belongs to that account policy, and reads as none.
 */
export const indexPolicyKind: KindSpec<IndexPolicy> = {
  section: 'indexPolicy',
  noun: 'index policy',
  parent: 'logGroup',
  nesting: 'single',
  doc: "The log group's field index policy (Standard-class groups only).",
  fields: { kind: 'json', doc: 'Field index policy document: `Fields` (names) and/or `FieldsV2` (name → `{type: FIELD_INDEX | FACET}`), at most 20.' },
  phase: 4,

  resolve: (decl) => ({ policyDocument: canonicalJson(decl.spec as Json) }),

  declare: (p) => p.policyDocument,

  read: {
    // DescribeIndexPolicies takes one group a call; only Standard groups can have a policy
    list: {
      from: 'parent',
      request: ({ name, item }) =>
        (item.logGroupClass ?? 'STANDARD') === 'STANDARD' ? logs('DescribeIndexPolicies', { logGroupIdentifiers: [name] }) : undefined,
      items: 'indexPolicies',
      paging: 'nextToken',
    },
    name: (p) => p.logGroupIdentifier,
    observe(p) {
      if (p.source !== 'LOG_GROUP') return undefined;
      const policyDocument = observedPolicy(p.policyDocument, canonicalJson);
      return policyDocument === undefined ? undefined : { policyDocument };
    },
  },

  steps(change) {
    const logGroupIdentifier = change.address.parent;
    if (change.action === 'delete') return [logs('DeleteIndexPolicy', { logGroupIdentifier })];
    return [logs('PutIndexPolicy', { logGroupIdentifier, policyDocument: JSON.stringify(change.after!.policyDocument) })];
  },
};
