import { parseArn } from '../../aws/arn.js';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { resourceExists } from '../externals.js';
import type { Handler } from '../service.js';
import type { DeliverySourceRecord } from './delivery-records.js';
import {
  deliveries, deliveryPage, deliverySources, requireSource, sortedBy, tagsOnUpdate,
} from './delivery-lookup.js';
import { logSourceOf } from './delivery-templates.js';
import { putEntry } from './lookup.js';
import { checkTagKeys } from './tag-rules.js';

interface PutDeliverySourceInput {
  name: string;
  resourceArn: string;
  logType: string;
  tags?: Record<string, string>;
  deliverySourceConfiguration?: Record<string, string>;
}

/** AWS's answer when the resource's service cannot vend logs, or refuses (recorded against AWS). */
const cannotAccess = () => new AwsError('ResourceNotFoundException', 'Cannot access provided service.');

/**
 * The service a source's resource belongs to, checked as AWS checks it: a supported service (and
 * resource type), a log type that service vends, and a resource that exists. AWS asks the owning
 * service (its AllowVendedLogDeliveryForResource), so the engine requires the resource to be
 * registered through `POST /_engine/externals` `"resources"`; a wildcard ARN (Security Hub's
 * `hub/*`) names no single resource and is accepted as it is.
 */
function checkedService(call: Call, resourceArn: string, logType: string): string {
  const arn = parseArn(resourceArn);
  const specs = arn ? logSourceOf(arn.service, arn.resource) : [];
  if (!arn || specs.length === 0) throw cannotAccess();
  if (!specs.some((s) => s.logTypes.some((t) => t.logType === logType))) {
    // Wording from moto (which keeps a leading space); unverified against AWS.
    throw new AwsError('ValidationException', 'This service is not allowed for this LogSource.');
  }
  if (!resourceArn.endsWith('/*') && !resourceExists(call, resourceArn)) throw cannotAccess();
  return arn.service;
}

/** An update may change the configuration, never the resource or the log type. */
function checkUpdate(existing: DeliverySourceRecord, input: PutDeliverySourceInput): void {
  if (input.tags !== undefined) throw tagsOnUpdate();
  if (!existing.resourceArns.includes(input.resourceArn)) {
    throw new AwsError(
      'ConflictException',
      'Update to existing Delivery Source with new ResourceId is not allowed. Please create a new Delivery Source instead.',
    );
  }
  if (existing.logType !== input.logType) {
    // Worded after the ResourceId message; unverified against AWS.
    throw new AwsError(
      'ConflictException',
      'Update to existing Delivery Source with new LogType is not allowed. Please create a new Delivery Source instead.',
    );
  }
}

/** One source per resource and log type (recorded against AWS: aws-samples/…-coding-agents#662). */
function checkResourceUnused(call: Call, input: PutDeliverySourceInput): void {
  const taken = Object.values(deliverySources(call.state.logs)).some(
    (s) => s.name !== input.name && s.logType === input.logType && s.resourceArns.includes(input.resourceArn),
  );
  if (taken) throw new AwsError('ConflictException', 'This ResourceId has already been used in another Delivery Source in this account.');
}

/** The `DeliverySource` structure, members in the model's order. */
export function sourceView(source: DeliverySourceRecord) {
  return {
    name: source.name,
    arn: source.arn,
    resourceArns: [...source.resourceArns],
    service: source.service,
    logType: source.logType,
    ...(Object.keys(source.tags).length > 0 ? { tags: { ...source.tags } } : {}),
    ...(source.deliverySourceConfiguration ? { deliverySourceConfiguration: { ...source.deliverySourceConfiguration } } : {}),
  };
}

/** Creates a source, or overwrites an existing one's parameters (PutDeliverySource is create-or-update). */
function putDeliverySource(call: Call, input: PutDeliverySourceInput) {
  const sources = deliverySources(call.state.logs);
  const existing = Object.hasOwn(sources, input.name) ? sources[input.name] : undefined;
  const service = checkedService(call, input.resourceArn, input.logType);
  if (existing) checkUpdate(existing, input);
  checkResourceUnused(call, input);
  checkTagKeys(Object.keys(input.tags ?? {}));
  const source: DeliverySourceRecord = {
    name: input.name,
    arn: call.arn('logs', `delivery-source:${input.name}`),
    resourceArns: [input.resourceArn],
    service,
    logType: input.logType,
    tags: existing?.tags ?? { ...(input.tags ?? {}) },
  };
  if (input.deliverySourceConfiguration) source.deliverySourceConfiguration = { ...input.deliverySourceConfiguration };
  putEntry(sources, input.name, source);
  return { deliverySource: sourceView(source) };
}

function getDeliverySource(call: Call, input: { name: string }) {
  return { deliverySource: sourceView(requireSource(call, input.name)) };
}

function describeDeliverySources(call: Call, input: { nextToken?: string; limit?: number }) {
  const views = sortedBy(Object.values(deliverySources(call.state.logs)), (s) => s.name).map(sourceView);
  const page = deliveryPage('DescribeDeliverySources', views, input);
  return { deliverySources: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** A source some delivery still uses cannot go (the documented rule; AWS's wording unverified). */
function deleteDeliverySource(call: Call, input: { name: string }): void {
  requireSource(call, input.name);
  if (Object.values(deliveries(call.state.logs)).some((d) => d.deliverySourceName === input.name)) {
    throw new AwsError(
      'ConflictException',
      `Delivery Source ${input.name} is associated with one or more Deliveries. Delete the Deliveries first.`,
    );
  }
  delete deliverySources(call.state.logs)[input.name];
}

/** PutDeliverySource, GetDeliverySource, DescribeDeliverySources, DeleteDeliverySource. */
export const deliverySourceOperations: Record<string, Handler> = {
  PutDeliverySource: putDeliverySource,
  GetDeliverySource: getDeliverySource,
  DescribeDeliverySources: describeDeliverySources,
  DeleteDeliverySource: deleteDeliverySource,
};
