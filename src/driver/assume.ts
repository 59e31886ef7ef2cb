import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { toApiError, adviceFor } from './send.js';

/** A role logwarden assumes to reach an account. */
export interface RoleToAssume {
  roleArn: string;
  externalId?: string;
  sessionName?: string;
}

/** Temporary credentials as the SDK clients take them. */
export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Refresh this long before the credentials expire. */
const EARLY_MS = 5 * 60_000;

/**
 * A credential provider that assumes `role` with the starting credentials of `sts`, and assumes it
 * again shortly before the session expires (one AssumeRole in flight at a time).
 */
export function assumeRoleProvider(sts: STSClient, role: RoleToAssume, now: () => number = Date.now): () => Promise<AssumedCredentials> {
  let current: AssumedCredentials | undefined;
  let pending: Promise<AssumedCredentials> | undefined;
  const assume = async (): Promise<AssumedCredentials> => {
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: role.roleArn, RoleSessionName: role.sessionName ?? 'logwarden', ExternalId: role.externalId, DurationSeconds: 3600 }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole answered no credentials');
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
    } catch (e) {
      const error = toApiError(e);
      throw new Error(`could not assume ${role.roleArn}${role.externalId ? ' (with its external id)' : ''}: ${error.code}: ${error.message}; ${adviceFor(error)}`);
    }
  };
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - EARLY_MS > now())) return current;
    pending ??= assume().finally(() => (pending = undefined));
    current = await pending;
    return current;
  };
}
