import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { compareCodeUnits } from '../sorted-names.js';
import type { QueryDefinitionRecord, QueryLanguage, QueryParameterRecord } from './insights-types.js';
import { ownEntry, putEntry } from './lookup.js';
import { paginate } from './policy-page.js';

/** Saved queries per account and region (a CloudWatch Logs quota; the figure is unverified). */
const MAX_QUERY_DEFINITIONS = 1000;

/** DescribeQueryDefinitions returns this many when maxResults is not given (its maximum). */
const DEFAULT_PAGE = 1000;

interface PutQueryDefinitionInput {
  queryLanguage?: QueryLanguage;
  name: string;
  queryDefinitionId?: string;
  logGroupNames?: string[];
  queryString: string;
  clientToken?: string;
  parameters?: QueryParameterRecord[];
}

interface DescribeQueryDefinitionsInput {
  queryLanguage?: QueryLanguage;
  queryDefinitionNamePrefix?: string;
  maxResults?: number;
  nextToken?: string;
}

/** This region's saved queries (the record is absent in worlds saved before them). */
export function queryDefinitions(call: Call): Record<string, QueryDefinitionRecord> {
  return (call.state.logs.queryDefinitions ??= {});
}

const definitionNotFound = (): AwsError =>
  // Wording unverified: AWS's ResourceNotFoundException for an unknown queryDefinitionId.
  new AwsError('ResourceNotFoundException', 'The specified query definition does not exist.');

/**
 * Creates a definition, or replaces one named by queryDefinitionId: PUT semantics, so members left
 * out of an update (logGroupNames, parameters) are gone afterwards. A create retried with the same
 * clientToken returns the definition the first call made.
 */
function putQueryDefinition(call: Call, input: PutQueryDefinitionInput) {
  const definitions = queryDefinitions(call);
  if (input.queryDefinitionId !== undefined && !ownEntry(definitions, input.queryDefinitionId)) throw definitionNotFound();
  if (input.queryDefinitionId === undefined && input.clientToken !== undefined) {
    const retried = Object.values(definitions).find((d) => d.clientToken === input.clientToken);
    if (retried) return { queryDefinitionId: retried.queryDefinitionId };
  }
  if (input.queryDefinitionId === undefined && Object.keys(definitions).length >= MAX_QUERY_DEFINITIONS) {
    throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  }
  const queryDefinitionId = input.queryDefinitionId ?? randomUUID();
  const previous = ownEntry(definitions, queryDefinitionId);
  const definition: QueryDefinitionRecord = {
    queryDefinitionId,
    name: input.name,
    queryString: input.queryString,
    queryLanguage: input.queryLanguage ?? 'CWLI',
    lastModified: call.now,
  };
  if (input.logGroupNames !== undefined && input.logGroupNames.length > 0) definition.logGroupNames = [...input.logGroupNames];
  if (input.parameters !== undefined && input.parameters.length > 0) definition.parameters = input.parameters.map((p) => ({ ...p }));
  const clientToken = previous ? previous.clientToken : input.clientToken;
  if (clientToken !== undefined) definition.clientToken = clientToken;
  putEntry(definitions, queryDefinitionId, definition);
  return { queryDefinitionId };
}

/** The `QueryDefinition` structure, members in the model's order. */
function definitionView(d: QueryDefinitionRecord) {
  return {
    queryLanguage: d.queryLanguage,
    queryDefinitionId: d.queryDefinitionId,
    name: d.name,
    queryString: d.queryString,
    lastModified: d.lastModified,
    ...(d.logGroupNames ? { logGroupNames: d.logGroupNames } : {}),
    ...(d.parameters ? { parameters: d.parameters } : {}),
  };
}

/** By name (then id), filtered by name prefix and query language. */
function describeQueryDefinitions(call: Call, input: DescribeQueryDefinitionsInput) {
  const prefix = input.queryDefinitionNamePrefix ?? '';
  const views = Object.values(queryDefinitions(call))
    .filter((d) => d.name.startsWith(prefix) && (input.queryLanguage === undefined || d.queryLanguage === input.queryLanguage))
    .sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.queryDefinitionId, b.queryDefinitionId))
    .map(definitionView);
  const page = paginate('DescribeQueryDefinitions', views, { limit: input.maxResults ?? DEFAULT_PAGE, nextToken: input.nextToken });
  return { queryDefinitions: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

function deleteQueryDefinition(call: Call, input: { queryDefinitionId: string }) {
  const definitions = queryDefinitions(call);
  if (!ownEntry(definitions, input.queryDefinitionId)) throw definitionNotFound();
  delete definitions[input.queryDefinitionId];
  return { success: true };
}

/** PutQueryDefinition, DescribeQueryDefinitions, DeleteQueryDefinition. */
export const queryDefinitionOperations: Record<string, Handler> = {
  PutQueryDefinition: putQueryDefinition,
  DescribeQueryDefinitions: describeQueryDefinitions,
  DeleteQueryDefinition: deleteQueryDefinition,
};
