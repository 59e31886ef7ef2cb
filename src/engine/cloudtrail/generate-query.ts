import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { edsId, findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import { analyzePrompt, UntranslatablePrompt, type Dimension, type PromptIntent } from './prompt-analysis.js';
import { compileQuery } from './sql/run.js';
import { formatTimestamp } from './sql/schema.js';

/** A query GenerateQuery made: StartQuery runs it by its QueryAlias, DescribeQuery shows its prompt. */
export interface GeneratedQueryRecord {
  queryAlias: string;
  prompt: string;
  queryStatement: string;
  eventDataStoreArn: string;
  createdAt: number;
}

/** The select expression and output name of each dimension. */
const COLUMNS: Record<Dimension, { expr: string; name: string }> = {
  user: { expr: 'userIdentity.arn', name: 'userArn' },
  eventSource: { expr: 'eventSource', name: 'eventSource' },
  eventName: { expr: 'eventName', name: 'eventName' },
  awsRegion: { expr: 'awsRegion', name: 'awsRegion' },
  sourceIPAddress: { expr: 'sourceIPAddress', name: 'sourceIPAddress' },
  errorCode: { expr: 'errorCode', name: 'errorCode' },
};

const LISTED = 'eventTime, eventSource, eventName, userIdentity.arn AS userArn, awsRegion, sourceIPAddress, errorCode';

/** A time as the generated SQL writes it: `2026-01-01 12:00:00`, to the second. */
const wholeSeconds = (ms: number): string => formatTimestamp(Math.floor(ms / 1000) * 1000).slice(0, 19);

/** Lake SQL for an analyzed prompt over one store (time windows become timestamp literals). */
function buildStatement(intent: PromptIntent, table: string): string {
  const where = [...intent.conditions];
  if (intent.since !== undefined) where.push(`eventTime >= '${wholeSeconds(intent.since)}'`);
  if (intent.until !== undefined) where.push(`eventTime < '${wholeSeconds(intent.until)}'`);
  if (intent.dimension === 'errorCode' && !where.some((c) => c.startsWith('errorCode'))) where.push('errorCode IS NOT NULL');
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const limitSql = intent.limit === undefined ? '' : ` LIMIT ${intent.limit}`;
  const counted = intent.errors || intent.dimension === 'errorCode' ? 'errorCount' : 'eventCount';
  switch (intent.kind) {
    case 'count':
      return `SELECT COUNT(*) AS ${counted} FROM ${table}${whereSql}`;
    case 'group': {
      const column = COLUMNS[intent.dimension!];
      const select = column.expr === column.name ? column.expr : `${column.expr} AS ${column.name}`;
      return `SELECT ${select}, COUNT(*) AS ${counted} FROM ${table}${whereSql} GROUP BY ${column.expr} ORDER BY ${counted} DESC${limitSql}`;
    }
    case 'list':
      return `SELECT ${LISTED} FROM ${table}${whereSql} ORDER BY eventTime DESC${limitSql}`;
  }
}

const queryAlias = (storeArn: string, prompt: string, statement: string): string =>
  `GeneratedQuery-${createHash('sha256').update(`${storeArn}\n${prompt}\n${statement}`).digest('hex').slice(0, 20)}`;

/**
 * GenerateQuery: translates an English prompt into a Lake SQL statement over the store, checked by
 * the engine's own SQL compiler, and keeps it under a QueryAlias that StartQuery accepts.
 */
function generateQuery(call: Call, input: { EventDataStores: string[]; Prompt: string }): unknown {
  const eds = findEventDataStore(call, input.EventDataStores[0]!);
  checkActive(eds);
  let statement: string;
  try {
    statement = buildStatement(analyzePrompt(input.Prompt, call.now), edsId(eds.arn));
  } catch (error) {
    if (!(error instanceof UntranslatablePrompt)) throw error;
    // Unverified wording: AWS's message for an untranslatable prompt could not be found.
    throw new AwsError(
      'GenerateResponseException',
      `A query could not be generated for the prompt: ${error.message}. Rephrase the prompt, for example "What are my top errors in the past month?"`,
    );
  }
  compileQuery(statement);
  const record: GeneratedQueryRecord = {
    queryAlias: queryAlias(eds.arn, input.Prompt, statement),
    prompt: input.Prompt,
    queryStatement: statement,
    eventDataStoreArn: eds.arn,
    createdAt: call.now,
  };
  (call.state.cloudtrail.generatedQueries ??= {})[record.queryAlias] = record;
  return { QueryStatement: statement, QueryAlias: record.queryAlias, EventDataStoreOwnerAccountId: call.account };
}

/** The generated query a QueryAlias names, if any. */
export function generatedQuery(call: Call, alias: string): GeneratedQueryRecord | undefined {
  const all = call.state.cloudtrail.generatedQueries ?? {};
  return Object.hasOwn(all, alias) ? all[alias] : undefined;
}

export const generateQueryOperations: Record<string, Handler> = { GenerateQuery: generateQuery };
