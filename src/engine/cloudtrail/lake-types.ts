import type { ChannelRecord } from './channel-types.js';
import type { CloudTrailEvent } from './event-types.js';
import type { SigningKeyRecord } from './key-types.js';

/** CloudTrail Lake and the engine's own event history in one account and region. */
export interface LakeState {
  /** By ARN. */
  eventDataStores: Record<string, EventDataStoreRecord>;
  /** Management events of this account and region, oldest first (LookupEvents serves 90 days). */
  events: CloudTrailEvent[];
  /** Lake queries by query id. */
  queries: Record<string, QueryRecord>;
  /** Imports by import id. */
  imports: Record<string, ImportRecord>;
  /** Digest signing keys, oldest first (created lazily; absent in worlds saved before them). */
  signingKeys?: SigningKeyRecord[];
  /** Service-linked channels by ARN (absent when there are none). */
  channels?: Record<string, ChannelRecord>;
}

export type EventDataStoreStatus =
  | 'CREATED'
  | 'ENABLED'
  | 'PENDING_DELETION'
  | 'STARTING_INGESTION'
  | 'STOPPING_INGESTION'
  | 'STOPPED_INGESTION';

/** An event data store. Advanced selectors are kept as AWS returns them (PascalCase members). */
export interface EventDataStoreRecord {
  arn: string;
  name: string;
  status: EventDataStoreStatus;
  advancedEventSelectors: AdvancedEventSelectorRecord[];
  multiRegionEnabled: boolean;
  organizationEnabled: boolean;
  retentionPeriod: number;
  terminationProtectionEnabled: boolean;
  billingMode: 'EXTENDABLE_RETENTION_PRICING' | 'FIXED_RETENTION_PRICING';
  kmsKeyId?: string;
  createdTimestamp: number;
  updatedTimestamp: number;
  /** Engine time when a PENDING_DELETION store is gone for good (7 days after delete). */
  deleteAfter?: number;
  /** The status a PENDING_DELETION store had before, which RestoreEventDataStore brings back. */
  statusBeforeDelete?: EventDataStoreStatus;
  tags: Record<string, string>;
  /** Insights types enabled on this store as a source (PutInsightSelectors), and the store they go to. */
  insightSelectors?: { InsightType: 'ApiCallRateInsight' | 'ApiErrorRateInsight'; EventCategories?: ('Management' | 'Data')[] }[];
  insightsDestination?: string;
  /** The resource-based policy document (PutResourcePolicy), as given. */
  resourcePolicy?: string;
  /** Lake query federation (EnableFederation/DisableFederation); absent when never federated. */
  federation?: FederationRecord;
  /** PutEventConfiguration's settings; absent = Standard event size, no context key selectors. */
  eventConfiguration?: {
    maxEventSize: 'Standard' | 'Large';
    contextKeySelectors: { Type: 'TagContext' | 'RequestContext'; Equals: string[] }[];
  };
  /** Events ingested into this store (selectors matched, or imported). */
  events: CloudTrailEvent[];
}

/**
 * A store's federation. A change is under way (ENABLING, DISABLING) until `settlesAt` in engine
 * time, when the status becomes ENABLED or DISABLED.
 */
export interface FederationRecord {
  status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';
  roleArn?: string;
  settlesAt: number;
}

/** An advanced event selector as AWS returns it (shared by trails and event data stores). */
export interface AdvancedEventSelectorRecord {
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

/** A query's status as the API reports it. */
export type QueryStatus = 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

/**
 * A Lake query. Its result is computed at StartQuery over a snapshot of the store's events; the
 * status then follows engine time: QUEUED until `startAfter`, RUNNING until `finishAfter`, then
 * FINISHED, unless CancelQuery (or a failure) fixed `status` to a terminal value first.
 */
export interface QueryRecord {
  queryId: string;
  queryString: string;
  eventDataStoreArn: string;
  /** QUEUED while the timeline decides; CANCELLED or FAILED once fixed. */
  status: QueryStatus;
  creationTime: number;
  startAfter: number;
  finishAfter: number;
  /** When CancelQuery stopped it. */
  cancelledAt?: number;
  deliveryS3Uri?: string;
  errorMessage?: string;
  /** The GenerateQuery prompt the statement came from (DescribeQuery shows it). */
  prompt?: string;
  /** Result rows: each a list of single-key objects, as GetQueryResults returns them. */
  rows: Record<string, string>[][];
  eventsMatched: number;
  eventsScanned: number;
  bytesScanned: number;
}

/** An import's status as the API reports it. */
export type ImportStatus = 'INITIALIZING' | 'IN_PROGRESS' | 'FAILED' | 'STOPPED' | 'COMPLETED';

/** ImportStatistics as GetImport returns them. */
export interface ImportStatistics {
  PrefixesFound: number;
  PrefixesCompleted: number;
  FilesCompleted: number;
  EventsCompleted: number;
  FailedEntries: number;
}

/**
 * An import from an S3 source into an event data store. While a run is under way (INITIALIZING or
 * IN_PROGRESS with `runStartedAt` set) its timeline decides the status; the events are copied, and
 * the status fixed to COMPLETED, when the engine first notices the run done.
 */
export interface ImportRecord {
  importId: string;
  destinations: string[];
  importSource: { S3: { S3LocationUri: string; S3BucketRegion: string; S3BucketAccessRoleArn: string } };
  startEventTime?: number;
  endEventTime?: number;
  importStatus: ImportStatus;
  createdTimestamp: number;
  updatedTimestamp: number;
  /**
   * When the current run began (StartImport, or a retry of a stopped or failed import); records
   * without it keep whatever status they were given.
   */
  runStartedAt?: number;
  statistics: ImportStatistics;
  failures: { Location: string; Status: 'FAILED' | 'RETRY' | 'SUCCEEDED'; ErrorType: string; ErrorMessage: string; LastUpdatedTime: number }[];
}

export function emptyLakeState(): LakeState {
  return { eventDataStores: {}, events: [], queries: {}, imports: {} };
}
