import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { compareCodeUnits } from '../sorted-names.js';
import type { ScheduledQueryRecord } from './insights-types.js';
import { ownEntry, putEntry } from './lookup.js';
import { paginate } from './policy-page.js';
import { checkScheduledQueryConfig, type ScheduledQueryConfig } from './scheduled-query-rules.js';
import { freezeRuns, scheduledRuns } from './scheduled-runs.js';
import { checkTagKeys } from './tag-rules.js';

/** Scheduled queries per account and region (the figure is unverified). */
const MAX_SCHEDULED_QUERIES = 1000;

interface CreateScheduledQueryInput extends ScheduledQueryConfig {
  name: string;
  tags?: Record<string, string>;
}

type UpdateScheduledQueryInput = ScheduledQueryConfig & { identifier: string };

/** This region's scheduled queries by name (absent in worlds saved before them). */
function scheduledQueries(call: Call): Record<string, ScheduledQueryRecord> {
  return (call.state.logs.scheduledQueries ??= {});
}

/** The scheduled query an identifier (name or ARN) names, or ResourceNotFoundException. */
function requireScheduledQuery(call: Call, identifier: string): ScheduledQueryRecord {
  const all = scheduledQueries(call);
  const found = ownEntry(all, identifier) ?? Object.values(all).find((sq) => sq.scheduledQueryArn === identifier);
  // Wording unverified.
  if (!found) throw new AwsError('ResourceNotFoundException', `Scheduled query ${identifier} does not exist.`);
  return found;
}

/** Sets the configuration members of a record from Create/Update input (absent ones cleared). */
function applyConfig(sq: ScheduledQueryRecord, input: ScheduledQueryConfig): void {
  const optional = ['description', 'logGroupIdentifiers', 'timezone', 'startTimeOffset', 'endTimeOffset', 'scheduleStartTime', 'scheduleEndTime'] as const;
  for (const key of optional) {
    if (input[key] === undefined) delete sq[key];
    else (sq as unknown as Record<string, unknown>)[key] = Array.isArray(input[key]) ? [...(input[key] as string[])] : input[key];
  }
  const s3 = input.destinationConfiguration?.s3Configuration;
  if (s3) sq.s3Destination = { ...s3 };
  else delete sq.s3Destination;
  sq.queryLanguage = input.queryLanguage;
  sq.queryString = input.queryString;
  sq.scheduleExpression = input.scheduleExpression;
  sq.executionRoleArn = input.executionRoleArn;
  sq.state = input.state ?? 'ENABLED';
}

function createScheduledQuery(call: Call, input: CreateScheduledQueryInput) {
  const all = scheduledQueries(call);
  if (ownEntry(all, input.name)) {
    throw new AwsError('ConflictException', `A scheduled query with name ${input.name} already exists.`);
  }
  checkScheduledQueryConfig(call, input);
  if (input.tags) checkTagKeys(Object.keys(input.tags));
  if (Object.keys(all).length >= MAX_SCHEDULED_QUERIES) {
    throw new AwsError('ServiceQuotaExceededException', `You have reached the maximum of ${MAX_SCHEDULED_QUERIES} scheduled queries.`);
  }
  const sq = {
    scheduledQueryArn: call.arn('logs', `scheduled-query:${randomUUID()}`),
    name: input.name,
    tags: { ...input.tags },
    creationTime: call.now,
    lastUpdatedTime: call.now,
    pastRuns: [],
  } as unknown as ScheduledQueryRecord;
  applyConfig(sq, input);
  putEntry(all, input.name, sq);
  return { scheduledQueryArn: sq.scheduledQueryArn, state: sq.state };
}

/** The members GetScheduledQuery and UpdateScheduledQuery return, in the model's order. */
function scheduledQueryView(call: Call, sq: ScheduledQueryRecord) {
  const last = scheduledRuns(call, sq)[0];
  return {
    scheduledQueryArn: sq.scheduledQueryArn,
    name: sq.name,
    ...(sq.description !== undefined ? { description: sq.description } : {}),
    queryLanguage: sq.queryLanguage,
    queryString: sq.queryString,
    ...(sq.logGroupIdentifiers ? { logGroupIdentifiers: sq.logGroupIdentifiers } : {}),
    scheduleExpression: sq.scheduleExpression,
    ...(sq.timezone !== undefined ? { timezone: sq.timezone } : {}),
    ...(sq.startTimeOffset !== undefined ? { startTimeOffset: sq.startTimeOffset } : {}),
    ...(sq.endTimeOffset !== undefined ? { endTimeOffset: sq.endTimeOffset } : {}),
    ...(sq.s3Destination ? { destinationConfiguration: { s3Configuration: sq.s3Destination } } : {}),
    state: sq.state,
    scheduleType: 'CUSTOMER_MANAGED',
    ...(last ? { lastTriggeredTime: last.triggeredTimestamp, lastExecutionStatus: last.executionStatus } : {}),
    ...(sq.scheduleStartTime !== undefined ? { scheduleStartTime: sq.scheduleStartTime } : {}),
    ...(sq.scheduleEndTime !== undefined ? { scheduleEndTime: sq.scheduleEndTime } : {}),
    executionRoleArn: sq.executionRoleArn,
    creationTime: sq.creationTime,
    lastUpdatedTime: sq.lastUpdatedTime,
  };
}

