import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { findDashboard } from './dashboard-lookup.js';
import { checkActive } from './eds-rules.js';
import { findEventDataStore } from './eds-lookup.js';
import { mergeTags, tagList, type TagInput } from './tag-rules.js';
import { validateTrailName, wrongAccount } from './trail-names.js';
import { ownEntry } from '../own.js';

const CLOUDTRAIL_ARN = /^arn:aws[\w-]*:cloudtrail:([\w-]+):(\d{12}):([a-z]+)\/(.+)$/;

/** A taggable resource's tags and how to store new ones. */
interface Tagged {
  tags: Record<string, string>;
  save(tags: Record<string, string>): void;
}

function trailTags(call: Call, name: string, arn: string): Tagged {
  validateTrailName(name);
  const trail = ownEntry(call.state.cloudtrail.trails, name);
  if (!trail) throw new AwsError('ResourceNotFoundException', `Resource ${arn} was not found.`);
  return { tags: trail.tags, save: (tags) => (trail.tags = tags) };
}

function storeTags(call: Call, arn: string): Tagged {
  const store = findEventDataStore(call, arn);
  checkActive(store);
  return { tags: store.tags, save: (tags) => (store.tags = tags) };
}

function channelTags(call: Call, arn: string): Tagged {
  const channels = call.state.cloudtrail.lake.channels ?? {};
  const channel = ownEntry(channels, arn);
  if (!channel) throw new AwsError('ChannelNotFoundException', 'CloudTrail cannot find the specified channel.');
  return { tags: channel.tags ?? {}, save: (tags) => (channel.tags = tags) };
}

/** Dashboards of CloudTrail's catalog take no tags; they are not the account's resources. */
function dashboardTags(call: Call, arn: string): Tagged {
  const missing = () => new AwsError('ResourceNotFoundException', `Resource ${arn} was not found.`);
  const dashboard = findDashboard(call, arn, missing);
  if (dashboard.catalog) throw missing();
  return { tags: dashboard.tags, save: (tags) => (dashboard.tags = tags) };
}

/**
 * The resource a `ResourceId` names: the ARN of a trail, event data store or channel in the caller's
 * account and region (a multi-region trail is tagged from its home region only).
 */
function taggedResource(call: Call, resourceId: string): Tagged {
  const m = CLOUDTRAIL_ARN.exec(resourceId);
  if (!m) throw new AwsError('CloudTrailARNInvalidException', `Invalid CloudTrail ARN: ${resourceId}`);
  const [, region, account, type, rest] = m as unknown as [string, string, string, string, string];
  if (account !== call.account) throw wrongAccount(call);
  if (region !== call.region) {
    throw new AwsError(
      'CloudTrailARNInvalidException',
      `Region in ARN is wrong, you can only access resources in region ${call.region}.`,
    );
  }
  switch (type) {
    case 'trail':
      return trailTags(call, rest, resourceId);
    case 'eventdatastore':
      return storeTags(call, resourceId);
    case 'channel':
      return channelTags(call, resourceId);
    case 'dashboard':
      return dashboardTags(call, resourceId);
    default:
      throw new AwsError('ResourceTypeNotSupportedException', `Resource type ${type} is not supported for tagging.`);
  }
}

/** AddTags: adds or overwrites tags, up to 50 per resource. */
function addTags(call: Call, input: { ResourceId: string; TagsList: TagInput[] }): unknown {
  const resource = taggedResource(call, input.ResourceId);
  resource.save(mergeTags(resource.tags, input.TagsList));
  return undefined;
}

/** RemoveTags: removes the given keys (keys the resource does not have are ignored). */
function removeTags(call: Call, input: { ResourceId: string; TagsList: TagInput[] }): unknown {
  const resource = taggedResource(call, input.ResourceId);
  const remaining = { ...resource.tags };
  for (const { Key } of input.TagsList) delete remaining[Key];
  resource.save(remaining);
  return undefined;
}

/** ListTags: the tags of each listed resource, in the order asked. */
function listTags(call: Call, input: { ResourceIdList: string[] }): unknown {
  return {
    ResourceTagList: input.ResourceIdList.map((id) => ({ ResourceId: id, TagsList: tagList(taggedResource(call, id).tags) })),
  };
}

/** Tags of trails, event data stores, channels and dashboards. */
export const tagOperations: Record<string, Handler> = { AddTags: addTags, RemoveTags: removeTags, ListTags: listTags };
