import type { ResultField } from './insights/run.js';

/** The query languages of Logs Insights (the engine runs CWLI; SQL and PPL are stored only). */
export type QueryLanguage = 'CWLI' | 'SQL' | 'PPL';

export interface QueryParameterRecord {
  name: string;
  defaultValue?: string;
  description?: string;
}

/** A saved query (PutQueryDefinition). */
export interface QueryDefinitionRecord {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  queryLanguage: QueryLanguage;
  logGroupNames?: string[];
  parameters?: QueryParameterRecord[];
  lastModified: number;
  /** The clientToken of the call that created it: a retried create returns the same definition. */
  clientToken?: string;
}

export type InsightsQueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

/**
 * A Logs Insights query. Its result is computed at StartQuery over the events as they were then;
 * its status follows engine time (Scheduled, Running, then Complete) unless StopQuery cancelled it.
 */
export interface InsightsQueryRecord {
  queryId: string;
  queryString: string;
  queryLanguage: QueryLanguage;
  /** The names of the groups queried, in the order given. */
  logGroupNames: string[];
  startTime: number;
  endTime: number;
  createTime: number;
  cancelledAt?: number;
  rows: ResultField[][];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
  /** The caller's account-level identity, as DescribeQueries reports it. */
  userIdentity?: string;
}

/** Where a scheduled query delivers its results. */
export interface S3DestinationRecord {
  destinationIdentifier: string;
  roleArn: string;
  ownerAccountId?: string;
  kmsKeyId?: string;
}

/** One run of a scheduled query that happened under a configuration since replaced. */
export interface ScheduledRunRecord {
  queryId: string;
  triggeredTimestamp: number;
  executionStatus: 'Running' | 'InvalidQuery' | 'Complete' | 'Failed' | 'Timeout';
  errorMessage?: string;
  destinations: { destinationType: 'S3'; destinationIdentifier: string; status: string; processedIdentifier?: string; errorMessage?: string }[];
}

/** A scheduled query; its runs are computed from the schedule and engine time when read. */
export interface ScheduledQueryRecord {
  scheduledQueryArn: string;
  name: string;
  description?: string;
  queryLanguage: QueryLanguage;
  queryString: string;
  logGroupIdentifiers?: string[];
  scheduleExpression: string;
  timezone?: string;
  startTimeOffset?: number;
  endTimeOffset?: number;
  s3Destination?: S3DestinationRecord;
  scheduleStartTime?: number;
  scheduleEndTime?: number;
  executionRoleArn: string;
  state: 'ENABLED' | 'DISABLED';
  tags: Record<string, string>;
  creationTime: number;
  lastUpdatedTime: number;
  /** Runs under earlier configurations (kept when UpdateScheduledQuery replaces the schedule). */
  pastRuns: ScheduledRunRecord[];
}