function getScheduledQuery(call: Call, input: { identifier: string }) {
  return scheduledQueryView(call, requireScheduledQuery(call, input.identifier));
}

/** PUT semantics: the whole configuration is replaced; the schedule restarts from now. */
function updateScheduledQuery(call: Call, input: UpdateScheduledQueryInput) {
  const sq = requireScheduledQuery(call, input.identifier);
  checkScheduledQueryConfig(call, input);
  freezeRuns(call, sq);
  applyConfig(sq, input);
  sq.lastUpdatedTime = call.now;
  return scheduledQueryView(call, sq);
}

function deleteScheduledQuery(call: Call, input: { identifier: string }) {
  const sq = requireScheduledQuery(call, input.identifier);
  delete scheduledQueries(call)[sq.name];
  return {};
}

interface ListScheduledQueriesInput {
  maxResults?: number;
  nextToken?: string;
  state?: 'ENABLED' | 'DISABLED';
  scheduleType?: 'CUSTOMER_MANAGED' | 'AWS_MANAGED';
}

/** By name; every scheduled query made through the API is CUSTOMER_MANAGED. */
function listScheduledQueries(call: Call, input: ListScheduledQueriesInput) {
  const views = Object.values(scheduledQueries(call))
    .filter((sq) => (input.state === undefined || sq.state === input.state) && input.scheduleType !== 'AWS_MANAGED')
    .sort((a, b) => compareCodeUnits(a.name, b.name))
    .map((sq) => {
      const v = scheduledQueryView(call, sq);
      return {
        scheduledQueryArn: v.scheduledQueryArn,
        name: v.name,
        state: v.state,
        scheduleType: v.scheduleType,
        ...(v.lastTriggeredTime !== undefined ? { lastTriggeredTime: v.lastTriggeredTime, lastExecutionStatus: v.lastExecutionStatus } : {}),
        scheduleExpression: v.scheduleExpression,
        ...(v.timezone !== undefined ? { timezone: v.timezone } : {}),
        ...(v.destinationConfiguration ? { destinationConfiguration: v.destinationConfiguration } : {}),
        creationTime: v.creationTime,
        lastUpdatedTime: v.lastUpdatedTime,
      };
    });
  const page = paginate('ListScheduledQueries', views, { limit: input.maxResults ?? 1000, nextToken: input.nextToken });
  return { ...(page.nextToken ? { nextToken: page.nextToken } : {}), scheduledQueries: page.items };
}

interface HistoryInput {
  identifier: string;
  startTime: number;
  endTime: number;
  executionStatuses?: string[];
  maxResults?: number;
  nextToken?: string;
}

/** The runs triggered in [startTime, endTime] (epoch ms), newest first, optionally by status. */
function getScheduledQueryHistory(call: Call, input: HistoryInput) {
  const sq = requireScheduledQuery(call, input.identifier);
  if (input.endTime < input.startTime) throw new AwsError('ValidationException', 'endTime must not be before startTime.');
  const runs = scheduledRuns(call, sq).filter(
    (r) => r.triggeredTimestamp >= input.startTime && r.triggeredTimestamp <= input.endTime &&
      (input.executionStatuses === undefined || input.executionStatuses.includes(r.executionStatus)),
  );
  const page = paginate(`GetScheduledQueryHistory:${sq.scheduledQueryArn}`, runs, { limit: input.maxResults ?? 1000, nextToken: input.nextToken });
  return {
    name: sq.name,
    scheduledQueryArn: sq.scheduledQueryArn,
    triggerHistory: page.items,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** CreateScheduledQuery, GetScheduledQuery, ListScheduledQueries, UpdateScheduledQuery, DeleteScheduledQuery, GetScheduledQueryHistory. */
export const scheduledQueryOperations: Record<string, Handler> = {
  CreateScheduledQuery: createScheduledQuery,
  GetScheduledQuery: getScheduledQuery,
  ListScheduledQueries: listScheduledQueries,
  UpdateScheduledQuery: updateScheduledQuery,
  DeleteScheduledQuery: deleteScheduledQuery,
  GetScheduledQueryHistory: getScheduledQueryHistory,
};
