import { resolve } from 'node:path';
import { callerAccount } from '../driver/identity.js';
import { ownershipOf, targetKey, Workspace, type OwnedResources } from '../state/workspace.js';
import type { Ownership } from '../plan/changes.js';
import type { ParsedArgs } from './args.js';
import { openTarget, type OpenTarget } from './target.js';

/**
 * Everything plan, apply and drift work against: the state directory (locked from open to close),
 * the open target, and who the target is (account and region) — ownership is recorded under that.
 */
export interface Session {
  workspace: Workspace;
  target: OpenTarget;
  account: string;
  region: string;
  /** The target as a plan's first line names it, region resolved. */
  describe: string;
  /** The identity ownership records are kept under, e.g. `local|123456789012|us-east-1`. */
  key: string;
  owned(): OwnedResources;
  ownership(): Ownership;
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
    const key = targetKey(target.kind, account, region, target.endpoint);
    const describe = target.kind === 'aws' ? target.clients.describe.replace(/, [^,]*$/, `, ${region}`) : target.clients.describe;
    const opened = target;
    return {
      workspace,
      target,
      account,
      region,
      describe,
      key,
      owned: () => workspace.owned(key),
      ownership: () => ownershipOf(workspace.owned(key)),
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
