import { canonicalJson } from '../model/normalize.js';
import type { Json } from '../model/resources.js';
import { findingsExternals, logs, observedPolicy } from './shared.js';
import type { KindSpec } from './types.js';

/** A log group's data protection policy; identity: the group's name. */
export interface DataProtectionPolicy {
  policyDocument: Json;
}

/** Data protection policies: `logGroups.<group>.dataProtectionPolicy` (the document as YAML). */
export const dataProtectionPolicyKind: KindSpec<DataProtectionPolicy> = {
  section: 'dataProtectionPolicy',
  noun: 'data protection policy',
  parent: 'logGroup',
  nesting: 'single',
  doc: 'The log group\'s data protection policy.',
  fields: { kind: 'json', doc: 'Data protection policy document (Audit + Deidentify statements).' },
  phase: 4,

  resolve: (decl) => ({ policyDocument: canonicalJson(decl.spec as Json) }),

  declare: (p) => p.policyDocument,

  read: {
    // only where DescribeLogGroups reports a policy
    list: {
      from: 'parent',
      request: ({ name, item }) => (item.dataProtectionStatus === 'ACTIVATED' ? logs('GetDataProtectionPolicy', { logGroupIdentifier: name }) : undefined),
    },
    name: (p) => p.logGroupIdentifier,
    observe(p) {
      const policyDocument = observedPolicy(p.policyDocument, canonicalJson);
      return policyDocument === undefined ? undefined : { policyDocument };
    },
  },

  externals: (p, scope) => findingsExternals(p.policyDocument, scope),

  steps(change) {
    const logGroupIdentifier = change.address.parent;
    if (change.action === 'delete') return [logs('DeleteDataProtectionPolicy', { logGroupIdentifier })];
    return [logs('PutDataProtectionPolicy', { logGroupIdentifier, policyDocument: JSON.stringify(change.after!.policyDocument) })];
  },
};
