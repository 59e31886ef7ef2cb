import { buildArn } from '../aws/arn.js';
import { canonicalTags, stripLogGroupArnStar } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { bool, str, tagsField } from '../model/schema.js';
import { cloudtrail, declared, externalArns, logsResourceIn, ownTags, referenceByName } from './shared.js';
import {
  advancedEventSelectorsField,
  advancedSelectorDeclarations,
  canonicalEventSelectors,
  declaredAdvancedSelectors,
  declaredEventSelectors,
  eventSelectorDeclarations,
  eventSelectorsField,
  observedAdvancedSelectors,
  type AdvancedEventSelector,
  type EventSelector,
} from './trail-selectors.js';
import { trailSteps } from './trail-steps.js';
import type { DeclareContext, KindSpec, Scope } from './types.js';

/** A CloudTrail trail with its selectors, logging state and tags. */
export interface Trail {
  name: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  /** The topic's ARN (a bare name resolves in the trail's account and region, as CloudTrail does). */
  snsTopicName?: string;
  includeGlobalServiceEvents: boolean;
  isMultiRegionTrail: boolean;
  enableLogFileValidation: boolean;
  /** Without the `:*` suffix (canonical form). */
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  kmsKeyId?: string;
  isOrganizationTrail: boolean;
  logging: boolean;
  /** Absent: AWS's default (all management events) — "no custom selectors". */
  eventSelectors?: EventSelector[];
  advancedEventSelectors?: AdvancedEventSelector[];
  /** Insight types, sorted; empty = none. */
  insightSelectors: string[];
  tags: Tags;
}

type TrailDeclaration = Partial<Omit<Trail, 'eventSelectors' | 'advancedEventSelectors' | 'tags'>> & {
  s3BucketName: string;
  cloudWatchLogsLogGroup?: string;
  eventSelectors?: Parameters<typeof declaredEventSelectors>[0];
  advancedEventSelectors?: Parameters<typeof declaredAdvancedSelectors>[0];
  tags?: Tags;
};

const OPTIONAL = ['s3KeyPrefix', 'cloudWatchLogsRoleArn', 'kmsKeyId'] as const;

/** Trails: `trails.<name>`. */
export const trailKind: KindSpec<Trail> = {
  section: 'trails',
  noun: 'trail',
  doc: 'CloudTrail trails by name.',
  fields: {
    kind: 'object',
    doc: 'A CloudTrail trail; the key is its name.',
    fields: {
      s3BucketName: str('Bucket that receives the log files.', { required: true }),
      s3KeyPrefix: str('Key prefix in the bucket.'),
      snsTopicName: str('SNS topic notified of deliveries.'),
      includeGlobalServiceEvents: bool('Include IAM and other global services (default true).'),
      isMultiRegionTrail: bool('Log every region (default false).'),
      enableLogFileValidation: bool('Write digest files (default false).'),
      cloudWatchLogsLogGroup: str('Name of a log group declared under `logGroups` to deliver to.'),
      cloudWatchLogsLogGroupArn: str('ARN of a log group to deliver to (with or without `:*`).'),
      cloudWatchLogsRoleArn: str('IAM role CloudTrail assumes to write to CloudWatch Logs.'),
      kmsKeyId: str('KMS key that encrypts the log files.'),
      isOrganizationTrail: bool('Log every account of the organization (default false).'),
      logging: bool('Whether the trail is logging (default true).'),
      eventSelectors: eventSelectorsField,
      advancedEventSelectors: advancedEventSelectorsField,
      insightSelectors: { kind: 'list', doc: 'Insight types.', items: str('', { enum: ['ApiCallRateInsight', 'ApiErrorRateInsight'] }) },
      tags: tagsField,
    },
    oneOf: [['eventSelectors', 'advancedEventSelectors'], ['cloudWatchLogsLogGroup', 'cloudWatchLogsLogGroupArn']],
  },
  phase: 5,
  limit: { max: 5, per: 'region' },
  refersTo: ['logGroup'],

  resolve(decl, ctx) {
    const spec = decl.spec as TrailDeclaration;
    const t: Trail = {
      name: decl.name,
      s3BucketName: spec.s3BucketName,
      includeGlobalServiceEvents: spec.includeGlobalServiceEvents ?? true,
      isMultiRegionTrail: spec.isMultiRegionTrail ?? false,
      enableLogFileValidation: spec.enableLogFileValidation ?? false,
      isOrganizationTrail: spec.isOrganizationTrail ?? false,
      logging: spec.logging ?? true,
      insightSelectors: [...new Set(spec.insightSelectors ?? [])].sort(),
      tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }),
    };
    for (const key of OPTIONAL) if (spec[key] !== undefined) t[key] = spec[key];
    let groupArn = spec.cloudWatchLogsLogGroupArn;
    if (spec.cloudWatchLogsLogGroup !== undefined) {
      if (!ctx.isDeclared('logGroup', spec.cloudWatchLogsLogGroup)) {
        ctx.fail(`trail '${decl.name}' delivers to log group '${spec.cloudWatchLogsLogGroup}', which is not declared under logGroups (use cloudWatchLogsLogGroupArn for an unmanaged group)`, 'cloudWatchLogsLogGroup');
      }
      groupArn = buildArn(ctx, 'logs', `log-group:${spec.cloudWatchLogsLogGroup}`);
    }
    if (groupArn !== undefined) t.cloudWatchLogsLogGroupArn = stripLogGroupArnStar(groupArn);
    if (spec.snsTopicName !== undefined) t.snsTopicName = snsTopicArn(ctx, spec.snsTopicName);
    if (spec.eventSelectors !== undefined) {
      const selectors = declaredEventSelectors(spec.eventSelectors);
      if (selectors) t.eventSelectors = selectors;
    }
    if (spec.advancedEventSelectors !== undefined) t.advancedEventSelectors = declaredAdvancedSelectors(spec.advancedEventSelectors);
    return t;
  },

  declare: declaredTrail,

  read: {
    list: { from: 'account', requests: [cloudtrail('DescribeTrails', { includeShadowTrails: false })], items: 'trailList' },
    name: (t) => t.Name,
    details: {
      status: { each: (t) => cloudtrail('GetTrailStatus', { Name: t.TrailARN }) },
      selectors: { each: (t) => (t.HasCustomEventSelectors ? cloudtrail('GetEventSelectors', { TrailName: t.TrailARN }) : undefined) },
      insights: { each: (t) => (t.HasInsightSelectors ? cloudtrail('GetInsightSelectors', { TrailName: t.TrailARN }) : undefined) },
      tags: {
        batch: 20,
        request: (trails) => cloudtrail('ListTags', { ResourceIdList: trails.map((t) => t.TrailARN) }),
        pick: (out, t) => (out.ResourceTagList ?? []).find((e: any) => e.ResourceId === t.TrailARN)?.TagsList ?? [],
      },
    },
    observe: observedTrail,
  },

  references(t, scope) {
    const group = logsResourceIn(scope, t.cloudWatchLogsLogGroupArn, 'logGroup', 'log-group');
    return group ? [group] : [];
  },
  externals: (t) => ({
    s3Buckets: [t.s3BucketName],
    kmsKeys: t.kmsKeyId?.startsWith('arn:') ? [{ arn: t.kmsKeyId, enabled: true }] : [],
    ...externalArns([t.cloudWatchLogsRoleArn, t.snsTopicName]),
  }),
  steps: trailSteps,
};

