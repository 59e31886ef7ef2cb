import type { Call } from '../call.js';
import type { Handler } from '../service.js';
import type { DeliveryDestinationType, OutputFormat } from './delivery-records.js';
import {
  COMMON_SUFFIX_FIELDS, FIELD_DELIMITERS, LOG_SOURCES, OUTPUT_FORMATS, type LogSourceSpec, type LogTypeSpec,
} from './delivery-template-data.js';
import { deliveryPage } from './delivery-lookup.js';

/** What one (service, resource type, log type, destination type) allows and defaults to. */
export interface DeliveryTemplate {
  source: LogSourceSpec;
  logType: LogTypeSpec;
  destinationType: DeliveryDestinationType;
}

/** The log source a resource ARN belongs to (`service` prefix and resource part), if it is supported. */
export function logSourceOf(service: string, resource: string): LogSourceSpec[] {
  return LOG_SOURCES.filter((s) => s.service === service && s.arnResource.test(resource));
}

/** The template of a delivery from a source of (service, resource, logType) to a destination type. */
export function templateFor(
  service: string,
  resource: string,
  logType: string,
  destinationType: DeliveryDestinationType,
): DeliveryTemplate | undefined {
  for (const source of logSourceOf(service, resource)) {
    const spec = source.logTypes.find((t) => t.logType === logType);
    if (spec?.destinations.includes(destinationType)) return { source, logType: spec, destinationType };
  }
  return undefined;
}

export const allowedOutputFormats = (t: DeliveryTemplate): OutputFormat[] => OUTPUT_FORMATS[t.destinationType];

export const allowedSuffixFields = (t: DeliveryTemplate): string[] => [...COMMON_SUFFIX_FIELDS, ...(t.logType.suffixFields ?? [])];

/** The S3 suffix path a delivery gets when CreateDelivery names none. */
export function defaultSuffixPath(t: DeliveryTemplate): string {
  return t.logType.defaultSuffixPath ?? `AWSLogs/{account-id}/${t.source.service}/${t.logType.logType}/{region}/{yyyy}/{MM}/{dd}/{HH}/`;
}

function* allTemplates(): Generator<DeliveryTemplate> {
  for (const source of LOG_SOURCES) {
    for (const logType of source.logTypes) {
      for (const destinationType of logType.destinations) yield { source, logType, destinationType };
    }
  }
}

/** The `ConfigurationTemplate` structure. */
function templateView(t: DeliveryTemplate) {
  const isS3 = t.destinationType === 'S3';
  const formats = allowedOutputFormats(t);
  const delimited = formats.some((f) => f === 'plain' || f === 'w3c' || f === 'raw');
  return {
    service: t.source.service,
    logType: t.logType.logType,
    resourceType: t.source.resourceType,
    deliveryDestinationType: t.destinationType,
    defaultDeliveryConfigValues: {
      recordFields: t.logType.fields,
      ...(isS3 ? { s3DeliveryConfiguration: { suffixPath: defaultSuffixPath(t), enableHiveCompatiblePath: false } } : {}),
    },
    allowedFields: t.logType.fields.map((name) => ({ name, mandatory: (t.logType.mandatory ?? []).includes(name) })),
    allowedOutputFormats: formats,
    allowedActionForAllowVendedLogsDeliveryForResource: `${t.source.service}:AllowVendedLogDeliveryForResource`,
    ...(delimited ? { allowedFieldDelimiters: FIELD_DELIMITERS } : {}),
    ...(isS3 ? { allowedSuffixPathFields: allowedSuffixFields(t) } : {}),
  };
}

interface DescribeConfigurationTemplatesInput {
  service?: string;
  logTypes?: string[];
  resourceTypes?: string[];
  deliveryDestinationTypes?: DeliveryDestinationType[];
  nextToken?: string;
  limit?: number;
}

/** Every template matching all the filters given, in the table's order. */
function describeConfigurationTemplates(_call: Call, input: DescribeConfigurationTemplatesInput) {
  const matching = [...allTemplates()].filter((t) =>
    (input.service === undefined || t.source.service === input.service) &&
    (input.logTypes === undefined || input.logTypes.includes(t.logType.logType)) &&
    (input.resourceTypes === undefined || input.resourceTypes.includes(t.source.resourceType)) &&
    (input.deliveryDestinationTypes === undefined || input.deliveryDestinationTypes.includes(t.destinationType)),
  );
  const page = deliveryPage('DescribeConfigurationTemplates', matching.map(templateView), input);
  return { configurationTemplates: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export const configurationTemplateOperations: Record<string, Handler> = {
  DescribeConfigurationTemplates: describeConfigurationTemplates,
};
