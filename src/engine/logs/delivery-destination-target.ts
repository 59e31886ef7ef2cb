import { parseArn } from '../../aws/arn.js';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists, s3BucketExists } from '../externals.js';
import type { DeliveryDestinationType, OutputFormat } from './delivery-records.js';
import { OUTPUT_FORMATS } from './delivery-template-data.js';
import { logGroupNameFromIdentifier, logGroupNotFound, ownEntry } from './lookup.js';

/** What PutDeliveryDestination names: a type and (but for X-Ray) the resource receiving the logs. */
export interface DestinationTargetInput {
  outputFormat?: OutputFormat;
  deliveryDestinationConfiguration?: { destinationResourceArn: string };
  deliveryDestinationType?: DeliveryDestinationType;
}

// Messages of this file that cite no recording are unverified against AWS: worded in its style.
const invalid = (message: string) => new AwsError('ValidationException', message);

/** The destination type a resource ARN stands for: a log group, an S3 bucket or a Firehose stream. */
function typeOfResource(arn: string): DeliveryDestinationType {
  const parsed = parseArn(arn);
  if (parsed?.service === 'logs' && parsed.resource.startsWith('log-group:')) return 'CWL';
  if (parsed?.service === 's3' && parsed.region === '' && parsed.account === '') return 'S3';
  if (parsed?.service === 'firehose' && parsed.resource.startsWith('deliverystream/')) return 'FH';
  throw invalid(`The destinationResourceArn ${arn} is not a CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream.`);
}

/**
 * The destination type, from the resource ARN (or X-Ray, which has none). The configuration is
 * required for logs destinations and absent for X-Ray; a given type must agree with the ARN.
 */
export function destinationType(input: DestinationTargetInput): DeliveryDestinationType {
  const arn = input.deliveryDestinationConfiguration?.destinationResourceArn;
  if (arn === undefined) {
    if (input.deliveryDestinationType === 'XRAY') return 'XRAY';
    throw invalid('deliveryDestinationConfiguration is required for CWL, S3 and FH delivery destinations.');
  }
  if (input.deliveryDestinationType === 'XRAY') {
    throw invalid('deliveryDestinationConfiguration must not be specified for XRAY delivery destinations.');
  }
  const type = typeOfResource(arn);
  if (input.deliveryDestinationType !== undefined && input.deliveryDestinationType !== type) {
    throw invalid(`deliveryDestinationType ${input.deliveryDestinationType} does not match the destinationResourceArn, which is of type ${type}.`);
  }
  return type;
}

/** Each destination type takes the formats it can store; X-Ray takes none. */
export function checkOutputFormat(type: DeliveryDestinationType, format: OutputFormat | undefined): void {
  if (format !== undefined && !OUTPUT_FORMATS[type].includes(format)) {
    throw invalid(`Output format ${format} is not supported for delivery destination type ${type}.`);
  }
}

/**
 * The receiving resource must exist, in the caller's account ("create a delivery destination in
 * the same account of the actual delivery destination"): a log group of the engine, or an S3
 * bucket or Firehose stream registered through `POST /_engine/externals`.
 */
export function checkDestinationResource(call: Call, type: DeliveryDestinationType, arn: string | undefined): void {
  if (arn === undefined) return;
  if (type === 'CWL') {
    const name = logGroupNameFromIdentifier(call, arn);
    if (name === undefined || !ownEntry(call.state.logs.logGroups, name)) throw logGroupNotFound();
  }
  if (type === 'S3') {
    const bucket = parseArn(arn)!.resource.split('/')[0]!;
    if (!s3BucketExists(call, bucket)) throw new AwsError('ResourceNotFoundException', 'The specified S3 bucket does not exist.');
  }
  if (type === 'FH') {
    const parsed = parseArn(arn)!;
    const here = parsed.region === call.region && parsed.account === call.account;
    if (!here || !externalExists(call, 'firehoseStreams', arn)) {
      throw new AwsError('ResourceNotFoundException', 'The specified Firehose delivery stream does not exist.');
    }
  }
}
