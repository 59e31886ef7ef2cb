import type { DataSourceRecord, LogGroupRecord } from './state.js';

/** A field of a data source's schema, as GetLogFields reports it. */
export interface LogField {
  logFieldName: string;
  logFieldType: { type: string; element?: LogField['logFieldType']; fields?: LogField[] };
}

const field = (logFieldName: string, type: string, more: Partial<LogField['logFieldType']> = {}): LogField => ({
  logFieldName,
  logFieldType: { type, ...more },
});

/**
 * The fields of a CloudTrail event as the engine writes it (cloudtrail/event-json.ts), which is
 * what an import brings into a log group. AWS's type names for GetLogFields are not documented;
 * these are the Iceberg types its S3 Tables mirror uses (unverified).
 */
const CLOUDTRAIL_FIELDS: LogField[] = [
  field('eventVersion', 'string'),
  field('userIdentity', 'struct', {
    fields: ['type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName'].map((n) => field(n, 'string')),
  }),
  field('eventTime', 'timestamp'),
  ...['eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage'].map((n) => field(n, 'string')),
  field('requestParameters', 'string'),
  field('responseElements', 'string'),
  field('requestID', 'string'),
  field('eventID', 'string'),
  field('readOnly', 'boolean'),
  field('resources', 'array', {
    element: { type: 'struct', fields: ['accountId', 'type', 'ARN'].map((n) => field(n, 'string')) },
  }),
  field('eventType', 'string'),
  field('managementEvent', 'boolean'),
  field('recipientAccountId', 'string'),
  field('eventCategory', 'string'),
];

/** CloudTrail's data source: events in CloudTrail's own JSON record format (format name unverified). */
export const CLOUDTRAIL_SOURCE = { name: 'aws_cloudtrail', format: 'JSON' } as const;

/** The data sources whose schema CloudWatch Logs predefines and the engine produces, by `name/type`. */
const SCHEMAS: Record<string, LogField[]> = {
  'aws_cloudtrail/management': CLOUDTRAIL_FIELDS,
  'aws_cloudtrail/data': CLOUDTRAIL_FIELDS,
};

/** The schema of a data source, or undefined when CloudWatch Logs does not know it. */
export function dataSourceFields(name: string, type: string): LogField[] | undefined {
  const key = `${name}/${type}`;
  return Object.hasOwn(SCHEMAS, key) ? SCHEMAS[key] : undefined;
}

/** A data source filter of ListLogGroups and ListAggregateLogGroupSummaries. */
export interface DataSourceFilter {
  name: string;
  type?: string;
}

/**
 * Whether a group passes the filters: filters within a dimension combine with OR, dimensions with
 * AND — a group matches when one of its data sources has one of the names given and, where types
 * are given, one of the types.
 */
export function matchesDataSources(group: LogGroupRecord, filters: readonly DataSourceFilter[]): boolean {
  const names = new Set(filters.map((f) => f.name));
  const types = new Set(filters.flatMap((f) => (f.type === undefined ? [] : [f.type])));
  return (group.dataSources ?? []).some((s) => names.has(s.name) && (types.size === 0 || types.has(s.type)));
}

/** Records that a group carries events of a data source (once per source). */
export function addDataSource(group: LogGroupRecord, source: DataSourceRecord): void {
  const sources = (group.dataSources ??= []);
  if (!sources.some((s) => s.name === source.name && s.type === source.type)) sources.push({ ...source });
}
