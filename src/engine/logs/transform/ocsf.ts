import { AwsError } from '../../errors.js';
import type { ParseToOcsf } from './config.js';
import { MESSAGE, TransformFailure, writeFields, type TransformEvent } from './event.js';
import { cloudTrailToOcsf, eksAuditToOcsf } from './ocsf-api.js';
import { route53ResolverToOcsf, vpcFlowToOcsf, vpcRecord, wafToOcsf } from './ocsf-network.js';
import { parseObject } from './vended.js';
import { cloneJson, isObject, type JObject } from './value.js';

/**
 * parseToOCSF: converts a record of a supported source into an OCSF event of the requested schema
 * version. VPC flow logs are read as text lines; the other sources as JSON objects (a string to
 * parse, or an object a previous parser made).
 */

const MAPPERS: Record<ParseToOcsf['eventSource'], (record: JObject, version: string) => JObject> = {
  CloudTrail: cloudTrailToOcsf,
  Route53Resolver: route53ResolverToOcsf,
  VPCFlow: vpcFlowToOcsf,
  EKSAudit: eksAuditToOcsf,
  AWSWAF: wafToOcsf,
};

/** The mapping versions of each schema version ("Current latest version: 1.5.0"; none for V1.1). */
const MAPPING_VERSIONS: Record<ParseToOcsf['ocsfVersion'], readonly string[]> = { 'V1.1': [], 'V1.5': ['1.5.0'] };

const SCHEMA_VERSIONS: Record<ParseToOcsf['ocsfVersion'], string> = { 'V1.1': '1.1.0', 'V1.5': '1.5.0' };

/** PutTransformer's rule: mappingVersion only with V1.5, and only a known one (messages unverified). */
export function checkParseToOcsf(config: ParseToOcsf): void {
  if (config.mappingVersion === undefined) return;
  const known = MAPPING_VERSIONS[config.ocsfVersion];
  if (known.length === 0) throw new AwsError('InvalidParameterException', `mappingVersion is not supported when ocsfVersion is ${config.ocsfVersion}.`);
  if (!known.includes(config.mappingVersion)) {
    throw new AwsError('InvalidParameterException', `Unsupported mappingVersion '${config.mappingVersion}' for ocsfVersion ${config.ocsfVersion}. Supported versions: ${known.join(', ')}.`);
  }
}

export function parseToOCSF(event: TransformEvent, config: ParseToOcsf): void {
  const input = event.read(config.source ?? MESSAGE);
  if (input === undefined || input === null) return;
  let record: JObject;
  if (isObject(input)) record = input;
  else if (typeof input !== 'string') throw new TransformFailure(`parseToOCSF: the value at '${config.source}' is not a log record`);
  else record = config.eventSource === 'VPCFlow' ? vpcRecord(input) : parseObject(input, 'parseToOCSF');
  // The record may be part of the event: the OCSF event gets its own copies of what it keeps.
  const mapped = cloneJson(MAPPERS[config.eventSource](record, SCHEMA_VERSIONS[config.ocsfVersion])) as JObject;
  writeFields(event, mapped, undefined, true);
}
