import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import {
  checkDestinationResource, checkOutputFormat, destinationType, type DestinationTargetInput,
} from './delivery-destination-target.js';
import {
  deliveryDestinations, deliveryPage, everyDelivery, requireDestination, sortedBy, tagsOnUpdate,
} from './delivery-lookup.js';
import type { DeliveryDestinationRecord } from './delivery-records.js';
import { ownEntry, putEntry } from './lookup.js';
import { checkTagKeys } from './tag-rules.js';

interface PutDeliveryDestinationInput extends DestinationTargetInput {
  name: string;
  tags?: Record<string, string>;
}

/**
 * What an update may not change: tags (TagResource does that), the output format (both messages
 * recorded against AWS: hashicorp/terraform-provider-aws#43572, moto), nor the destination type
 * (worded after the format message; unverified).
 */
function checkUpdate(existing: DeliveryDestinationRecord, input: PutDeliveryDestinationInput, type: string): void {
  if (input.tags !== undefined) throw tagsOnUpdate();
  if (input.outputFormat !== undefined && existing.outputFormat !== input.outputFormat) {
    throw new AwsError(
      'ValidationException',
      'Update to existing Delivery Destination with new Output Format is not allowed. Please create a new Delivery Destination instead.',
    );
  }
  if (existing.deliveryDestinationType !== type) {
    throw new AwsError(
      'ValidationException',
      'Update to existing Delivery Destination with new Delivery Destination Type is not allowed. Please create a new Delivery Destination instead.',
    );
  }
}

/** The `DeliveryDestination` structure; PutDeliveryDestination answers without tags (recorded). */
function destinationView(d: DeliveryDestinationRecord, withTags = true) {
  return {
    name: d.name,
    arn: d.arn,
    deliveryDestinationType: d.deliveryDestinationType,
    ...(d.outputFormat !== undefined ? { outputFormat: d.outputFormat } : {}),
    ...(d.destinationResourceArn !== undefined
      ? { deliveryDestinationConfiguration: { destinationResourceArn: d.destinationResourceArn } }
      : {}),
    ...(withTags && Object.keys(d.tags).length > 0 ? { tags: { ...d.tags } } : {}),
  };
}

function putDeliveryDestination(call: Call, input: PutDeliveryDestinationInput) {
  const destinations = deliveryDestinations(call.state.logs);
  const existing = ownEntry(destinations, input.name);
  const type = destinationType(input);
  checkOutputFormat(type, input.outputFormat);
  if (existing) checkUpdate(existing, input, type);
  const resourceArn = input.deliveryDestinationConfiguration?.destinationResourceArn;
  checkDestinationResource(call, type, resourceArn);
  checkTagKeys(Object.keys(input.tags ?? {}));
  const destination: DeliveryDestinationRecord = {
    name: input.name,
    arn: call.arn('logs', `delivery-destination:${input.name}`),
    deliveryDestinationType: type,
    tags: existing?.tags ?? { ...(input.tags ?? {}) },
  };
  const format = input.outputFormat ?? existing?.outputFormat;
  if (format !== undefined) destination.outputFormat = format;
  if (resourceArn !== undefined) destination.destinationResourceArn = resourceArn;
  if (existing?.policy !== undefined) destination.policy = existing.policy;
  putEntry(destinations, input.name, destination);
  return { deliveryDestination: destinationView(destination, false) };
}

function getDeliveryDestination(call: Call, input: { name: string }) {
  return { deliveryDestination: destinationView(requireDestination(call, input.name)) };
}

function describeDeliveryDestinations(call: Call, input: { nextToken?: string; limit?: number }) {
  const views = sortedBy(Object.values(deliveryDestinations(call.state.logs)), (d) => d.name).map((d) => destinationView(d));
  const page = deliveryPage('DescribeDeliveryDestinations', views, input);
  return { deliveryDestinations: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/**
 * A destination some delivery uses (from this or another account) cannot go: the documented
 * rule; AWS's wording is unverified.
 */
function deleteDeliveryDestination(call: Call, input: { name: string }): void {
  const destination = requireDestination(call, input.name);
  for (const delivery of everyDelivery(call)) {
    if (delivery.deliveryDestinationArn === destination.arn) {
      throw new AwsError(
        'ConflictException',
        `Delivery Destination ${input.name} is associated with one or more Deliveries. Delete the Deliveries first.`,
      );
    }
  }
  delete deliveryDestinations(call.state.logs)[input.name];
}

/** PutDeliveryDestination, GetDeliveryDestination, DescribeDeliveryDestinations, DeleteDeliveryDestination. */
export const deliveryDestinationOperations: Record<string, Handler> = {
  PutDeliveryDestination: putDeliveryDestination,
  GetDeliveryDestination: getDeliveryDestination,
  DescribeDeliveryDestinations: describeDeliveryDestinations,
  DeleteDeliveryDestination: deleteDeliveryDestination,
};
