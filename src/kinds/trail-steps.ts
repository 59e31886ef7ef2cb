import { buildArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { cloudtrail, tagChanges } from './shared.js';
import { DEFAULT_EVENT_SELECTORS } from './trail-selectors.js';
import type { Trail } from './trail.js';
import type { Scope } from './types.js';

/** The settings CreateTrail and UpdateTrail take, as they take them. */
function trailSettings(t: Trail): Record<string, unknown> {
  return {
    S3BucketName: t.s3BucketName,
    S3KeyPrefix: t.s3KeyPrefix,
    SnsTopicName: t.snsTopicName,
    IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
    IsMultiRegionTrail: t.isMultiRegionTrail,
    EnableLogFileValidation: t.enableLogFileValidation,
    // CloudTrail wants the group's ARN with the `:*` suffix; the model keeps the bare form
    CloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn === undefined ? undefined : `${t.cloudWatchLogsLogGroupArn}:*`,
    CloudWatchLogsRoleArn: t.cloudWatchLogsRoleArn,
    KmsKeyId: t.kmsKeyId,
    IsOrganizationTrail: t.isOrganizationTrail,
  };
}

/** Optional trail settings and the UpdateTrail member that clears them when sent empty. */
const CLEARABLE = [
  ['s3KeyPrefix', 'S3KeyPrefix'],
  ['snsTopicName', 'SnsTopicName'],
  ['kmsKeyId', 'KmsKeyId'],
  ['cloudWatchLogsLogGroupArn', 'CloudWatchLogsLogGroupArn'],
  ['cloudWatchLogsRoleArn', 'CloudWatchLogsRoleArn'],
] as const;

const SETTINGS = ['s3BucketName', 's3KeyPrefix', 'snsTopicName', 'includeGlobalServiceEvents', 'isMultiRegionTrail', 'enableLogFileValidation', 'cloudWatchLogsLogGroupArn', 'cloudWatchLogsRoleArn', 'kmsKeyId', 'isOrganizationTrail'] as const;

/** A CloudTrail tag: an empty value is sent as no value (CloudTrail's TagValue has a minimum length of 1). */
const trailTag = ([Key, Value]: [string, string]) => (Value === '' ? { Key } : { Key, Value });

/** Create, update or delete a trail: settings, selectors, insights, tags, then logging on or off. */
export function trailSteps(change: Change<Trail>, scope: Scope): Step[] {
  const Name = change.address.name;
  if (change.action === 'delete') return [cloudtrail('DeleteTrail', { Name })];
  const after = change.after!;
  const isNew = change.action === 'create';
  const changed = (key: keyof Trail & string) => isChanged(change, key);
  const steps: Step[] = [];
  if (isNew) {
    const tags = Object.entries(after.tags).map(trailTag);
    steps.push({ ...cloudtrail('CreateTrail', { Name, ...trailSettings(after), TagsList: tags.length ? tags : undefined }), creates: true });
  } else if (SETTINGS.some(changed)) {
    const settings = trailSettings(after);
    // UpdateTrail leaves an omitted member as it is: removing an optional setting sends it empty
    for (const [key, member] of CLEARABLE) if (change.before![key] !== undefined && after[key] === undefined) settings[member] = '';
    steps.push(cloudtrail('UpdateTrail', { Name, ...settings }));
  }
  if (changed('eventSelectors') || changed('advancedEventSelectors')) {
    if (after.advancedEventSelectors) steps.push(cloudtrail('PutEventSelectors', { TrailName: Name, AdvancedEventSelectors: after.advancedEventSelectors }));
    else if (after.eventSelectors || !isNew) steps.push(cloudtrail('PutEventSelectors', { TrailName: Name, EventSelectors: after.eventSelectors ?? DEFAULT_EVENT_SELECTORS }));
  }
  if (changed('insightSelectors') && (!isNew || after.insightSelectors.length)) {
    steps.push(cloudtrail('PutInsightSelectors', { TrailName: Name, InsightSelectors: after.insightSelectors.map((InsightType) => ({ InsightType })) }));
  }
  if (!isNew && changed('tags')) steps.push(...tagSteps(buildArn(scope, 'cloudtrail', `trail/${Name}`), change.before!.tags, after.tags));
  if ((isNew && after.logging) || (!isNew && changed('logging'))) steps.push(cloudtrail(after.logging ? 'StartLogging' : 'StopLogging', { Name }));
  return steps;
}

function tagSteps(ResourceId: string, before: Trail['tags'], after: Trail['tags']): Step[] {
  const { removed, set } = tagChanges(before, after);
  const steps: Step[] = [];
  if (removed.length) steps.push(cloudtrail('RemoveTags', { ResourceId, TagsList: removed.map((Key) => ({ Key })) }));
  if (Object.keys(set).length) steps.push(cloudtrail('AddTags', { ResourceId, TagsList: Object.entries(set).map(trailTag) }));
  return steps;
}
