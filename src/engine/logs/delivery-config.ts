import { AwsError } from '../errors.js';
import type { DeliveryRecord, S3DeliveryConfigurationRecord } from './delivery-records.js';
import { FIELD_DELIMITERS } from './delivery-template-data.js';
import { allowedSuffixFields, defaultSuffixPath, type DeliveryTemplate } from './delivery-templates.js';

/** The configurable part of a delivery, as CreateDelivery and UpdateDeliveryConfiguration take it. */
export interface DeliveryConfigInput {
  recordFields?: string[];
  fieldDelimiter?: string;
  s3DeliveryConfiguration?: { suffixPath?: string; enableHiveCompatiblePath?: boolean };
}

export type DeliveryConfig = Pick<DeliveryRecord, 'recordFields' | 'fieldDelimiter' | 's3DeliveryConfiguration'>;

// The rules are the documented ones (fields from allowedFields, mandatory ones included, delimiters
// from allowedFieldDelimiters, suffix variables from allowedSuffixPathFields, S3 settings only for
// S3); AWS's wording of these ValidationExceptions is unverified.
const invalid = (message: string) => new AwsError('ValidationException', message);

function checkRecordFields(template: DeliveryTemplate, fields: string[]): void {
  const allowed = template.logType.fields;
  const unknown = fields.find((f) => !allowed.includes(f));
  if (unknown !== undefined) throw invalid(`Record field ${unknown} is not allowed for log type ${template.logType.logType}.`);
  const missing = (template.logType.mandatory ?? []).find((f) => !fields.includes(f));
  if (missing !== undefined) throw invalid(`Mandatory record field ${missing} must be included in recordFields.`);
}

function checkSuffixPath(template: DeliveryTemplate, suffixPath: string): void {
  const allowed = allowedSuffixFields(template);
  for (const variable of suffixPath.match(/\{[^}]*\}/g) ?? []) {
    if (!allowed.includes(variable)) throw invalid(`Suffix path variable ${variable} is not allowed for this delivery.`);
  }
}

function s3Config(
  template: DeliveryTemplate,
  given: DeliveryConfigInput['s3DeliveryConfiguration'],
  current: S3DeliveryConfigurationRecord | undefined,
): S3DeliveryConfigurationRecord | undefined {
  if (template.destinationType !== 'S3') {
    if (given !== undefined) throw invalid('s3DeliveryConfiguration can only be specified for deliveries to S3 delivery destinations.');
    return undefined;
  }
  const suffixPath = given?.suffixPath ?? current?.suffixPath ?? defaultSuffixPath(template);
  checkSuffixPath(template, suffixPath);
  return { suffixPath, enableHiveCompatiblePath: given?.enableHiveCompatiblePath ?? current?.enableHiveCompatiblePath ?? false };
}

/**
 * The configuration a delivery ends up with: what the request gives, else what it had, else the
 * template's defaults (every allowed field; the default S3 suffix path, Hive paths off).
 */
export function resolveDeliveryConfig(template: DeliveryTemplate, input: DeliveryConfigInput, current?: DeliveryConfig): DeliveryConfig {
  const recordFields = input.recordFields ?? current?.recordFields ?? [...template.logType.fields];
  checkRecordFields(template, recordFields);
  const fieldDelimiter = input.fieldDelimiter ?? current?.fieldDelimiter;
  if (fieldDelimiter !== undefined && fieldDelimiter !== '' && !FIELD_DELIMITERS.includes(fieldDelimiter)) {
    throw invalid(`Field delimiter ${JSON.stringify(fieldDelimiter)} is not allowed for this delivery.`);
  }
  const config: DeliveryConfig = { recordFields: [...recordFields] };
  if (fieldDelimiter !== undefined && fieldDelimiter !== '') config.fieldDelimiter = fieldDelimiter;
  const s3 = s3Config(template, input.s3DeliveryConfiguration, current?.s3DeliveryConfiguration);
  if (s3) config.s3DeliveryConfiguration = s3;
  return config;
}
