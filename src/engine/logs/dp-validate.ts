import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists, s3BucketExists } from '../externals.js';
import { ownEntry } from './lookup.js';

/**
 * The rules of a log group data protection policy (seed 000, put_data_protection_policy): a JSON
 * document of at most 30,720 characters with Name, Description, Version (and Configuration for
 * custom data identifiers) beside exactly two statements — an Audit statement whose
 * FindingsDestination names only existing destinations, then a Deidentify statement with the
 * identical DataIdentifier array and an empty MaskConfig. Each violation is an
 * InvalidParameterException that says what is wrong.
 */

type JsonObject = Record<string, unknown>;

const MAX_CHARACTERS = 30720;
const POLICY_VERSION = '2021-06-01';
const MAX_CUSTOM_IDENTIFIERS = 10;
const TOP_LEVEL = ['Name', 'Description', 'Version', 'Configuration', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'DataIdentifier', 'Operation'];
const MANAGED_IDENTIFIER = /^arn:aws[\w-]*:dataprotection::aws:data-identifier\/[A-Za-z0-9][A-Za-z0-9-]*$/;
const ORDINAL = ['first', 'second'];

const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (names: string[]) => `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** Throws InvalidParameterException naming the first rule the document breaks. */
export function validateDataProtectionPolicy(call: Call, document: string): void {
  if ([...document].length > MAX_CHARACTERS) {
    throw invalid(`The data protection policy document must be at most ${MAX_CHARACTERS} characters long.`);
  }
  const policy = parseDocument(document);
  const custom = customIdentifierNames(policy.Configuration);
  const statements = policy.Statement;
  if (!Array.isArray(statements) || statements.length !== 2) {
    throw invalid('The data protection policy must contain exactly two statements: an Audit statement followed by a Deidentify statement.');
  }
  const [audit, deidentify] = statements.map((s, i) => checkStatement(s, i, custom));
  const findings = operationOf(audit, 0, 'Audit', 'FindingsDestination');
  if (!isObject(findings)) throw invalid('The Audit operation must contain a FindingsDestination object.');
  const mask = operationOf(deidentify, 1, 'Deidentify', 'MaskConfig');
  if (!isObject(mask) || Object.keys(mask).length > 0) {
    throw invalid('The Deidentify operation must contain an empty MaskConfig object ("MaskConfig": {}).');
  }
  if (JSON.stringify(audit.DataIdentifier) !== JSON.stringify(deidentify.DataIdentifier)) {
    throw invalid('The DataIdentifier array of the Deidentify statement must exactly match the DataIdentifier array of the Audit statement.');
  }
  checkFindingsDestination(call, findings);
}

function parseDocument(document: string): JsonObject {
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch {
    throw invalid('The data protection policy document is not valid JSON.');
  }
  if (!isObject(policy)) throw invalid('The data protection policy document must be a JSON object.');
  const unknown = Object.keys(policy).find((k) => !TOP_LEVEL.includes(k));
  if (unknown !== undefined) {
    throw invalid(`The data protection policy document contains an unsupported field "${unknown}"; only ${list(TOP_LEVEL)} are allowed.`);
  }
  for (const key of ['Name', 'Description']) {
    if (policy[key] !== undefined && typeof policy[key] !== 'string') {
      throw invalid(`The ${key} of the data protection policy must be a string.`);
    }
  }
  if (policy.Version !== undefined && policy.Version !== POLICY_VERSION) {
    throw invalid(`The Version of the data protection policy must be "${POLICY_VERSION}".`);
  }
  return policy;
}

/** Names of the custom data identifiers declared in `Configuration.CustomDataIdentifier`. */
function customIdentifierNames(configuration: unknown): Set<string> {
  const names = new Set<string>();
  if (configuration === undefined) return names;
  const entries = isObject(configuration) ? configuration.CustomDataIdentifier : undefined;
  if (!isObject(configuration) || Object.keys(configuration).some((k) => k !== 'CustomDataIdentifier') || !Array.isArray(entries)) {
    throw invalid('The Configuration of the data protection policy must contain only a CustomDataIdentifier array.');
  }
  if (entries.length > MAX_CUSTOM_IDENTIFIERS) {
    throw invalid(`A data protection policy can define at most ${MAX_CUSTOM_IDENTIFIERS} custom data identifiers.`);
  }
  for (const entry of entries) {
    const ok = isObject(entry) && Object.keys(entry).length === 2 &&
      typeof entry.Name === 'string' && entry.Name !== '' && typeof entry.Regex === 'string' && entry.Regex !== '';
    if (!ok) throw invalid('Each custom data identifier must have exactly a non-empty Name and a non-empty Regex.');
    if (names.has(entry.Name as string)) throw invalid(`The custom data identifier "${entry.Name}" is defined more than once.`);
    names.add(entry.Name as string);
  }
  return names;
}

function checkStatement(statement: unknown, index: number, custom: Set<string>): JsonObject {
  const which = `The ${ORDINAL[index]} statement of the data protection policy`;
  if (!isObject(statement)) throw invalid(`${which} must be a JSON object.`);
  const unknown = Object.keys(statement).find((k) => !STATEMENT_KEYS.includes(k));
  if (unknown !== undefined) throw invalid(`${which} contains an unsupported field "${unknown}"; only ${list(STATEMENT_KEYS)} are allowed.`);
  if (statement.Sid !== undefined && typeof statement.Sid !== 'string') throw invalid(`The Sid of the ${ORDINAL[index]} statement of the data protection policy must be a string.`);
  const identifiers = statement.DataIdentifier;
  if (!Array.isArray(identifiers) || identifiers.length === 0) throw invalid(`${which} must contain a non-empty DataIdentifier array.`);
  for (const id of identifiers) {
    if (typeof id !== 'string' || (!MANAGED_IDENTIFIER.test(id) && !custom.has(id))) {
      throw invalid(`Invalid data identifier ${JSON.stringify(id)}: use the ARN of a managed data identifier (arn:aws:dataprotection::aws:data-identifier/NAME) or the Name of a custom data identifier defined in Configuration.`);
    }
  }
  return statement;
}

/** The one member of the statement's only operation, e.g. Audit's FindingsDestination. */
function operationOf(statement: JsonObject, index: number, action: string, member: string): unknown {
  const which = `The ${ORDINAL[index]} statement of the data protection policy`;
  const operation = statement.Operation;
  if (!isObject(operation) || Object.keys(operation).length !== 1 || !isObject(operation[action])) {
    throw invalid(`${which} must contain an Operation with exactly one ${action} action.`);
  }
  const body = operation[action] as JsonObject;
  const unknown = Object.keys(body).find((k) => k !== member);
  if (unknown !== undefined) throw invalid(`The ${action} operation contains an unsupported field "${unknown}"; only ${member} is allowed.`);
  return body[member];
}

/** Every destination listed must already exist: a log group here, a Firehose stream, an S3 bucket. */
function checkFindingsDestination(call: Call, findings: JsonObject): void {
  const kinds: Record<string, { member: string; label: string; exists: (name: string) => boolean }> = {
    CloudWatchLogs: { member: 'LogGroup', label: 'log group', exists: (n) => ownEntry(call.state.logs.logGroups, n) !== undefined },
    Firehose: {
      member: 'DeliveryStream',
      label: 'Firehose delivery stream',
      exists: (n) => externalExists(call, 'firehoseStreams', call.arn('firehose', `deliverystream/${n}`)),
    },
    S3: { member: 'Bucket', label: 'S3 bucket', exists: (n) => s3BucketExists(call, n) },
  };
  for (const [kind, target] of Object.entries(findings)) {
    const rule = ownEntry(kinds, kind);
    if (!rule) throw invalid(`Unsupported findings destination "${kind}"; use CloudWatchLogs, Firehose or S3.`);
    const name = isObject(target) && Object.keys(target).length === 1 ? target[rule.member] : undefined;
    if (typeof name !== 'string' || name === '') {
      throw invalid(`The ${kind} findings destination must contain exactly a non-empty ${rule.member}.`);
    }
    if (!rule.exists(name)) throw invalid(`The findings destination ${rule.label} "${name}" does not exist.`);
  }
}
