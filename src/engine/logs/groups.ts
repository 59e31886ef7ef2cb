import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { describeLogGroups } from './group-describe.js';
import { indexLogGroupCreated, indexLogGroupDeleted, logGroupCount } from './group-index.js';
import { kmsOperations, requireUsableKmsKey } from './group-kms.js';
import { ownEntry, putEntry, requireLogGroup, requireLogGroupByIdentifier } from './lookup.js';
import type { LogGroupClass, LogGroupRecord } from './state.js';
import { checkTagKeys } from './tag-rules.js';

/** Input of CreateLogGroup (validated by the model first: name pattern and length, tag shapes). */
interface CreateLogGroupInput {
  logGroupName: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  logGroupClass?: LogGroupClass;
  deletionProtectionEnabled?: boolean;
}

/** "You can create up to 1,000,000 log groups per Region per account." */
const MAX_LOG_GROUPS = 1_000_000;

/** The 22 values PutRetentionPolicy accepts (seed 002). */
const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Delivery-class groups keep events for a fixed short time; AWS reports it as 2 days. */
const DELIVERY_RETENTION_DAYS = 2;

function checkNewLogGroup(call: Call, input: CreateLogGroupInput): void {
  const { logGroupName } = input;
  // AWS's own namespace: "Log group names can't start with the string aws/" (any case).
  if (logGroupName.toLowerCase().startsWith('aws/')) {
    throw new AwsError('InvalidParameterException', 'Log groups starting with AWS/ are reserved for AWS.');
  }
  if (ownEntry(call.state.logs.logGroups, logGroupName)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  }
  if (logGroupCount(call.state.logs) >= MAX_LOG_GROUPS) {
    throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  }
  if (input.kmsKeyId !== undefined) requireUsableKmsKey(call, input.kmsKeyId);
  if (input.tags) checkTagKeys(Object.keys(input.tags));
}

function createLogGroup(call: Call, input: CreateLogGroupInput): undefined {
  checkNewLogGroup(call, input);
  const logGroupClass = input.logGroupClass ?? 'STANDARD';
  const group: LogGroupRecord = {
    logGroupName: input.logGroupName,
    creationTime: call.now,
    logGroupClass,
    tags: { ...input.tags },
    metricFilters: {},
    subscriptionFilters: {},
    streams: {},
  };
  if (logGroupClass === 'DELIVERY') group.retentionInDays = DELIVERY_RETENTION_DAYS;
  if (input.kmsKeyId !== undefined) group.kmsKeyId = input.kmsKeyId;
  if (input.deletionProtectionEnabled) group.deletionProtectionEnabled = true;
  putEntry(call.state.logs.logGroups, input.logGroupName, group);
  indexLogGroupCreated(call.state.logs, input.logGroupName);
  return undefined;
}

/**
 * Deletes the group and everything under it: streams, events, filters, data protection policy.
 * A protected group is refused with the error the user guide quotes ("Protecting log groups from
 * deletion": a ValidationException with exactly this message).
 */
function deleteLogGroup(call: Call, input: { logGroupName: string }): undefined {
  const group = requireLogGroup(call, input.logGroupName);
  if (group.deletionProtectionEnabled) {
    throw new AwsError(
      'ValidationException',
      'Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
    );
  }
  delete call.state.logs.logGroups[input.logGroupName];
  indexLogGroupDeleted(call.state.logs, input.logGroupName);
  return undefined;
}

/**
 * The value is checked before the group is looked up, and the message is the one AWS sends (seen
 * verbatim in CLI output, e.g. systeminit/si#3022 and aws/aws-cdk#1343): it is not a model
 * constraint, since the model types `retentionInDays` as a plain integer.
 */
function putRetentionPolicy(call: Call, input: { logGroupName: string; retentionInDays: number }): undefined {
  if (!RETENTION_DAYS.includes(input.retentionInDays)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid retention value. Valid values are: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  requireLogGroup(call, input.logGroupName).retentionInDays = input.retentionInDays;
  return undefined;
}

/** Removing a retention policy that is not there succeeds: the group simply never expires. */
function deleteRetentionPolicy(call: Call, input: { logGroupName: string }): undefined {
  delete requireLogGroup(call, input.logGroupName).retentionInDays;
  return undefined;
}

/** Turns deletion protection on or off; the group is named by its name or ARN. */
function putLogGroupDeletionProtection(call: Call, input: { logGroupIdentifier: string; deletionProtectionEnabled: boolean }): undefined {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  if (input.deletionProtectionEnabled) group.deletionProtectionEnabled = true;
  else delete group.deletionProtectionEnabled;
  return undefined;
}

/** Log group operations: lifecycle, listing, retention and KMS association. */
export const groupOperations: Record<string, Handler> = {
  CreateLogGroup: createLogGroup,
  DeleteLogGroup: deleteLogGroup,
  DescribeLogGroups: describeLogGroups,
  PutRetentionPolicy: putRetentionPolicy,
  DeleteRetentionPolicy: deleteRetentionPolicy,
  PutLogGroupDeletionProtection: putLogGroupDeletionProtection,
  ...kmsOperations,
};
