import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { findKmsKey } from '../externals.js';
import type { Handler } from '../service.js';
import { logGroupNameFromIdentifier, logGroupNotFound, requireLogGroup } from './lookup.js';
import type { LogGroupRecord } from './state.js';

/** Input of AssociateKmsKey and DisassociateKmsKey (validated by the model first). */
interface KmsKeyTargetInput {
  logGroupName?: string;
  resourceIdentifier?: string;
  kmsKeyId?: string;
}

const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:([\w-]+):\d{12}:key\/.+$/;
const QUERY_RESULT_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):query-result:\*$/;

/**
 * Checks a `kmsKeyId` as CloudWatch Logs does before it encrypts with it: the ARN of a KMS key in
 * the log group's Region that exists and is enabled. A bare key id does not name a key here (AWS
 * answers it with the same "could not be found").
 */
export function requireUsableKmsKey(call: Call, kmsKeyId: string): void {
  const m = KMS_KEY_ARN.exec(kmsKeyId);
  const key = m && m[1] === call.region ? findKmsKey(call, kmsKeyId) : undefined;
  if (!key) throw new AwsError('InvalidParameterException', 'The specified KMS Key Id could not be found.');
  if (!key.enabled) throw new AwsError('InvalidParameterException', 'The specified KMS key is disabled.');
}

/** What a KMS association acts on: one log group, or the account's stored query results. */
type KmsTarget = { group: LogGroupRecord } | { queryResults: true };

function kmsTarget(call: Call, input: KmsKeyTargetInput): KmsTarget {
  const { logGroupName, resourceIdentifier } = input;
  if ((logGroupName === undefined) === (resourceIdentifier === undefined)) {
    throw new AwsError('InvalidParameterException', 'Exactly one of logGroupName or resourceIdentifier is required.');
  }
  if (logGroupName !== undefined) return { group: requireLogGroup(call, logGroupName) };
  const id = resourceIdentifier!;
  const q = QUERY_RESULT_ARN.exec(id);
  if (q && q[1] === call.region && q[2] === call.account) return { queryResults: true };
  // resourceIdentifier takes ARNs only (with or without the trailing `:*`), never a bare name.
  const name = id.startsWith('arn:') ? logGroupNameFromIdentifier(call, id) : undefined;
  if (name === undefined) throw logGroupNotFound();
  return { group: requireLogGroup(call, name) };
}

function associateKmsKey(call: Call, input: KmsKeyTargetInput & { kmsKeyId: string }): undefined {
  const target = kmsTarget(call, input);
  requireUsableKmsKey(call, input.kmsKeyId);
  if ('group' in target) target.group.kmsKeyId = input.kmsKeyId;
  else call.state.logs.queryResultKmsKeyId = input.kmsKeyId;
  return undefined;
}

/** Disassociating where no key is associated is a no-op, as it is in AWS. */
function disassociateKmsKey(call: Call, input: KmsKeyTargetInput): undefined {
  const target = kmsTarget(call, input);
  if ('group' in target) delete target.group.kmsKeyId;
  else delete call.state.logs.queryResultKmsKeyId;
  return undefined;
}

/** AssociateKmsKey and DisassociateKmsKey. */
export const kmsOperations: Record<string, Handler> = {
  AssociateKmsKey: associateKmsKey,
  DisassociateKmsKey: disassociateKmsKey,
};
