import type { Address } from '../model/address.js';
import { canonicalJson } from '../model/normalize.js';
import type { Json } from '../model/resources.js';
import { str } from '../model/schema.js';
import { declared, externalArns, findingsDestinations, findingsExternals, logs, logsResourceIn, observedPolicy, stringAt } from './shared.js';
import type { KindSpec, Scope } from './types.js';

/** The policy types of PutAccountPolicy. */
export const ACCOUNT_POLICY_TYPES = [
  'DATA_PROTECTION_POLICY',
  'SUBSCRIPTION_FILTER_POLICY',
  'FIELD_INDEX_POLICY',
  'TRANSFORMER_POLICY',
  'METRIC_EXTRACTION_POLICY',
] as const;
export type AccountPolicyType = (typeof ACCOUNT_POLICY_TYPES)[number];

/** An account-level CloudWatch Logs policy; AWS identifies it by type and name together. */
export interface AccountPolicy {
  policyName: string;
  policyType: AccountPolicyType;
  policyDocument: Json;
  scope: 'ALL';
  selectionCriteria?: string;
}

interface AccountPolicyDeclaration {
  policyDocument: Json;
  scope?: 'ALL';
  selectionCriteria?: string;
}

/** `FIELD_INDEX_POLICY/app-ids` → its type and name; undefined when the key is not of that form. */
function parseKey(key: string): { policyType: AccountPolicyType; policyName: string } | undefined {
  const slash = key.indexOf('/');
  const type = slash > 0 ? ACCOUNT_POLICY_TYPES.find((t) => t === key.slice(0, slash)) : undefined;
  return type === undefined || slash === key.length - 1 ? undefined : { policyType: type, policyName: key.slice(slash + 1) };
}

/**
 * Account policies: `accountPolicies.<POLICY_TYPE>/<policyName>`. AWS lets policies of different
 * types share a name, so the key carries both (as Terraform's import id does): `policyType` is no
 * member of its own, and the address reads `accountPolicy "DATA_PROTECTION_POLICY/org-pii"`.
 * Documents are YAML, compared as parsed JSON (key order and whitespace irrelevant).
 */
export const accountPolicyKind: KindSpec<AccountPolicy> = {
  section: 'accountPolicies',
  noun: 'account policy',
  doc: 'Account-level policies by POLICY_TYPE/name (DATA_PROTECTION_POLICY, SUBSCRIPTION_FILTER_POLICY, FIELD_INDEX_POLICY, TRANSFORMER_POLICY, METRIC_EXTRACTION_POLICY).',
  fields: {
    kind: 'object',
    doc: 'An account policy; the key is POLICY_TYPE/NAME, e.g. FIELD_INDEX_POLICY/request-ids.',
    fields: {
      policyDocument: { kind: 'json', doc: 'The policy document, as the type defines it.', required: true },
      scope: str('ALL, the only scope AWS has (the default).', { enum: ['ALL'] }),
      selectionCriteria: str('Which log groups it applies to, e.g. `LogGroupNamePrefix IN ["/app/"]` (not for DATA_PROTECTION_POLICY).'),
    },
  },
  phase: 4,
  // a type allows one policy per account, or a few that must not overlap: a renamed one waits for the old one to go
  deletesFirst: true,
  refersTo: ['destination', 'logGroup'],

  resolve(decl, ctx) {
    const spec = decl.spec as AccountPolicyDeclaration;
    const key = parseKey(decl.name);
    if (!key) {
      ctx.fail(`account policy '${decl.name}' must be named POLICY_TYPE/NAME, with POLICY_TYPE one of ${ACCOUNT_POLICY_TYPES.join(', ')}`);
      return undefined;
    }
    if (key.policyName.toLowerCase().startsWith('aws/')) ctx.fail(`account policy '${decl.name}': names starting with aws/ are reserved for AWS`);
    if (key.policyType === 'DATA_PROTECTION_POLICY' && spec.selectionCriteria !== undefined) {
      ctx.fail(`account policy '${decl.name}': a DATA_PROTECTION_POLICY applies to every log group and takes no selectionCriteria`, 'selectionCriteria');
    }
    const policy: AccountPolicy = { ...key, policyDocument: canonicalJson(spec.policyDocument), scope: spec.scope ?? 'ALL' };
    if (spec.selectionCriteria !== undefined) policy.selectionCriteria = spec.selectionCriteria;
    return policy;
  },

  // AWS's own policies (names starting aws/) are AWS's to manage
  declare: (p, ctx) =>
    p.policyName.toLowerCase().startsWith('aws/') ? ctx.leaveOut('its name starts with aws/: AWS manages it') : declared({ policyDocument: p.policyDocument, selectionCriteria: p.selectionCriteria }),

  read: {
    // DescribeAccountPolicies lists one type a call
    list: {
      from: 'account',
      requests: ACCOUNT_POLICY_TYPES.map((policyType) => logs('DescribeAccountPolicies', { policyType })),
      items: 'accountPolicies',
      paging: 'nextToken',
    },
    name: (p) => `${p.policyType}/${p.policyName}`,
    observe(p) {
      const policy: AccountPolicy = {
        policyName: p.policyName,
        policyType: p.policyType,
        policyDocument: observedPolicy(p.policyDocument, canonicalJson) ?? {},
        scope: p.scope ?? 'ALL',
      };
      if (p.selectionCriteria !== undefined) policy.selectionCriteria = p.selectionCriteria;
      return policy;
    },
  },

  references: (p, scope) => referencesOf(p, scope),
  externals(p, scope) {
    if (p.policyType === 'SUBSCRIPTION_FILTER_POLICY') return externalArns([stringAt(p.policyDocument, 'DestinationArn'), stringAt(p.policyDocument, 'RoleArn')]);
    return p.policyType === 'DATA_PROTECTION_POLICY' ? findingsExternals(p.policyDocument, scope) : {};
  },

  steps(change) {
    const { policyName, policyType } = (change.after ?? change.before)!;
    if (change.action === 'delete') return [logs('DeleteAccountPolicy', { policyName, policyType })];
    const after = change.after!;
    return [logs('PutAccountPolicy', { policyName, policyType, policyDocument: JSON.stringify(after.policyDocument), scope: after.scope, selectionCriteria: after.selectionCriteria })];
  },
};

/** A subscription policy's Logs destination; a data protection policy's findings log groups. */
function referencesOf(p: AccountPolicy, scope: Scope): Address[] {
  if (p.policyType === 'SUBSCRIPTION_FILTER_POLICY') {
    const destination = logsResourceIn(scope, stringAt(p.policyDocument, 'DestinationArn'), 'destination', 'destination');
    return destination ? [destination] : [];
  }
  if (p.policyType !== 'DATA_PROTECTION_POLICY') return [];
  return findingsDestinations(p.policyDocument).flatMap((f) => {
    const name = stringAt(f.CloudWatchLogs, 'LogGroup');
    return name === undefined ? [] : [{ kind: 'logGroup', name }];
  });
}
