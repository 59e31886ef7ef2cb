import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { requireLogGroupByIdentifier } from './lookup.js';
import type { LogGroupRecord } from './state.js';
import { checkTransformerConfig, normalizeTransformerConfig, transformLogEvent, type Processor } from './transform/index.js';

/**
 * Log-group transformers: PutTransformer stores a checked configuration on the group (named by
 * `logGroupIdentifier`, its name or ARN, echoed back as given), TestTransformer runs one over
 * sample messages. The account-level transformer policy is PutAccountPolicy's, not these.
 */

interface PutTransformerInput {
  logGroupIdentifier: string;
  transformerConfig: unknown[];
}

interface LogGroupIdentifierInput {
  logGroupIdentifier: string;
}

interface TestTransformerInput {
  transformerConfig: unknown[];
  logEventMessages: string[];
}

/** The configuration a transformer request carries, in stored form and checked against AWS's rules. */
function checkedConfig(config: readonly unknown[]): Processor[] {
  const normalized = normalizeTransformerConfig(config);
  checkTransformerConfig(normalized);
  return normalized;
}

/** Creates or replaces the group's transformer. Only Standard-class groups can have one. */
function putTransformer(call: Call, input: PutTransformerInput): void {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  if (group.logGroupClass !== 'STANDARD') {
    // Unverified message: AWS documents the rule ("only for the log groups in the Standard log class"), not its wording.
    throw new AwsError('InvalidOperationException', `Transformers are supported only for log groups in the STANDARD log class; this log group is in the ${group.logGroupClass} class.`);
  }
  const transformerConfig = checkedConfig(input.transformerConfig);
  group.transformer = {
    transformerConfig,
    creationTime: group.transformer?.creationTime ?? call.now,
    lastModifiedTime: call.now,
  };
}

/** The group's transformer, or ResourceNotFoundException (as the Terraform provider relies on). */
function requireTransformer(group: LogGroupRecord) {
  if (!group.transformer) {
    // Unverified message.
    throw new AwsError('ResourceNotFoundException', 'The specified log group does not have a transformer.');
  }
  return group.transformer;
}

function getTransformer(call: Call, input: LogGroupIdentifierInput) {
  const transformer = requireTransformer(requireLogGroupByIdentifier(call, input.logGroupIdentifier));
  return {
    logGroupIdentifier: input.logGroupIdentifier,
    creationTime: transformer.creationTime,
    lastModifiedTime: transformer.lastModifiedTime,
    transformerConfig: transformer.transformerConfig,
  };
}

function deleteTransformer(call: Call, input: LogGroupIdentifierInput): void {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  requireTransformer(group);
  delete group.transformer;
}

/**
 * Each message transformed, numbered from 1. A message the transformer cannot transform (or
 * extracts nothing from) comes back without `transformedEventMessage`.
 */
function testTransformer(call: Call, input: TestTransformerInput) {
  const config = checkedConfig(input.transformerConfig);
  const context = { accountId: call.account, region: call.region, now: call.now };
  return {
    transformedLogs: input.logEventMessages.map((message, i) => {
      const { transformed } = transformLogEvent(config, message, context);
      return { eventNumber: i + 1, eventMessage: message, ...(transformed !== undefined && { transformedEventMessage: transformed }) };
    }),
  };
}

/** PutTransformer, GetTransformer, DeleteTransformer, TestTransformer. */
export const transformerOperations: Record<string, Handler> = {
  PutTransformer: putTransformer,
  GetTransformer: getTransformer,
  DeleteTransformer: deleteTransformer,
  TestTransformer: testTransformer,
};
