import { checkTransformerConfig, normalizeTransformerConfig } from './transform/index.js';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { validateDataProtectionPolicy } from './dp-validate.js';
import { checkSubscriptionDestination } from './filter-subscription-destination.js';
import { parseIndexPolicyDocument } from './index-document.js';
import { compileFilterPattern } from './pattern/index.js';
import type { AccountPolicyType } from './state.js';

/** "The JSON specified in policyDocument can be up to 30,720 characters long." */
const MAX_DOCUMENT = 30_720;

/** The processors a transformer may chain (the model's Processor members), and how many. */
const PROCESSORS = new Set([
  'addKeys', 'copyValue', 'csv', 'dateTimeConverter', 'deleteKeys', 'grok', 'listToMap', 'lowerCaseString', 'moveKeys',
  'parseCloudfront', 'parseJSON', 'parseKeyValue', 'parseRoute53', 'parseToOCSF', 'parsePostgres', 'parseVPC', 'parseWAF',
  'renameKeys', 'splitString', 'substituteString', 'trimString', 'typeConverter', 'upperCaseString',
]);
const MAX_PROCESSORS = 20;

/** What a SUBSCRIPTION_FILTER_POLICY document says: where matching events go. */
export interface SubscriptionPolicy {
  destinationArn: string;
  roleArn?: string;
  filterPattern: string;
  distribution: 'Random' | 'ByLogStream';
}

// Except where AWS's own check is reused (data protection, filter pattern, destination), the
// wordings below were not found in AWS's documentation or public output and are unverified.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks an account policy document by the rules of its type; throws AWS's error for the first rule broken. */
export function checkAccountPolicyDocument(call: Call, type: AccountPolicyType, document: string): void {
  if (type === 'DATA_PROTECTION_POLICY') return validateDataProtectionPolicy(call, document);
  if ([...document].length > MAX_DOCUMENT) throw invalid(`The policy document must be at most ${MAX_DOCUMENT} characters long.`);
  if (type === 'FIELD_INDEX_POLICY') {
    parseIndexPolicyDocument(document);
    return;
  }
  const policy = parseObject(document);
  if (type === 'SUBSCRIPTION_FILTER_POLICY') {
    const subscription = subscriptionPolicyOf(policy);
    compileFilterPattern(subscription.filterPattern, 'PutSubscriptionFilter');
    checkSubscriptionDestination(call, subscription.destinationArn, subscription.roleArn);
  } else if (type === 'TRANSFORMER_POLICY') {
    checkTransformerPolicy(policy);
  }
}

/** The subscription a stored SUBSCRIPTION_FILTER_POLICY document describes. */
export function subscriptionPolicy(document: string): SubscriptionPolicy {
  return subscriptionPolicyOf(parseObject(document));
}

function parseObject(document: string): Record<string, unknown> {
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch {
    throw invalid('The policy document is not valid JSON.');
  }
  if (!isObject(policy)) throw invalid('The policy document must be a JSON object.');
  return policy;
}

function subscriptionPolicyOf(policy: Record<string, unknown>): SubscriptionPolicy {
  const { DestinationArn, RoleArn, FilterPattern = '', Distribution = 'ByLogStream' } = policy;
  if (typeof DestinationArn !== 'string' || DestinationArn === '') {
    throw invalid('The subscription filter policy document must include a DestinationArn.');
  }
  if (RoleArn !== undefined && typeof RoleArn !== 'string') throw invalid('RoleArn in the subscription filter policy document must be a string.');
  if (typeof FilterPattern !== 'string') throw invalid('FilterPattern in the subscription filter policy document must be a string.');
  if (Distribution !== 'Random' && Distribution !== 'ByLogStream') {
    throw invalid('Distribution in the subscription filter policy document must be Random or ByLogStream.');
  }
  return { destinationArn: DestinationArn, ...(RoleArn !== undefined && { roleArn: RoleArn }), filterPattern: FilterPattern, distribution: Distribution };
}

/**
 * The shape of a transformer: `transformerConfig`, 1 to 20 processors, each naming one known
 * processor, whose settings follow PutTransformer's rules.
 */
function checkTransformerPolicy(policy: Record<string, unknown>): void {
  const config = policy.transformerConfig;
  if (!Array.isArray(config) || config.length === 0 || config.length > MAX_PROCESSORS) {
    throw invalid(`The transformer policy document must include a transformerConfig array of 1 to ${MAX_PROCESSORS} processors.`);
  }
  for (const processor of config) {
    const names = isObject(processor) ? Object.keys(processor) : [];
    if (names.length !== 1 || !PROCESSORS.has(names[0]!)) {
      throw invalid('Each processor in transformerConfig must be an object naming exactly one supported processor.');
    }
  }
  // each processor's own settings: the same rules as PutTransformer's
  checkTransformerConfig(normalizeTransformerConfig(config));
}
