import {
  canonicalEventSelectors,
  type EventSelectorInput,
  canonicalIamPolicy,
  canonicalJson,
  canonicalTags,
  parsePolicy,
  stripLogGroupArnStar,
} from '../model/normalize.js';
import type {
  AdvancedEventSelector,
  Destination,
  LogGroup,
  MetricFilter,
  ResourcePolicy,
  SubscriptionFilter,
  Trail,
} from '../model/resources.js';

/**
 * SDK output shapes → the model's canonical shapes. The inputs are the SDK's output objects, typed
 * loosely on purpose: members AWS omits are read as AWS's defaults here, in one place.
 */

/** Parses a policy AWS returned; an unparsable one is kept as its string so the diff shows it. */
function policy(text: string | undefined, canonical: (j: any) => any) {
  if (text === undefined || text === '') return undefined;
  try {
    return canonical(parsePolicy(text));
  } catch {
    return text;
  }
}

export function observedLogGroup(g: any, tags: Record<string, string> | undefined, dataProtection?: string): LogGroup {
  const group: LogGroup = {
    logGroupName: g.logGroupName,
    logGroupClass: g.logGroupClass ?? 'STANDARD',
    tags: canonicalTags(tags),
    metricFilters: {},
    subscriptionFilters: {},
  };
  // a DELIVERY group's retention is AWS's fixed one (reported as 2 days), not a setting
  if (g.retentionInDays !== undefined && group.logGroupClass !== 'DELIVERY') group.retentionInDays = g.retentionInDays;
  if (g.kmsKeyId) group.kmsKeyId = g.kmsKeyId;
  const dp = policy(dataProtection, canonicalJson);
  if (dp !== undefined) group.dataProtectionPolicy = dp;
  return group;
}

export function observedMetricFilter(f: any): MetricFilter {
  return {
    filterName: f.filterName,
    filterPattern: f.filterPattern ?? '',
    metricTransformations: (f.metricTransformations ?? []).map((t: any) => {
      const out: MetricFilter['metricTransformations'][number] = {
        metricName: t.metricName,
        metricNamespace: t.metricNamespace,
        metricValue: t.metricValue,
      };
      if (t.defaultValue !== undefined) out.defaultValue = t.defaultValue;
      if (t.dimensions && Object.keys(t.dimensions).length > 0) out.dimensions = canonicalTags(t.dimensions);
      if (t.unit !== undefined && t.unit !== 'None') out.unit = t.unit;
      return out;
    }),
  };
}

export function observedSubscriptionFilter(s: any): SubscriptionFilter {
  const out: SubscriptionFilter = {
    filterName: s.filterName,
    filterPattern: s.filterPattern ?? '',
    destinationArn: s.destinationArn,
    distribution: s.distribution ?? 'ByLogStream',
  };
  if (s.roleArn) out.roleArn = s.roleArn;
  return out;
}

export function observedDestination(d: any, tags: Record<string, string> | undefined): Destination {
  const out: Destination = {
    destinationName: d.destinationName,
    targetArn: d.targetArn,
    roleArn: d.roleArn,
    tags: canonicalTags(tags),
  };
  const access = policy(d.accessPolicy, canonicalIamPolicy);
  if (access !== undefined) out.accessPolicy = access;
  return out;
}

export function observedResourcePolicy(p: any): ResourcePolicy {
  return { policyName: p.policyName, policyDocument: policy(p.policyDocument, canonicalIamPolicy) ?? {} };
}

export function observedTrail(t: any, status: any, selectors: any, insights: any, tags: { Key: string; Value?: string }[]): Trail {
  const trail: Trail = {
    name: t.Name,
    s3BucketName: t.S3BucketName,
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? true,
    isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
    enableLogFileValidation: t.LogFileValidationEnabled ?? false,
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    logging: status?.IsLogging ?? false,
    insightSelectors: ((insights?.InsightSelectors ?? []) as any[]).map((i) => i.InsightType as string).sort(),
    tags: canonicalTags(Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value ?? '']))),
  };
  if (t.S3KeyPrefix) trail.s3KeyPrefix = t.S3KeyPrefix;
  // the ARN is the canonical form (SnsTopicName is the bare name, deprecated by CloudTrail)
  if (t.SnsTopicARN || t.SnsTopicName) trail.snsTopicName = t.SnsTopicARN ?? t.SnsTopicName;
  if (t.CloudWatchLogsLogGroupArn) trail.cloudWatchLogsLogGroupArn = stripLogGroupArnStar(t.CloudWatchLogsLogGroupArn);
  if (t.CloudWatchLogsRoleArn) trail.cloudWatchLogsRoleArn = t.CloudWatchLogsRoleArn;
  if (t.KmsKeyId) trail.kmsKeyId = t.KmsKeyId;
  if (selectors?.AdvancedEventSelectors?.length) {
    trail.advancedEventSelectors = (selectors.AdvancedEventSelectors as any[]).map(advancedSelector);
  } else if (selectors?.EventSelectors) {
    const basic = canonicalEventSelectors(selectors.EventSelectors as EventSelectorInput[]);
    if (basic) trail.eventSelectors = basic;
  }
  return trail;
}

const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;

function advancedSelector(s: any): AdvancedEventSelector {
  const out: AdvancedEventSelector = {
    FieldSelectors: ((s.FieldSelectors ?? []) as any[]).map((f) => {
      const field: AdvancedEventSelector['FieldSelectors'][number] = { Field: f.Field };
      for (const op of OPERATORS) if (f[op]?.length) field[op] = f[op];
      return field;
    }),
  };
  if (s.Name) out.Name = s.Name;
  return out;
}
