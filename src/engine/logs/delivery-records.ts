/** The vended-log delivery resources as the engine stores them (plain JSON, persisted as they are). */

/** Where a delivery destination sends logs: CloudWatch Logs, S3, Firehose, or X-Ray traces. */
export type DeliveryDestinationType = 'CWL' | 'S3' | 'FH' | 'XRAY';

export type OutputFormat = 'json' | 'plain' | 'w3c' | 'raw' | 'parquet';

/** A delivery source: one resource of a supported service and one log type it vends. */
export interface DeliverySourceRecord {
  name: string;
  arn: string;
  resourceArns: string[];
  /** The `service` AWS reports: the resource ARN's service prefix. */
  service: string;
  logType: string;
  deliverySourceConfiguration?: Record<string, string>;
  tags: Record<string, string>;
}

/** A delivery destination and, for cross-account deliveries, its policy. */
export interface DeliveryDestinationRecord {
  name: string;
  arn: string;
  deliveryDestinationType: DeliveryDestinationType;
  outputFormat?: OutputFormat;
  /** Absent for X-Ray, which has no destination resource. */
  destinationResourceArn?: string;
  tags: Record<string, string>;
  /** The delivery destination policy (PutDeliveryDestinationPolicy), as given. */
  policy?: string;
}

export interface S3DeliveryConfigurationRecord {
  suffixPath: string;
  enableHiveCompatiblePath: boolean;
}

/** A delivery: one source (in this account) paired with one destination (in this or another account). */
export interface DeliveryRecord {
  id: string;
  arn: string;
  deliverySourceName: string;
  deliveryDestinationArn: string;
  deliveryDestinationType: DeliveryDestinationType;
  recordFields: string[];
  fieldDelimiter?: string;
  s3DeliveryConfiguration?: S3DeliveryConfigurationRecord;
  creationTime: number;
  tags: Record<string, string>;
}
