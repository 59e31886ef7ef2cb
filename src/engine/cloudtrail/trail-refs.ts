import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists, findKmsKey, s3BucketExists } from '../externals.js';
import { ownEntry } from '../own.js';

/**
 * Why a bucket name breaks S3's DNS-compatible naming rules (the wording CloudTrail reports, e.g.
 * "Bucket name should not contain '_'"), or undefined when it is valid.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket name should be between 3 and 63 characters long';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'Bucket name must not be formatted as an IP Address';
  let previous = '';
  for (const c of name) {
    if (c >= 'A' && c <= 'Z') return 'Bucket name should not contain uppercase characters';
    if (/\s/.test(c)) return 'Bucket name should not contain white space';
    if (c === '.' && previous === '') return 'Bucket name should not begin with a period';
    if (c === '.' && previous === '.') return 'Bucket name should not contain two adjacent periods';
    if ((c === '.' && previous === '-') || (c === '-' && previous === '.')) {
      return 'Bucket name should not contain dashes next to periods';
    }
    if (c === '-' && previous === '') return "Bucket name should not begin with a '-'";
    if (!/[a-z0-9.-]/.test(c)) return `Bucket name should not contain '${c}'`;
    previous = c;
  }
  if (previous === '.' || previous === '-') return "Bucket name should not end with '-' or '.'";
  return undefined;
}

/** S3BucketName: a valid bucket name of a bucket that exists. */
export function checkS3Bucket(call: Call, bucket: string): void {
  const problem = bucketNameProblem(bucket);
  if (problem) throw new AwsError('InvalidS3BucketNameException', problem);
  if (!s3BucketExists(call, bucket)) {
    throw new AwsError('S3BucketDoesNotExistException', `S3 bucket ${bucket} does not exist!`);
  }
}

/** S3KeyPrefix: at most 200 characters (the documented maximum). */
export function checkS3KeyPrefix(prefix: string): void {
  if (prefix.length > 200) {
    throw new AwsError(
      'InvalidS3PrefixException',
      `S3 prefix too long. Maximum allowed length: 200 characters. Specified prefix length: ${prefix.length} characters.`,
    );
  }
}

const SNS_TOPIC_ARN = /^arn:aws[\w-]*:sns:[\w-]+:\d{12}:([A-Za-z0-9_-]{1,256})$/;

/** SnsTopicName (a topic name, or a topic ARN): the ARN of an existing topic. */
export function resolveSnsTopic(call: Call, nameOrArn: string): string {
  const arn = nameOrArn.startsWith('arn:') ? nameOrArn : call.arn('sns', nameOrArn);
  if (!SNS_TOPIC_ARN.test(arn)) {
    throw new AwsError('InvalidSnsTopicNameException', `SNS topic name ${nameOrArn} is not valid.`);
  }
  if (!externalExists(call, 'snsTopics', arn)) {
    throw new AwsError(
      'InsufficientSnsTopicPolicyException',
      'SNS Topic does not exist or the topic policy is incorrect!',
    );
  }
  return arn;
}

const KMS_KEY_FORMS = [
  /^arn:aws[\w-]*:kms:[\w-]+:\d{12}:(key|alias)\/.+$/,
  /^alias\/[A-Za-z0-9/_-]+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^mrk-[0-9a-f]{32}$/i,
];

/**
 * KmsKeyId (key id, key ARN, alias name or alias ARN): the ARN of an existing, enabled key, which
 * is what AWS stores and reports.
 */
export function resolveKmsKey(call: Call, keyId: string): string {
  if (!KMS_KEY_FORMS.some((re) => re.test(keyId))) {
    throw new AwsError('InvalidKmsKeyIdException', `KMS key ID ${keyId} is not valid.`);
  }
  const key = findKmsKey(call, keyId);
  if (!key) throw new AwsError('KmsKeyNotFoundException', `KMS key ${keyId} does not exist.`);
  if (!key.enabled) throw new AwsError('KmsException', `KMS key ${key.arn} is disabled.`);
  return key.arn;
}

const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:([^:]+):\*$/;

/**
 * CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn go together. The group ARN must be the one
 * DescribeLogGroups reports (with the trailing `:*`) of a group in the trail's account and region;
 * the role must exist (CloudTrail assumes it to validate the group).
 */
export function checkCloudWatchLogs(call: Call, groupArn: string | undefined, roleArn: string | undefined): void {
  if (groupArn && !roleArn) {
    throw new AwsError('InvalidCloudWatchLogsRoleArnException', 'You must specify a role ARN as well as a log group.');
  }
  if (roleArn && !groupArn) {
    throw new AwsError('InvalidCloudWatchLogsLogGroupArnException', 'You must specify a log group as well as a role ARN.');
  }
  if (!groupArn || !roleArn) return;
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn) || !externalExists(call, 'iamRoles', roleArn)) {
    throw new AwsError('InvalidCloudWatchLogsRoleArnException', 'Access denied. Check the trust relationships for your role.');
  }
  const m = LOG_GROUP_ARN.exec(groupArn);
  const exists = m && m[1] === call.region && m[2] === call.account && ownEntry(call.state.logs.logGroups, m[3]!);
  if (!exists) {
    throw new AwsError('InvalidCloudWatchLogsLogGroupArnException', 'CloudTrail cannot validate the specified log group ARN.');
  }
}

/** IsOrganizationTrail=true: only an organization's management account may ask for it. */
export function checkOrganizationTrail(call: Call): void {
  const org = call.accountState.organization;
  if (!org) {
    throw new AwsError('OrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  if (!org.managementAccount) {
    throw new AwsError(
      'NotOrganizationMasterAccountException',
      'You cannot configure or manage trails for an organization because this action requires being signed in with the management account.',
    );
  }
}
