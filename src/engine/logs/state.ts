import type { InsightsQueryRecord, QueryDefinitionRecord, ScheduledQueryRecord } from './insights-types.js';
import type { AnomalyDetectorRecord } from './anomaly-records.js';
import type { DeliveryDestinationRecord, DeliveryRecord, DeliverySourceRecord } from './delivery-records.js';
import type { Processor } from './transform/config.js';

/**
 * CloudWatch Logs state of one account in one region. Plain JSON (records and arrays) so the world
 * persists as one document; keyed by the AWS name of each resource.
 */
export interface LogsState {
  logGroups: Record<string, LogGroupRecord>;
  destinations: Record<string, DestinationRecord>;
  /** Account-level resource policies (PutResourcePolicy without resourceArn), by policy name. */
  resourcePolicies: Record<string, ResourcePolicyRecord>;
  exportTasks: Record<string, ExportTaskRecord>;
  /** The KMS key ARN that encrypts stored query results (AssociateKmsKey on `query-result:*`). */
  queryResultKmsKeyId?: string;
  /** Saved Logs Insights queries by id (absent in worlds saved before them). */
  queryDefinitions?: Record<string, QueryDefinitionRecord>;
  /** Logs Insights queries by query id, kept 7 days (absent in worlds saved before them). */
  insightsQueries?: Record<string, InsightsQueryRecord>;
  /** Scheduled queries by name (absent in worlds saved before them). */
  scheduledQueries?: Record<string, ScheduledQueryRecord>;
  /** Account policies (PutAccountPolicy) by type, then name; absent in worlds saved before them. */
  accountPolicies?: Partial<Record<AccountPolicyType, Record<string, AccountPolicyRecord>>>;
  /** What ingested events produced: metric datapoints and subscription deliveries (bounded). */
  feed?: FeedRecords;
  /** Vended-log delivery (absent in worlds persisted before it existed), by name / by delivery id. */
  deliverySources?: Record<string, DeliverySourceRecord>;
  deliveryDestinations?: Record<string, DeliveryDestinationRecord>;
  deliveries?: Record<string, DeliveryRecord>;
  /** Log anomaly detectors by ARN (absent in worlds persisted before they existed). */
  anomalyDetectors?: Record<string, AnomalyDetectorRecord>;
  /** Lookup tables by name (absent in worlds saved before them, as are the fields below). */
  lookupTables?: Record<string, LookupTableRecord>;
  /** CloudTrail Lake imports (CreateImportTask) by import id. */
  importTasks?: Record<string, ImportTaskRecord>;
  /** OpenSearch integrations (PutIntegration) by name. */
  integrations?: Record<string, IntegrationRecord>;
  /** Data sources associated with S3 Table integrations, by association identifier. */
  s3TableSources?: Record<string, S3TableSourceRecord>;
  /** Syslog configurations by VPC endpoint id (an endpoint feeds one log group). */
  syslogConfigurations?: Record<string, SyslogConfigurationRecord>;
  /** The account's storage tier (PutStorageTierPolicy); absent = never set. */
  storageTierPolicy?: { storageTier: 'STANDARD' | 'INTELLIGENT_TIERING'; lastUpdatedTime: number };
}

export type LogGroupClass = 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  retentionInDays?: number;
  kmsKeyId?: string;
  /** Blocks DeleteLogGroup while true. */
  deletionProtectionEnabled?: boolean;
  /** PutBearerTokenAuthentication: absent until set. */
  bearerTokenAuthenticationEnabled?: boolean;
  /** The data sources of the logs the group carries, where CloudWatch Logs recognizes them (imports). */
  dataSources?: DataSourceRecord[];
  tags: Record<string, string>;
  dataProtectionPolicy?: { policyDocument: string; lastUpdatedTime: number };
  /** The log-group transformer (PutTransformer); absent in state written before transformers. */
  transformer?: TransformerRecord;
  metricFilters: Record<string, MetricFilterRecord>;
  subscriptionFilters: Record<string, SubscriptionFilterRecord>;
  streams: Record<string, LogStreamRecord>;
  /** The log-group level field index policy (PutIndexPolicy). */
  indexPolicy?: { policyDocument: string; lastUpdateTime: number };
  /** Indexed fields seen in events ingested since their policy, by field name (DescribeFieldIndexes). */
  fieldIndexes?: Record<string, FieldIndexRecord>;
}

export interface FieldIndexRecord {
  firstEventTime: number;
  lastEventTime: number;
  /** Ingestion time of the last batch that held the field. */
  lastScanTime: number;
}

export type AccountPolicyType =
  | 'DATA_PROTECTION_POLICY'
  | 'SUBSCRIPTION_FILTER_POLICY'
  | 'FIELD_INDEX_POLICY'
  | 'TRANSFORMER_POLICY'
  | 'METRIC_EXTRACTION_POLICY';

export interface AccountPolicyRecord {
  policyName: string;
  policyDocument: string;
  policyType: AccountPolicyType;
  lastUpdatedTime: number;
  scope: 'ALL';
  selectionCriteria?: string;
}

/** One value a metric filter published (what CloudWatch would receive through PutMetricData). */
export interface MetricDatapointRecord {
  namespace: string;
  metricName: string;
  value: number;
  unit: string;
  dimensions: Record<string, string>;
  /** The log event's timestamp (the minute's start for a defaultValue). */
  timestamp: number;
  logGroupName: string;
  filterName: string;
}

