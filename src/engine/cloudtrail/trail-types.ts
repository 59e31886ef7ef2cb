import type { AdvancedEventSelectorRecord } from './lake-types.js';

/** A basic event selector as AWS returns it (defaults filled in). */
export interface EventSelectorRecord {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: { Type: string; Values: string[] }[];
  ExcludeManagementEventSources: string[];
}

/** An Insights selector as AWS returns it. */
export interface InsightSelectorRecord {
  InsightType: 'ApiCallRateInsight' | 'ApiErrorRateInsight';
  EventCategories?: ('Management' | 'Data')[];
}

/** Logging state of a trail; times are engine epoch milliseconds. */
export interface TrailLoggingRecord {
  isLogging: boolean;
  /** Most recent StartLogging. */
  startLoggingTime?: number;
  /** Most recent StopLogging. */
  stopLoggingTime?: number;
  /** Last log file delivery of an earlier logging session (deliveries of the current one are computed). */
  latestDeliveryTime?: number;
}

/** A trail as the engine keeps it (home region only; other regions see multi-region ones as shadows). */
export interface TrailRecord {
  name: string;
  arn: string;
  homeRegion: string;
  /** Tag key → value; `''` stands for a tag created without a value (AWS reports no Value). */
  tags: Record<string, string>;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicArn?: string;
  includeGlobalServiceEvents: boolean;
  isMultiRegionTrail: boolean;
  logFileValidationEnabled: boolean;
  /** As given (with the trailing `:*`). */
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  /** Full key ARN, as AWS reports it. */
  kmsKeyId?: string;
  isOrganizationTrail: boolean;
  /** Set by PutEventSelectors: basic selectors, or advanced ones, never both; neither = AWS's default. */
  eventSelectors?: EventSelectorRecord[];
  advancedEventSelectors?: AdvancedEventSelectorRecord[];
  /** Empty when Insights are not enabled. */
  insightSelectors: InsightSelectorRecord[];
  logging: TrailLoggingRecord;
  createdTime: number;
  /** PutEventConfiguration's event aggregation settings; absent when never set. */
  aggregationConfigurations?: { Templates: ('API_ACTIVITY' | 'RESOURCE_ACCESS' | 'USER_ACTIONS')[]; EventCategory: 'Data' }[];
}
