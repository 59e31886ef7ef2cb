import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import type { ChannelRecord } from './channel-types.js';

const CHANNEL_ARN = /^arn:aws[\w-]*:cloudtrail:[a-z0-9-]+:\d{12}:channel\/[a-zA-Z0-9._/-]+$/;
const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

const channelNotFound = (): AwsError =>
  new AwsError('ChannelNotFoundException', 'CloudTrail cannot find the specified channel.');

/** This region's channels by ARN (a world saved before channels existed has none). */
export const regionChannels = (call: Call): Record<string, ChannelRecord> => (call.state.cloudtrail.lake.channels ??= {});

/** A channel from its ARN or the UUID that ends its ARN. */
export function findChannel(call: Call, ref: string): ChannelRecord {
  const channels = regionChannels(call);
  if (ref.startsWith('arn:')) {
    if (!CHANNEL_ARN.test(ref)) {
      throw new AwsError('ChannelARNInvalidException', 'The specified value of ChannelARN is not valid.');
    }
    const found = Object.hasOwn(channels, ref) ? channels[ref] : undefined;
    if (!found) throw channelNotFound();
    return found;
  }
  if (!UUID.test(ref)) throw new AwsError('ChannelARNInvalidException', 'The specified value of ChannelARN is not valid.');
  const found = Object.values(channels).find((c) => c.arn.endsWith(`/${ref}`));
  if (!found) throw channelNotFound();
  return found;
}

function getChannel(call: Call, input: { Channel: string }): unknown {
  const c = findChannel(call, input.Channel);
  return {
    ChannelArn: c.arn,
    Name: c.name,
    Source: c.source,
    SourceConfig: { ApplyToAllRegions: c.applyToAllRegions, AdvancedEventSelectors: c.advancedEventSelectors },
    Destinations: c.destinations,
  };
}

/** Channels in ARN order; the token carries the last ARN returned. */
function listChannels(call: Call, input: { MaxResults?: number; NextToken?: string }): unknown {
  const all = Object.values(regionChannels(call)).sort((a, b) => (a.arn < b.arn ? -1 : 1));
  let start = 0;
  if (input.NextToken !== undefined) {
    const after = decodeToken<{ a: string }>(input.NextToken, 'InvalidNextTokenException', 'The NextToken is not valid.');
    start = all.findIndex((c) => c.arn > after.a);
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, input.MaxResults === undefined ? undefined : start + input.MaxResults);
  const last = page[page.length - 1];
  const more = last !== undefined && start + page.length < all.length;
  return {
    Channels: page.map((c) => ({ ChannelArn: c.arn, Name: c.name })),
    ...(more ? { NextToken: encodeToken({ a: last.arn }) } : {}),
  };
}

export const channelOperations: Record<string, Handler> = { GetChannel: getChannel, ListChannels: listChannels };
