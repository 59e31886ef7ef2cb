import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { logGroupNameFromIdentifier, ownEntry, requireLogGroup } from './lookup.js';
import { anomalyDetectorByArn } from './anomaly-lookup.js';
import { deliveries, deliveryDestinations, deliverySources } from './delivery-lookup.js';
import { requireLookupTable } from './lookup-tables.js';
import { checkTagKeys, mergedTags, TOO_MANY_TAGS_MESSAGE, tooManyTags } from './tag-rules.js';

/** Something CloudWatch Logs can tag: a log group, destination or lookup table record carries `tags`. */
interface Taggable {
  tags: Record<string, string>;
}

const LOGS_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):(log-group|destination|delivery-source|delivery-destination|delivery|anomaly-detector|lookup-table):(.+)$/;

/**
 * The resource a tagging ARN names in this account and Region: `…:log-group:NAME` (the trailing
 * `:*` form is refused earlier by the model's pattern, which has no `*`), `…:destination:NAME`,
 * `…:delivery-source:NAME`, `…:delivery-destination:NAME`, `…:delivery:ID` or
 * `…:anomaly-detector:ID`.
 */
function taggableByArn(call: Call, arn: string): Taggable {
  const m = LOGS_ARN.exec(arn);
  if (m && m[3] === 'log-group') return requireLogGroup(call, logGroupNameFromIdentifier(call, arn) ?? '');
  if (m && m[3] === 'destination') {
    const here = m[1] === call.region && m[2] === call.account;
    const destination = here ? ownEntry(call.state.logs.destinations, m[4]!) : undefined;
    if (!destination) throw new AwsError('ResourceNotFoundException', 'The specified destination does not exist.');
    return destination;
  }
  if (m && m[3] === 'lookup-table') return requireLookupTable(call, arn);
  if (m && m[1] === call.region && m[2] === call.account) {
    const found = deliveryOrDetectorByArn(call, m[3]!, m[4]!, arn);
    if (found) return found;
  }
  throw new AwsError('ResourceNotFoundException', 'The specified resource does not exist.');
}

/** A delivery source, destination or delivery by name / id, or an anomaly detector by ARN. */
function deliveryOrDetectorByArn(call: Call, kind: string, id: string, arn: string): Taggable | undefined {
  const logs = call.state.logs;
  if (kind === 'delivery-source') return ownEntry(deliverySources(logs), id);
  if (kind === 'delivery-destination') return ownEntry(deliveryDestinations(logs), id);
  if (kind === 'delivery') return ownEntry(deliveries(logs), id);
  if (kind === 'anomaly-detector') return anomalyDetectorByArn(call, arn);
  return undefined;
}

function untagged(tags: Record<string, string>, keys: string[]): Record<string, string> {
  const kept = { ...tags };
  for (const key of keys) delete kept[key];
  return kept;
}

function tagResource(call: Call, input: { resourceArn: string; tags: Record<string, string> }): undefined {
  const resource = taggableByArn(call, input.resourceArn);
  checkTagKeys(Object.keys(input.tags));
  const tags = mergedTags(resource.tags, input.tags);
  if (tooManyTags(tags)) {
    throw new AwsError('TooManyTagsException', TOO_MANY_TAGS_MESSAGE, { resourceName: input.resourceArn });
  }
  resource.tags = tags;
  return undefined;
}

function untagResource(call: Call, input: { resourceArn: string; tagKeys: string[] }): undefined {
  const resource = taggableByArn(call, input.resourceArn);
  resource.tags = untagged(resource.tags, input.tagKeys);
  return undefined;
}

function listTagsForResource(call: Call, input: { resourceArn: string }): { tags: Record<string, string> } {
  return { tags: { ...taggableByArn(call, input.resourceArn).tags } };
}

/** The deprecated TagLogGroup has no TooManyTagsException in its model; the limit is a parameter error. */
function tagLogGroup(call: Call, input: { logGroupName: string; tags: Record<string, string> }): undefined {
  const group = requireLogGroup(call, input.logGroupName);
  checkTagKeys(Object.keys(input.tags));
  const tags = mergedTags(group.tags, input.tags);
  if (tooManyTags(tags)) throw new AwsError('InvalidParameterException', TOO_MANY_TAGS_MESSAGE);
  group.tags = tags;
  return undefined;
}

function untagLogGroup(call: Call, input: { logGroupName: string; tags: string[] }): undefined {
  const group = requireLogGroup(call, input.logGroupName);
  group.tags = untagged(group.tags, input.tags);
  return undefined;
}

function listTagsLogGroup(call: Call, input: { logGroupName: string }): { tags: Record<string, string> } {
  return { tags: { ...requireLogGroup(call, input.logGroupName).tags } };
}

/** Tagging of log groups (the deprecated *LogGroup calls) and of log groups and destinations by ARN. */
export const tagOperations: Record<string, Handler> = {
  TagLogGroup: tagLogGroup,
  UntagLogGroup: untagLogGroup,
  ListTagsLogGroup: listTagsLogGroup,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