/** One batch sent to a subscription destination: the CloudWatch Logs subscription payload, decoded. */
export interface SubscriptionDeliveryRecord {
  destinationArn: string;
  deliveredAt: number;
  payload: {
    messageType: 'DATA_MESSAGE';
    owner: string;
    logGroup: string;
    logStream: string;
    subscriptionFilters: string[];
    logEvents: { id: string; timestamp: number; message: string; [systemField: string]: string | number }[];
  };
}

export interface FeedRecords {
  metrics: MetricDatapointRecord[];
  deliveries: SubscriptionDeliveryRecord[];
}

export interface TransformerRecord {
  /** The stored configuration: the model's members only, as GetTransformer returns it. */
  transformerConfig: Processor[];
  creationTime: number;
  lastModifiedTime: number;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  storedBytes: number;
  /** Events in timestamp order (ties in ingestion order). */
  events: StoredLogEvent[];
  /** The `seq` the next stored event gets (absent = one past the highest stored). */
  nextSeq?: number;
}

export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Unique within the stream; FilterLogEvents reports it as eventId. */
  seq: number;
}

export interface MetricTransformationRecord {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRecord {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationRecord[];
  creationTime: number;
  applyOnTransformedLogs?: boolean;
  /** Selection criteria over system fields (`@aws.account`, `@aws.region`) of centralized logs. */
  fieldSelectionCriteria?: string;
  emitSystemFieldDimensions?: string[];
}

export interface SubscriptionFilterRecord {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: 'Random' | 'ByLogStream';
  creationTime: number;
  applyOnTransformedLogs?: boolean;
  fieldSelectionCriteria?: string;
  emitSystemFields?: string[];
}

export interface DestinationRecord {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  accessPolicy?: string;
  arn: string;
  creationTime: number;
  tags: Record<string, string>;
}

export interface ResourcePolicyRecord {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
  revisionId: string;
}

export interface ExportTaskRecord {
  taskId: string;
  taskName?: string;
  logGroupName: string;
  logStreamNamePrefix?: string;
  from: number;
  to: number;
  destination: string;
  destinationPrefix: string;
  /** PENDING → RUNNING → COMPLETED as engine time passes; CANCELLED; FAILED. */
  statusCode: 'CANCELLED' | 'COMPLETED' | 'FAILED' | 'PENDING' | 'PENDING_CANCEL' | 'RUNNING';
  statusMessage?: string;
  creationTime: number;
  completionTime?: number;
}

/** A data source: originating service and log type (and the format its events are in). */
export interface DataSourceRecord {
  name: string;
  type: string;
  format?: string;
}

export interface LookupTableRecord {
  lookupTableName: string;
  arn: string;
  description?: string;
  tableBody: string;
  /** The header row's column names. */
  tableFields: string[];
  recordsCount: number;
  sizeBytes: number;
  kmsKeyId?: string;
  createdAt: number;
  lastUpdatedTime: number;
  tags: Record<string, string>;
}

export type ImportStatus = 'IN_PROGRESS' | 'CANCELLED' | 'COMPLETED' | 'FAILED';

/** One batch of an import: the source events of one UTC day, copied when the batch completes. */
export interface ImportBatchRecord {
  batchId: string;
  /** Engine time at which the batch is imported (batches complete one after another). */
  completesAt: number;
  /** Bytes the batch brings (the UTF-8 size of its messages). */
  bytes: number;
  /** Events still to copy; emptied once they are in the destination group. */
  pending: { timestamp: number; message: string; logStreamName: string }[];
  /** The data source types of its events (CloudTrail's event categories: `management`, `data`). */
  dataTypes?: string[];
  /** Fixed when the batch ended otherwise than on time: CANCELLED, or FAILED with a message. */
  status?: 'CANCELLED' | 'FAILED';
  errorMessage?: string;
}

/**
 * An import from a CloudTrail Lake event data store. While IN_PROGRESS its batches complete one by
 * one on engine time; CancelImportTask, or a destination group gone, fixes `importStatus`.
 */
export interface ImportTaskRecord {
  importId: string;
  importSourceArn: string;
  importRoleArn: string;
  importDestinationArn: string;
  logGroupName: string;
  importFilter?: { startEventTime?: number; endEventTime?: number };
  creationTime: number;
  /** IN_PROGRESS until the last batch is due; CANCELLED or FAILED once fixed. */
  importStatus: ImportStatus;
  /** When a fixed status was set. */
  endedAt?: number;
  errorMessage?: string;
  batches: ImportBatchRecord[];
}

/** The OpenSearch Service resources an integration creates (names only; their status follows it). */
export interface IntegrationRecord {
  integrationName: string;
  integrationType: 'OPENSEARCH';
  creationTime: number;
  resourceConfig: {
    kmsKeyArn?: string;
    dataSourceRoleArn: string;
    dashboardViewerPrincipals: string[];
    applicationArn?: string;
    retentionDays: number;
  };
  /** The id of the OpenSearch application, workspace and collection, derived once at creation. */
  resourceId: string;
}

export interface S3TableSourceRecord {
  identifier: string;
  integrationArn: string;
  dataSource: { name: string; type?: string };
  createdTimeStamp: number;
}

export interface SyslogConfigurationRecord {
  logGroupName: string;
  /** The group's creationTime: a group deleted and created again does not inherit the configuration. */
  logGroupCreationTime: number;
  vpcEndpointId: string;
  createdAt: number;
}

export function emptyLogsState(): LogsState {
  return {
    logGroups: {},
    destinations: {},
    resourcePolicies: {},
    exportTasks: {},
    queryDefinitions: {},
    insightsQueries: {},
    scheduledQueries: {},
    deliverySources: {}, deliveryDestinations: {}, deliveries: {}, anomalyDetectors: {},
  };
}
