/**
 * The resource model shared by manifests (desired) and the target (observed). Both sides use the
 * same canonical shapes — produced by `normalize.ts` — so that comparison is plain equality.
 * Member names follow AWS's (camelCased); policy documents are parsed JSON values.
 */

/** A JSON value (policy documents are kept parsed, never as strings). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Tags = Record<string, string>;

/** A metric transformation of a metric filter. */
export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

/** A metric filter of a log group; identity `group/filterName`. */
export interface MetricFilter {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformation[];
}

/** A subscription filter of a log group; identity `group/filterName`. */
export interface SubscriptionFilter {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: 'Random' | 'ByLogStream';
}

/** A log group with everything nested in it that logwarden reconciles. */
export interface LogGroup {
  logGroupName: string;
  /** Absent: never expire. */
  retentionInDays?: number;
  kmsKeyId?: string;
  /** Create-only: a change is a replacement. */
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  tags: Tags;
  dataProtectionPolicy?: Json;
  metricFilters: Record<string, MetricFilter>;
  subscriptionFilters: Record<string, SubscriptionFilter>;
}

/** A CloudWatch Logs destination (cross-account subscription target). */
export interface Destination {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  accessPolicy?: Json;
  tags: Tags;
}

/** An account-level CloudWatch Logs resource policy. */
export interface ResourcePolicy {
  policyName: string;
  policyDocument: Json;
}

/** A basic event selector of a trail (AWS's PascalCase members, as the API takes them). */
export interface EventSelector {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: { Type: string; Values: string[] }[];
  ExcludeManagementEventSources: string[];
}

/** An advanced event selector of a trail. */
export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: {
    Field: string;
    Equals?: string[];
    StartsWith?: string[];
    EndsWith?: string[];
    NotEquals?: string[];
    NotStartsWith?: string[];
    NotEndsWith?: string[];
  }[];
}

/** A CloudTrail trail with its selectors, logging state and tags. */
export interface Trail {
  name: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
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

/** Every managed kind, by AWS name. The same shape for desired, observed and saved state. */
export interface ResourceSet {
  logGroups: Record<string, LogGroup>;
  destinations: Record<string, Destination>;
  resourcePolicies: Record<string, ResourcePolicy>;
  trails: Record<string, Trail>;
}

/** Things logwarden references but does not manage (DESIGN.md `externals`). */
export interface Externals {
  s3Buckets: string[];
  kmsKeys: { arn: string; enabled: boolean }[];
  iamRoles: string[];
  kinesisStreams: string[];
  firehoseStreams: string[];
  lambdaFunctions: string[];
  snsTopics: string[];
}

/** The names of everything present in a target, per top-level kind (refresh lists them all). */
export interface Present {
  logGroups: string[];
  destinations: string[];
  resourcePolicies: string[];
  trails: string[];
}

export const emptyResourceSet = (): ResourceSet => ({ logGroups: {}, destinations: {}, resourcePolicies: {}, trails: {} });
