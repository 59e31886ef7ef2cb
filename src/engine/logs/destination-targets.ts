import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';

/** An ARN split into its fields (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`). */
export interface ParsedArn {
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] === '') return undefined;
  return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/** The "vendor" AWS names in its destination errors: the ARN's service, or the text itself. */
export function vendorOf(arn: string): string {
  return parseArn(arn)?.service ?? arn;
}

/** AWS's messages when its test delivery to a streaming target fails. */
export const UNDELIVERABLE: Record<'kinesis' | 'firehose' | 'logs', string> = {
  kinesis: 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state.',
  firehose: 'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
  logs: 'Could not deliver test message to specified destination. Check if the destination is valid.',
};

const EXTERNAL_KIND = { kinesis: 'kinesisStreams', firehose: 'firehoseStreams' } as const;

/**
 * AWS proves a Kinesis or Firehose target by delivering a test record with the given role: the
 * stream must exist in the caller's account (same-account delivery only) and the role must exist
 * for Logs to assume. Either missing fails that delivery with `message`.
 */
export function checkStreamTarget(
  call: Call,
  vendor: 'kinesis' | 'firehose',
  targetArn: string,
  roleArn: string,
  message: string,
): void {
  const arn = parseArn(targetArn);
  const streamOk = arn?.account === call.account && externalExists(call, EXTERNAL_KIND[vendor], targetArn);
  if (!streamOk || !externalExists(call, 'iamRoles', roleArn)) throw new AwsError('InvalidParameterException', message);
}

/** Narrows a vendor to the streaming services Logs delivers to with a role. */
export function isStreamVendor(vendor: string): vendor is 'kinesis' | 'firehose' {
  return vendor === 'kinesis' || vendor === 'firehose';
}
