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
  /** Events ingested into this store (selectors matched, or imported). */
  events: CloudTrailEvent[];
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

/** A Lake query: its statement, state and (once finished) result rows. */
export interface QueryRecord {
  queryId: string;
  queryString: string;
  eventDataStoreArn: string;
  status: 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';
  creationTime: number;
  /** When the engine lets it run and when it finishes (queries take engine time, as AWS's do). */
  startAfter: number;
  finishAfter: number;
  errorMessage?: string;
  /** Result rows: each a list of single-key objects, as GetQueryResults returns them. */
  rows: Record<string, string>[][];
  eventsMatched: number;
  eventsScanned: number;
  bytesScanned: number;
  executionTimeInMillis: number;
}

/** An import from an S3 source into event data stores. */
export interface ImportRecord {
  importId: string;
  destinations: string[];
  importSource: { S3: { S3LocationUri: string; S3BucketRegion: string; S3BucketAccessRoleArn: string } };
  startEventTime?: number;
  endEventTime?: number;
  importStatus: 'INITIALIZING' | 'IN_PROGRESS' | 'FAILED' | 'STOPPED' | 'COMPLETED';
  createdTimestamp: number;
  updatedTimestamp: number;
  statistics: { PrefixesFound: number; PrefixesCompleted: number; FilesCompleted: number; EventsCompleted: number; FailedEntries: number };
  failures: { Location: string; Status: 'FAILED' | 'RETRY' | 'SUCCEEDED'; ErrorType: string; ErrorMessage: string; LastUpdatedTime: number }[];
}

export function emptyLakeState(): LakeState {
  return { eventDataStores: {}, events: [], queries: {}, imports: {} };
}
