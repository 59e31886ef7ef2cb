import type { DeliveryDestinationType, OutputFormat } from './delivery-records.js';

/**
 * Which AWS services vend which log types to which destinations through the V2 delivery APIs
 * ("Enable logging from AWS services", the services marked Supported [V2 Permissions], and the
 * log types PutDeliverySource documents per service). DescribeConfigurationTemplates reports one
 * template per (service, resource type, log type, destination type) from this table, and
 * PutDeliverySource / CreateDelivery / UpdateDeliveryConfiguration check against it.
 *
 * CloudFront's record fields and S3 suffix path are those AWS returns by default (recorded against
 * AWS in localstack's test_logs_delivery snapshots). The other services' field lists follow their
 * logging guides but are unverified against DescribeConfigurationTemplates output.
 */
export interface LogSourceSpec {
  /** The ARN service prefix; DeliverySource reports it as `service`. */
  service: string;
  /** The template's `resourceType`, and the ARN resource prefix it stands for. */
  resourceType: string;
  arnResource: RegExp;
  logTypes: LogTypeSpec[];
}

export interface LogTypeSpec {
  logType: string;
  destinations: DeliveryDestinationType[];
  fields: string[];
  mandatory?: string[];
  /** S3 suffix path variables beyond the common ones, and the default suffix path. */
  suffixFields?: string[];
  defaultSuffixPath?: string;
}

const ALL_LOGS: DeliveryDestinationType[] = ['CWL', 'S3', 'FH'];
const TRACES: DeliveryDestinationType[] = ['XRAY'];

/** The output formats each destination type accepts (X-Ray takes spans, no log format). */
export const OUTPUT_FORMATS: Record<DeliveryDestinationType, OutputFormat[]> = {
  CWL: ['plain', 'json', 'raw'],
  S3: ['plain', 'json', 'w3c', 'raw', 'parquet'],
  FH: ['plain', 'json', 'w3c', 'raw'],
  XRAY: [],
};

export const FIELD_DELIMITERS = ['\t', ' ', ',', '|', ';'];

/** Suffix path variables every S3 template allows. */
export const COMMON_SUFFIX_FIELDS = ['{account-id}', '{region}', '{yyyy}', '{MM}', '{dd}', '{HH}'];

const CLOUDFRONT_FIELDS = [
  'date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(Host)', 'cs-uri-stem', 'sc-status',
  'cs(Referer)', 'cs(User-Agent)', 'cs-uri-query', 'cs(Cookie)', 'x-edge-result-type', 'x-edge-request-id',
  'x-host-header', 'cs-protocol', 'cs-bytes', 'time-taken', 'x-forwarded-for', 'ssl-protocol', 'ssl-cipher',
  'x-edge-response-result-type', 'cs-protocol-version', 'fle-status', 'fle-encrypted-fields', 'c-port',
  'time-to-first-byte', 'x-edge-detailed-result-type', 'sc-content-type', 'sc-content-len', 'sc-range-start',
  'sc-range-end',
];

/** The fields of the JSON records most V2 services vend (unverified per service, see above). */
const EVENT_FIELDS = ['event_timestamp', 'resource_arn', 'log_level', 'event_type', 'request_id', 'message'];
const APPLICATION_FIELDS = ['event_timestamp', 'resource_arn', 'request_id', 'log_level', 'body'];
const USAGE_FIELDS = ['event_timestamp', 'resource_arn', 'service.name', 'metrics', 'attributes'];
const TRACE_FIELDS = ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano', 'attributes'];
const WORKMAIL_FIELDS = ['event_timestamp', 'request_id', 'organization_arn', 'user_id', 'source_ip', 'protocol', 'access_granted'];

const logs = (logType: string, fields = EVENT_FIELDS): LogTypeSpec => ({ logType, destinations: ALL_LOGS, fields });
const traces = (): LogTypeSpec => ({ logType: 'TRACES', destinations: TRACES, fields: TRACE_FIELDS });
const agentCore = (resourceType: string, extra: LogTypeSpec[]): LogSourceSpec => ({
  service: 'bedrock-agentcore',
  resourceType,
  arnResource: new RegExp(`^${resourceType}/`),
  logTypes: [logs('APPLICATION_LOGS', APPLICATION_FIELDS), ...extra, traces()],
});

