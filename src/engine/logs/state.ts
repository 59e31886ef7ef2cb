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
  tags: Record<string, string>;
  dataProtectionPolicy?: { policyDocument: string; lastUpdatedTime: number };
  /** The log-group transformer (PutTransformer); absent in state written before transformers. */
  transformer?: TransformerRecord;
  metricFilters: Record<string, MetricFilterRecord>;
  subscriptionFilters: Record<string, SubscriptionFilterRecord>;
  streams: Record<string, LogStreamRecord>;
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

export function emptyLogsState(): LogsState {
  return { logGroups: {}, destinations: {}, resourcePolicies: {}, exportTasks: {} };
}
