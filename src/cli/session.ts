import { resolve } from 'node:path';
import type { RoleToAssume } from '../driver/assume.js';
import type { Clients } from '../driver/clients.js';
import { callerAccount } from '../driver/identity.js';
import type { FleetSettings } from '../manifest/scope.js';
import { formatScope, scopeKey, type Scope } from '../model/scope.js';
import { ownershipOf, targetKey, targetPrefix, Workspace, type OwnedResources } from '../state/workspace.js';
import type { Ownership } from '../plan/changes.js';
import type { ParsedArgs } from './args.js';
import { openTarget, type OpenTarget } from './target.js';

/**
 * Everything plan, apply and drift work against: the state directory (locked from open to close),
 * the open target, and its default scope — the credentials' own account and the region as
 * resolved — which manifests that leave out their account or region are placed in. Ownership is
 * recorded per scope.
 */
export interface Session {
  workspace: Workspace;
  target: OpenTarget;
  /** The default scope. */
  defaults: Scope;
  account: string;
  region: string;
  /** The target as a plan's first line names it (the default scope's region). */
  describe: string;
  /** The ownership identity of the default scope, e.g. `local|123456789012|us-east-1`. */
  key: string;
  /** The ownership identity of a scope. */
  keyOf(scope: Scope): string;
  /** What every scope's identity of this target starts with (its kind and endpoint). */
  prefix: string;
  /** How a scope's part of a report names it: `AWS (profile p), 111111111111 eu-west-1`. */
  describeScope(scope: Scope): string;
  owned(scope?: Scope): OwnedResources;
  ownership(scope?: Scope): Ownership;
  /** The scopes of this target (kind and endpoint) that state/ records ownership in. */
  ownedScopes(): Scope[];
  /** Clients acting in a scope (AWS: another account through the role the settings give it). */
  clientsFor(scope: Scope, settings: FleetSettings): Clients;
  close(): Promise<void>;
}

/** Locks the state directory, opens the target on it, and learns the target's account. */
export async function openSession(args: ParsedArgs, command: string): Promise<Session> {
  const workspace = Workspace.open(resolve(args.string('state') ?? 'state'), `logwarden ${command}`);
  let target: OpenTarget | undefined;
  try {
    target = openTarget(args, command, true);
    const account = target.account ?? (await callerAccount(target.clients));
    // for AWS the SDK may find the region in the profile: ownership and ARNs must use that one
    const region = target.kind === 'aws' ? await target.clients.region() : target.region;
    const defaults = { account, region };
    const opened = target;
    const keyOf = (s: Scope) => targetKey(opened.kind, s.account, s.region, opened.endpoint);
    const describe = opened.kind === 'aws' ? opened.clients.describe.replace(/, [^,]*$/, `, ${region}`) : opened.clients.describe;
    const prefix = targetPrefix(opened.kind, opened.endpoint);
    return {
      workspace,
      target,
      defaults,
      account,
      region,
      describe,
      key: keyOf(defaults),
      keyOf,
      prefix,
      describeScope: (s) => `${describe.replace(/, [^,]*$/, '')}, ${formatScope(s)}`,
      owned: (s = defaults) => workspace.owned(keyOf(s)),
      ownership: (s = defaults) => ownershipOf(workspace.owned(keyOf(s))),
      ownedScopes: () =>
        workspace
          .targetKeys()
          .filter((k) => k.startsWith(prefix) && Object.keys(workspace.owned(k)).length > 0)
          .map((k) => k.slice(prefix.length).split('|'))
          .map(([account, region]) => ({ account: account!, region: region! })),
      clientsFor(s, settings) {
        if (scopeKey(s) === scopeKey(defaults)) return opened.clients;
        return opened.clientsFor(s, opened.kind === 'aws' && s.account !== account ? roleFor(s.account, account, settings) : undefined);
      },
      async close() {
        try {
          await opened.close();
        } finally {
          await workspace.close();
        }
      },
    };
  } catch (e) {
    await target?.close();
    await workspace.close();
    throw e;
  }
}

/** The role that reaches an account from the credentials' own: the account's, or the pattern's. */
function roleFor(account: string, own: string, settings: FleetSettings): RoleToAssume {
  const declared = [...settings.accounts.values()].find((a) => a.id === account);
  if (declared?.roleArn) return { roleArn: declared.roleArn, externalId: declared.externalId ?? settings.assumeRole?.externalId, sessionName: settings.assumeRole?.sessionName };
  if (settings.assumeRole) return { ...settings.assumeRole, roleArn: settings.assumeRole.roleArn.replaceAll('{account}', account) };
  throw new Error(
    `the manifests place resources in account ${account}, but the credentials are for ${own} and logwarden.yaml names no role to reach it: ` +
      `give the account a roleArn under accounts, or an assumeRole.roleArn pattern such as arn:aws:iam::{account}:role/logwarden`,
  );
}