/** A topic given by name is a topic of the trail's own account and region (as CloudTrail resolves it). */
function snsTopicArn(scope: Scope, nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : buildArn(scope, 'sns', nameOrArn);
}

/** A trail in the manifest's spelling: AWS's defaults left unsaid, a declared log group by name. */
function declaredTrail(t: Trail, ctx: DeclareContext): Record<string, unknown> {
  const group = t.cloudWatchLogsLogGroupArn === undefined ? undefined : referenceByName(ctx, t.cloudWatchLogsLogGroupArn, 'logGroup', 'log-group');
  return declared({
    s3BucketName: t.s3BucketName,
    s3KeyPrefix: t.s3KeyPrefix,
    snsTopicName: t.snsTopicName,
    includeGlobalServiceEvents: t.includeGlobalServiceEvents ? undefined : false,
    isMultiRegionTrail: t.isMultiRegionTrail || undefined,
    enableLogFileValidation: t.enableLogFileValidation || undefined,
    // a group of another account is named by ARN (CloudTrail delivers to its own account's groups)
    cloudWatchLogsLogGroup: group && !group.account ? group.name : undefined,
    cloudWatchLogsLogGroupArn: group && !group.account ? undefined : t.cloudWatchLogsLogGroupArn,
    cloudWatchLogsRoleArn: t.cloudWatchLogsRoleArn,
    kmsKeyId: t.kmsKeyId,
    isOrganizationTrail: t.isOrganizationTrail || undefined,
    logging: t.logging ? undefined : false,
    eventSelectors: t.eventSelectors && eventSelectorDeclarations(t.eventSelectors),
    advancedEventSelectors: t.advancedEventSelectors && advancedSelectorDeclarations(t.advancedEventSelectors),
    insightSelectors: t.insightSelectors.length ? t.insightSelectors : undefined,
    tags: ownTags(t.tags, ctx.defaultTags),
  });
}

function observedTrail(t: any, details: Record<string, any>): Trail {
  const tags = (details.tags ?? []) as { Key: string; Value?: string }[];
  const trail: Trail = {
    name: t.Name,
    s3BucketName: t.S3BucketName,
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? true,
    isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
    enableLogFileValidation: t.LogFileValidationEnabled ?? false,
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    logging: details.status?.IsLogging ?? false,
    insightSelectors: ((details.insights?.InsightSelectors ?? []) as any[]).map((i) => i.InsightType as string).sort(),
    tags: canonicalTags(Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value ?? '']))),
  };
  if (t.S3KeyPrefix) trail.s3KeyPrefix = t.S3KeyPrefix;
  // the ARN is the canonical form (SnsTopicName is the bare name, deprecated by CloudTrail)
  if (t.SnsTopicARN || t.SnsTopicName) trail.snsTopicName = t.SnsTopicARN ?? t.SnsTopicName;
  if (t.CloudWatchLogsLogGroupArn) trail.cloudWatchLogsLogGroupArn = stripLogGroupArnStar(t.CloudWatchLogsLogGroupArn);
  if (t.CloudWatchLogsRoleArn) trail.cloudWatchLogsRoleArn = t.CloudWatchLogsRoleArn;
  if (t.KmsKeyId) trail.kmsKeyId = t.KmsKeyId;
  const selectors = details.selectors;
  if (selectors?.AdvancedEventSelectors?.length) trail.advancedEventSelectors = observedAdvancedSelectors(selectors.AdvancedEventSelectors);
  else if (selectors?.EventSelectors) {
    const basic = canonicalEventSelectors(selectors.EventSelectors);
    if (basic) trail.eventSelectors = basic;
  }
  return trail;
}