export const LOG_SOURCES: LogSourceSpec[] = [
  {
    service: 'cloudfront',
    resourceType: 'distribution',
    arnResource: /^distribution\//,
    logTypes: [{
      logType: 'ACCESS_LOGS',
      destinations: ALL_LOGS,
      fields: CLOUDFRONT_FIELDS,
      suffixFields: ['{DistributionId}'],
      defaultSuffixPath: 'AWSLogs/{account-id}/CloudFront/',
    }],
  },
  agentCore('runtime', [logs('USAGE_LOGS', USAGE_FIELDS)]),
  agentCore('code-interpreter', [logs('USAGE_LOGS', USAGE_FIELDS)]),
  agentCore('browser', [logs('USAGE_LOGS', USAGE_FIELDS)]),
  agentCore('gateway', []),
  agentCore('memory', []),
  agentCore('workload-identity-directory', []),
  { service: 'bedrock', resourceType: 'agent', arnResource: /^agent\//, logTypes: [logs('APPLICATION_LOGS', APPLICATION_FIELDS), logs('EVENT_LOGS')] },
  { service: 'bedrock', resourceType: 'knowledge-base', arnResource: /^knowledge-base\//, logTypes: [logs('APPLICATION_LOGS', APPLICATION_FIELDS), traces()] },
  { service: 'codewhisperer', resourceType: 'customization', arnResource: /^customization\//, logTypes: [logs('EVENT_LOGS')] },
  { service: 'codewhisperer', resourceType: 'profile', arnResource: /^profile\//, logTypes: [logs('EVENT_LOGS')] },
  { service: 'mediapackagev2', resourceType: 'channelGroup', arnResource: /^channelGroup\//, logTypes: [logs('EGRESS_ACCESS_LOGS'), logs('INGRESS_ACCESS_LOGS')] },
  {
    service: 'mediatailor',
    resourceType: 'playbackConfiguration',
    arnResource: /^playbackConfiguration\//,
    logTypes: [logs('AD_DECISION_SERVER_LOGS'), logs('MANIFEST_SERVICE_LOGS'), logs('TRANSCODE_LOGS')],
  },
  {
    service: 'eks',
    resourceType: 'cluster',
    arnResource: /^cluster\//,
    logTypes: ['AUTO_MODE_BLOCK_STORAGE_LOGS', 'AUTO_MODE_COMPUTE_LOGS', 'AUTO_MODE_IPAM_LOGS', 'AUTO_MODE_LOAD_BALANCING_LOGS'].map((t) => logs(t)),
  },
  { service: 'entityresolution', resourceType: 'workflow', arnResource: /^(matchingworkflow|idmappingworkflow)\//, logTypes: [logs('WORKFLOW_LOGS')] },
  { service: 'sso', resourceType: 'instance', arnResource: /^instance\//, logTypes: [logs('ERROR_LOGS')] },
  {
    service: 'elasticloadbalancing',
    resourceType: 'loadbalancer',
    arnResource: /^loadbalancer\/net\//,
    logTypes: [{ ...logs('NLB_ACCESS_LOGS'), suffixFields: ['{load-balancer-id}'] }],
  },
  { service: 'pcs', resourceType: 'cluster', arnResource: /^cluster\//, logTypes: ['PCS_SCHEDULER_LOGS', 'PCS_JOBCOMP_LOGS', 'PCS_SCHEDULER_AUDIT_LOGS'].map((t) => logs(t)) },
  { service: 'qbusiness', resourceType: 'application', arnResource: /^application\//, logTypes: [logs('EVENT_LOGS'), logs('SYNC_JOB_LOGS')] },
  { service: 's3', resourceType: 'bucket', arnResource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, logTypes: [logs('S3_SERVER_ACCESS_LOGS')] },
  { service: 'securityhub', resourceType: 'hub', arnResource: /^(hub|hubv2)\/\*$/, logTypes: [logs('SECURITY_FINDING_LOGS')] },
  {
    service: 'ses',
    resourceType: 'mailmanager',
    arnResource: /^mailmanager-(ingress-point|rule-set)\//,
    logTypes: [logs('APPLICATION_LOGS', APPLICATION_FIELDS), logs('TRAFFIC_POLICY_DEBUG_LOGS')],
  },
  {
    service: 'workmail',
    resourceType: 'organization',
    arnResource: /^organization\//,
    logTypes: ['ACCESS_CONTROL_LOGS', 'AUTHENTICATION_LOGS', 'WORKMAIL_AVAILABILITY_PROVIDER_LOGS', 'WORKMAIL_MAILBOX_ACCESS_LOGS', 'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS']
      .map((t) => logs(t, WORKMAIL_FIELDS)),
  },
  { service: 'ec2', resourceType: 'route-server', arnResource: /^route-server\//, logTypes: [logs('EVENT_LOGS')] },
];
