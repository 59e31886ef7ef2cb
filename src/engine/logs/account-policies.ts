import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { checkAccountPolicyDocument } from './account-policy-documents.js';
import { checkAccountPolicyQuota, checkSelectionCriteria } from './account-policy-rules.js';
import { accountPoliciesOf } from './account-policy-store.js';
import { ownEntry, putEntry } from './lookup.js';
import { paginate } from './policy-page.js';
import type { AccountPolicyRecord, AccountPolicyType } from './state.js';

interface PutAccountPolicyInput {
  policyName: string;
  policyDocument: string;
  policyType: AccountPolicyType;
  scope?: 'ALL';
  selectionCriteria?: string;
}

interface DescribeAccountPoliciesInput {
  policyType: AccountPolicyType;
  policyName?: string;
  accountIdentifiers?: string[];
  nextToken?: string;
}

interface DeleteAccountPolicyInput {
  policyName: string;
  policyType: AccountPolicyType;
}

/** The `AccountPolicy` structure, members in the model's order. */
function accountPolicyView(call: Call, p: AccountPolicyRecord) {
  return {
    policyName: p.policyName,
    policyDocument: p.policyDocument,
    lastUpdatedTime: p.lastUpdatedTime,
    policyType: p.policyType,
    scope: p.scope,
    ...(p.selectionCriteria !== undefined && { selectionCriteria: p.selectionCriteria }),
    accountId: call.account,
  };
}

/**
 * Creates or replaces an account policy of a type. The name is checked, then the criteria and the
 * document by the type's rules (a subscription filter policy proves its destination as
 * PutSubscriptionFilter does), then the type's quota, which a replacement never exceeds.
 */
function putAccountPolicy(call: Call, input: PutAccountPolicyInput) {
  // "…cannot start with aws/" (documented); the message is unverified.
  if (input.policyName.toLowerCase().startsWith('aws/')) {
    throw new AwsError('InvalidParameterException', 'Policy names starting with aws/ are reserved for AWS.');
  }
  const criteria = checkSelectionCriteria(input.policyType, input.selectionCriteria);
  checkAccountPolicyDocument(call, input.policyType, input.policyDocument);
  const policies = accountPoliciesOf(call.state.logs, input.policyType);
  checkAccountPolicyQuota(input.policyType, input.policyName, criteria, Object.values(policies));
  const policy: AccountPolicyRecord = {
    policyName: input.policyName,
    policyDocument: input.policyDocument,
    policyType: input.policyType,
    lastUpdatedTime: call.now,
    scope: input.scope ?? 'ALL',
    ...(input.selectionCriteria !== undefined && { selectionCriteria: input.selectionCriteria }),
  };
  putEntry(policies, input.policyName, policy);
  return { accountPolicy: accountPolicyView(call, policy) };
}

/**
 * The policies of one type, in name order, optionally only the named one (none when it does not
 * exist). `accountIdentifiers` reach source accounts only from a monitoring account, which the
 * engine does not model: only the caller's own account can be listed.
 */
function describeAccountPolicies(call: Call, input: DescribeAccountPoliciesInput) {
  const own = input.accountIdentifiers === undefined || input.accountIdentifiers.length === 0 || input.accountIdentifiers.includes(call.account);
  const policies = (own && call.state.logs.accountPolicies?.[input.policyType]) || {};
  const found = input.policyName === undefined
    ? Object.values(policies).sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0))
    : [ownEntry(policies, input.policyName)].filter((p): p is AccountPolicyRecord => p !== undefined);
  const query = `DescribeAccountPolicies:${input.policyType}:${input.policyName ?? ''}`;
  const page = paginate(query, found, { nextToken: input.nextToken });
  return {
    accountPolicies: page.items.map((p) => accountPolicyView(call, p)),
    ...(page.nextToken && { nextToken: page.nextToken }),
  };
}

function deleteAccountPolicy(call: Call, input: DeleteAccountPolicyInput): void {
  const policies = call.state.logs.accountPolicies?.[input.policyType] ?? {};
  if (!ownEntry(policies, input.policyName)) {
    // The wording of DeleteResourcePolicy's not-found error; unverified for account policies.
    throw new AwsError('ResourceNotFoundException', `Policy with name [${input.policyName}] does not exist.`);
  }
  delete policies[input.policyName];
}

/** PutAccountPolicy, DescribeAccountPolicies, DeleteAccountPolicy. */
export const accountPolicyOperations: Record<string, Handler> = {
  PutAccountPolicy: putAccountPolicy,
  DescribeAccountPolicies: describeAccountPolicies,
  DeleteAccountPolicy: deleteAccountPolicy,
};
