import { randomBytes } from 'node:crypto';
import { parseArn } from '../../aws/arn.js';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { resolveDeliveryConfig, type DeliveryConfigInput } from './delivery-config.js';
import { mayDeliverTo } from './delivery-destination-policy.js';
import {
  deliveries, deliveryPage, destinationNotFound, findDestinationByArn, parseDeliveryDestinationArn,
  requireDelivery, requireSource,
} from './delivery-lookup.js';
import type { DeliveryDestinationType, DeliveryRecord, DeliverySourceRecord } from './delivery-records.js';
import { templateFor, type DeliveryTemplate } from './delivery-templates.js';
import { putEntry } from './lookup.js';
import { checkTagKeys } from './tag-rules.js';

interface CreateDeliveryInput extends DeliveryConfigInput {
  deliverySourceName: string;
  deliveryDestinationArn: string;
  tags?: Record<string, string>;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Delivery ids are 16 alphanumerics (e.g. `qbU0not6qz5elRVt`). */
function newDeliveryId(): string {
  return [...randomBytes(16)].map((b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

/** The template a source's deliveries to a destination type follow, or ValidationException (wording unverified). */
function requireTemplate(source: DeliverySourceRecord, type: DeliveryDestinationType): DeliveryTemplate {
  const resource = parseArn(source.resourceArns[0]!)?.resource ?? '';
  const template = templateFor(source.service, resource, source.logType, type);
  if (!template) {
    throw new AwsError('ValidationException', `Delivery Destination Type ${type} is not supported for log type ${source.logType} of ${source.service}.`);
  }
  return template;
}

/** One delivery per source and destination type (messages from moto; unverified against AWS). */
function checkUnique(call: Call, source: string, destinationArn: string, type: DeliveryDestinationType): void {
  for (const d of Object.values(deliveries(call.state.logs))) {
    if (d.deliverySourceName !== source) continue;
    if (d.deliveryDestinationArn === destinationArn) throw new AwsError('ConflictException', 'The specified Delivery already exists');
    if (d.deliveryDestinationType === type) {
      throw new AwsError('ConflictException', 'Delivery already exists for this Delivery Source with the same Delivery Destination Type.');
    }
  }
}

/** The `Delivery` structure, members in the model's order. */
function deliveryView(d: DeliveryRecord) {
  return {
    id: d.id,
    arn: d.arn,
    deliverySourceName: d.deliverySourceName,
    deliveryDestinationArn: d.deliveryDestinationArn,
    deliveryDestinationType: d.deliveryDestinationType,
    recordFields: [...d.recordFields],
    ...(d.fieldDelimiter !== undefined ? { fieldDelimiter: d.fieldDelimiter } : {}),
    ...(d.s3DeliveryConfiguration ? { s3DeliveryConfiguration: { ...d.s3DeliveryConfiguration } } : {}),
    ...(Object.keys(d.tags).length > 0 ? { tags: { ...d.tags } } : {}),
  };
}

/**
 * Pairs a source of this account with a destination of this Region, in this account or — when its
 * destination policy allows the caller's account `logs:CreateDelivery` — another one.
 */
function createDelivery(call: Call, input: CreateDeliveryInput) {
  const source = requireSource(call, input.deliverySourceName);
  const at = parseDeliveryDestinationArn(input.deliveryDestinationArn);
  const destination = at?.region === call.region ? findDestinationByArn(call, input.deliveryDestinationArn) : undefined;
  if (!at || !destination) throw destinationNotFound();
  if (!mayDeliverTo(call.account, destination, at.account)) {
    // AWS's wording unverified (IAM's usual form).
    throw new AwsError(
      'AccessDeniedException',
      `User with account ${call.account} is not authorized to perform: logs:CreateDelivery on resource: ${destination.arn}`,
    );
  }
  const type = destination.deliveryDestinationType;
  const template = requireTemplate(source, type);
  checkUnique(call, source.name, destination.arn, type);
  checkTagKeys(Object.keys(input.tags ?? {}));
  const id = newDeliveryId();
  const delivery: DeliveryRecord = {
    id,
    arn: call.arn('logs', `delivery:${id}`),
    deliverySourceName: source.name,
    deliveryDestinationArn: destination.arn,
    deliveryDestinationType: type,
    ...resolveDeliveryConfig(template, input),
    creationTime: call.now,
    tags: { ...(input.tags ?? {}) },
  };
  putEntry(deliveries(call.state.logs), id, delivery);
  return { delivery: deliveryView(delivery) };
}

function getDelivery(call: Call, input: { id: string }) {
  return { delivery: deliveryView(requireDelivery(call, input.id)) };
}

function describeDeliveries(call: Call, input: { nextToken?: string; limit?: number }) {
  const views = Object.values(deliveries(call.state.logs))
    .sort((a, b) => a.creationTime - b.creationTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(deliveryView);
  const page = deliveryPage('DescribeDeliveries', views, input);
  return { deliveries: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** Deleting a delivery leaves its source and destination in place. */
function deleteDelivery(call: Call, input: { id: string }): void {
  requireDelivery(call, input.id);
  delete deliveries(call.state.logs)[input.id];
}

/** Changes record fields, delimiter or S3 settings; what the request omits stays as it was. */
function updateDeliveryConfiguration(call: Call, input: DeliveryConfigInput & { id: string }) {
  const delivery = requireDelivery(call, input.id);
  const template = requireTemplate(requireSource(call, delivery.deliverySourceName), delivery.deliveryDestinationType);
  const config = resolveDeliveryConfig(template, input, delivery);
  delivery.recordFields = config.recordFields;
  if (config.fieldDelimiter !== undefined) delivery.fieldDelimiter = config.fieldDelimiter;
  else delete delivery.fieldDelimiter;
  if (config.s3DeliveryConfiguration) delivery.s3DeliveryConfiguration = config.s3DeliveryConfiguration;
  return {};
}

/** CreateDelivery, GetDelivery, DescribeDeliveries, DeleteDelivery, UpdateDeliveryConfiguration. */
export const deliveryOperations: Record<string, Handler> = {
  CreateDelivery: createDelivery,
  GetDelivery: getDelivery,
  DescribeDeliveries: describeDeliveries,
  DeleteDelivery: deleteDelivery,
  UpdateDeliveryConfiguration: updateDeliveryConfiguration,
};
