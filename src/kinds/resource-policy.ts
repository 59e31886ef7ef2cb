import { canonicalIamPolicy } from '../model/normalize.js';
import type { Json } from '../model/resources.js';
import { logs, observedPolicy } from './shared.js';
import type { KindSpec } from './types.js';

/** An account-level CloudWatch Logs resource policy. */
export interface ResourcePolicy {
  policyName: string;
  policyDocument: Json;
}

/** Resource policies: `resourcePolicies.<name>`. */
export const resourcePolicyKind: KindSpec<ResourcePolicy> = {
  section: 'resourcePolicies',
  noun: 'resource policy',
  doc: 'Account-level resource policies by name.',
  fields: {
    kind: 'object',
    doc: 'A resource policy.',
    fields: { policyDocument: { kind: 'json', doc: 'IAM policy document.', required: true } },
  },
  phase: 4,
  limit: { max: 10, per: 'region' },

  resolve: (decl) => ({ policyName: decl.name, policyDocument: canonicalIamPolicy((decl.spec as { policyDocument: Json }).policyDocument) }),

  declare: (p) => ({ policyDocument: p.policyDocument }),

  read: {
    list: { from: 'account', requests: [logs('DescribeResourcePolicies', { limit: 50 })], items: 'resourcePolicies', paging: 'nextToken' },
    name: (p) => p.policyName,
    observe: (p) => ({ policyName: p.policyName, policyDocument: observedPolicy(p.policyDocument, canonicalIamPolicy) ?? {} }),
  },

  steps(change) {
    const policyName = change.address.name;
    if (change.action === 'delete') return [logs('DeleteResourcePolicy', { policyName })];
    return [logs('PutResourcePolicy', { policyName, policyDocument: JSON.stringify(change.after!.policyDocument) })];
  },
};
