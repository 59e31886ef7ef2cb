import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import type { ChannelRecord } from './channel-types.js';
import { findChannel, regionChannels } from './channels.js';
import { storeCategory } from './eds-category.js';
import { findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import { mergeTags, tagList, type TagInput } from './tag-rules.js';

/** Channels for events from outside AWS per region; service-linked channels do not count. */
const MAX_CHANNELS = 25;

type Destination = ChannelRecord['destinations'][number];

/** Service-linked channels belong to the AWS service that made them: only it changes them. */
const isServiceLinked = (c: ChannelRecord): boolean => c.name.startsWith('aws-service-channel/');

// The messages below are unverified: AWS's wording for these cases could not be found.
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

function checkNameFree(call: Call, name: string, except?: string): void {
  if (Object.values(regionChannels(call)).some((c) => c.name === name && c.arn !== except)) {
    throw new AwsError('ChannelAlreadyExistsException', `Channel ${name} already exists.`);
  }
}

/** `Custom`, or a partner's source name; `aws…` names are reserved for service-linked channels. */
function checkSource(call: Call, source: string): void {
  if (/^aws/i.test(source) || source.trim() === '') {
    throw new AwsError('InvalidSourceException', `Source ${source} is not valid. Specify Custom or the source name of an integration partner.`);
  }
  if (Object.values(regionChannels(call)).some((c) => c.source === source)) {
    throw new AwsError('ChannelAlreadyExistsException', `A channel already exists for source ${source}. A maximum of one channel is allowed per source.`);
  }
}

/**
 * Destinations of an integration channel: distinct event data stores of this account and region
 * that log only events from outside AWS (`eventCategory` ActivityAuditLog), for one region and
 * not for an organization. Returned with each store named by its ARN.
 */
function checkDestinations(call: Call, destinations: Destination[]): Destination[] {
  const seen = new Set<string>();
  return destinations.map((d) => {
    if (d.Type !== 'EVENT_DATA_STORE') {
      throw invalid('Destination type AWS_SERVICE is reserved for service-linked channels; use EVENT_DATA_STORE.');
    }
    const eds = findEventDataStore(call, d.Location);
    checkActive(eds);
    if (storeCategory(eds) !== 'ActivityAuditLog' || eds.multiRegionEnabled || eds.organizationEnabled) {
      throw new AwsError(
        'InvalidEventDataStoreCategoryException',
        `Event data store ${eds.arn} cannot be a channel destination: it must log only ActivityAuditLog events, in a single Region, and not for an organization.`,
      );
    }
    if (seen.has(eds.arn)) throw invalid(`Destination ${eds.arn} is specified more than once.`);
    seen.add(eds.arn);
    return { Type: 'EVENT_DATA_STORE', Location: eds.arn };
  });
}

interface CreateChannelInput {
  Name: string;
  Source: string;
  Destinations: Destination[];
  Tags?: TagInput[];
}

function createChannel(call: Call, input: CreateChannelInput): unknown {
  checkNameFree(call, input.Name);
  checkSource(call, input.Source);
  if (Object.values(regionChannels(call)).filter((c) => !isServiceLinked(c)).length >= MAX_CHANNELS) {
    throw new AwsError('ChannelMaxLimitExceededException', `You have reached the maximum number of channels (${MAX_CHANNELS}) in this Region.`);
  }
  const destinations = checkDestinations(call, input.Destinations);
  const tags = mergeTags({}, input.Tags ?? []);
  const channel: ChannelRecord = {
    arn: call.arn('cloudtrail', `channel/${randomUUID()}`),
    name: input.Name,
    source: input.Source,
    applyToAllRegions: false,
    advancedEventSelectors: [],
    destinations,
    ...(Object.keys(tags).length ? { tags } : {}),
  };
  (call.state.cloudtrail.lake.channels ??= {})[channel.arn] = channel;
  return {
    ChannelArn: channel.arn,
    Name: channel.name,
    Source: channel.source,
    Destinations: channel.destinations,
    ...(input.Tags ? { Tags: tagList(tags) } : {}),
  };
}

/** A channel this caller may change: any channel but a service-linked one. */
function ownChannel(call: Call, ref: string): ChannelRecord {
  const channel = findChannel(call, ref);
  if (isServiceLinked(channel)) {
    throw new AwsError('OperationNotPermittedException', `Channel ${channel.arn} is a service-linked channel; only the service that created it can change it.`);
  }
  return channel;
}

/** UpdateChannel: a new name and/or new destinations; the source never changes. */
function updateChannel(call: Call, input: { Channel: string; Name?: string; Destinations?: Destination[] }): unknown {
  const channel = ownChannel(call, input.Channel);
  if (input.Name !== undefined) checkNameFree(call, input.Name, channel.arn);
  const destinations = input.Destinations === undefined ? undefined : checkDestinations(call, input.Destinations);
  if (input.Name !== undefined) channel.name = input.Name;
  if (destinations) channel.destinations = destinations;
  return { ChannelArn: channel.arn, Name: channel.name, Source: channel.source, Destinations: channel.destinations };
}

/** DeleteChannel: the channel, its tags and its resource policy go; its stores stay. */
function deleteChannel(call: Call, input: { Channel: string }): unknown {
  const channel = ownChannel(call, input.Channel);
  delete regionChannels(call)[channel.arn];
  return {};
}

export const channelWriteOperations: Record<string, Handler> = {
  CreateChannel: createChannel,
  UpdateChannel: updateChannel,
  DeleteChannel: deleteChannel,
};
