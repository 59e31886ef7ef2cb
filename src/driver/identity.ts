import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Clients } from './clients.js';
import { adviceFor, toApiError } from './send.js';

/**
 * The account id of the target, from STS GetCallerIdentity (served by AWS, LocalStack, moto and
 * the engine alike). Ownership records are keyed by it, so anything but a 12-digit account id is
 * refused rather than guessed.
 */
export async function callerAccount(clients: Clients): Promise<string> {
  const failure = (detail: string) => new Error(`could not determine the account of ${clients.describe} (STS GetCallerIdentity): ${detail}`);
  let account: string | undefined;
  try {
    account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (e) {
    const error = toApiError(e);
    throw failure(`${error.code}: ${error.message}; ${adviceFor(error)}`);
  }
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw failure(`GetCallerIdentity answered ${account === undefined ? 'no Account' : `Account '${account}'`}, not a 12-digit account id`);
  }
  return account;
}
