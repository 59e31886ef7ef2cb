import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import type { OrganizationSettings } from '../world.js';
import { checkOrganizationCaller } from './eds-rules.js';

/** An organization has at most this many CloudTrail delegated administrators (unverified: AWS's documented number). */
const MAX_DELEGATED_ADMINS = 3;

/** The organization's settings on its management account, when the caller belongs to one. */
function managementSettings(call: Call): OrganizationSettings | undefined {
  const org = call.accountState.organization;
  if (!org) return undefined;
  if (org.managementAccount) return org;
  for (const account of Object.values(call.engine.world.accounts)) {
    const other = account.organization;
    if (other?.managementAccount && other.organizationId === org.organizationId) return other;
  }
  return undefined;
}

/** The CloudTrail delegated administrators of the caller's organization (none outside one). */
export function delegatedAdmins(call: Call): string[] {
  return [...(managementSettings(call)?.cloudtrailDelegatedAdmins ?? [])];
}

/** Whether an account belongs to the caller's organization as a member (not its management account). */
function isMember(call: Call, account: string): boolean {
  const org = call.accountState.organization!;
  const settings = Object.hasOwn(call.engine.world.accounts, account) ? call.engine.world.accounts[account]!.organization : undefined;
  return settings !== undefined && !settings.managementAccount && settings.organizationId === org.organizationId;
}

/** The management account only; an account outside the organization is not found. */
function checkCaller(call: Call, account: string): OrganizationSettings {
  try {
    checkOrganizationCaller(call);
  } catch (error) {
    if (error instanceof AwsError && error.code === 'NotOrganizationMasterAccountException') {
      throw new AwsError(
        'NotOrganizationManagementAccountException',
        'This operation can be performed only by the management account of the organization.',
      );
    }
    throw error;
  }
  const org = call.accountState.organization!;
  if (account === call.account) {
    throw new AwsError('CannotDelegateManagementAccountException', 'You cannot register the management account of the organization as a delegated administrator.');
  }
  if (!isMember(call, account)) {
    throw new AwsError('AccountNotFoundException', `Account ${account} was not found or is not a member of the organization.`);
  }
  return org;
}

function registerOrganizationDelegatedAdmin(call: Call, input: { MemberAccountId: string }): unknown {
  const org = checkCaller(call, input.MemberAccountId);
  const admins = (org.cloudtrailDelegatedAdmins ??= []);
  if (admins.includes(input.MemberAccountId)) {
    throw new AwsError('AccountRegisteredException', `Account ${input.MemberAccountId} is already registered as a CloudTrail delegated administrator.`);
  }
  if (admins.length >= MAX_DELEGATED_ADMINS) {
    throw new AwsError(
      'DelegatedAdminAccountLimitExceededException',
      `The organization already has the maximum number of CloudTrail delegated administrators (${MAX_DELEGATED_ADMINS}).`,
    );
  }
  admins.push(input.MemberAccountId);
  return {};
}

function deregisterOrganizationDelegatedAdmin(call: Call, input: { DelegatedAdminAccountId: string }): unknown {
  const org = checkCaller(call, input.DelegatedAdminAccountId);
  const admins = org.cloudtrailDelegatedAdmins ?? [];
  if (!admins.includes(input.DelegatedAdminAccountId)) {
    throw new AwsError('AccountNotRegisteredException', `Account ${input.DelegatedAdminAccountId} is not registered as a CloudTrail delegated administrator.`);
  }
  org.cloudtrailDelegatedAdmins = admins.filter((a) => a !== input.DelegatedAdminAccountId);
  return {};
}

export const delegatedAdminOperations: Record<string, Handler> = {
  RegisterOrganizationDelegatedAdmin: registerOrganizationDelegatedAdmin,
  DeregisterOrganizationDelegatedAdmin: deregisterOrganizationDelegatedAdmin,
};
