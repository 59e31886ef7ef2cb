import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { regionStores } from '../cloudtrail/eds-lookup.js';
import type { EventDataStoreRecord } from '../cloudtrail/lake-types.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';
import type { Handler } from '../service.js';
import { indexLogGroupCreated } from './group-index.js';
import { batchStatusAt, bytesImported, endImport, importBatches, importStatusAt, importUpdatedAt } from './import-progress.js';
import { logGroupArn, ownEntry, putEntry } from './lookup.js';
import { paginate } from './policy-page.js';
import type { ImportStatus, ImportTaskRecord, LogGroupRecord } from './state.js';

interface CreateImportTaskInput {
  importSourceArn: string;
  importRoleArn: string;
  importFilter?: { startEventTime?: number; endEventTime?: number };
}

interface DescribeImportTasksInput {
  importId?: string;
  importStatus?: ImportStatus;
  importSourceArn?: string;
  limit?: number;
  nextToken?: string;
}

interface DescribeImportTaskBatchesInput {
  importId: string;
  batchImportStatus?: ImportStatus[];
  limit?: number;
  nextToken?: string;
}

/** "There can be no more than 3 active imports per account at a given time." */
const MAX_ACTIVE_IMPORTS = 3;
const DAY_MS = 86_400_000;
const EDS_ARN = /^arn:aws[\w-]*:cloudtrail:([\w-]+):(\d{12}):eventdatastore\/([a-zA-Z0-9._-]+)$/;

// AWS's messages for the rules below are not documented; these are unverified, in its style.

function importTasks(call: Call): Record<string, ImportTaskRecord> {
  return (call.state.logs.importTasks ??= {});
}

function requireImportTask(call: Call, importId: string): ImportTaskRecord {
  const task = ownEntry(importTasks(call), importId);
  if (!task) throw new AwsError('ResourceNotFoundException', `The specified import task does not exist: ${importId}`);
  return task;
}

/** The source must be an event data store of this account and Region that is active. */
function requireSource(call: Call, arn: string): EventDataStoreRecord {
  const m = EDS_ARN.exec(arn);
  if (!m) {
    throw new AwsError('InvalidParameterException', `Invalid import source ARN ${arn}: only CloudTrail Lake event data stores can be imported from.`);
  }
  const stores = regionStores(call);
  const eds = m[1] === call.region && m[2] === call.account && Object.hasOwn(stores, arn) ? stores[arn] : undefined;
  if (!eds) throw new AwsError('ResourceNotFoundException', `The specified event data store does not exist: ${arn}`);
  // A store that stopped ingesting still holds its events; one pending deletion or in transition does not count as active.
  if (eds.status !== 'ENABLED' && eds.status !== 'STOPPED_INGESTION') {
    throw new AwsError('InvalidOperationException', 'The import source must be in an ACTIVE state.');
  }
  return eds;
}

/** The window must be ordered and lie within the store's retention period. */
function checkFilter(call: Call, eds: EventDataStoreRecord, filter: CreateImportTaskInput['importFilter']): void {
  const { startEventTime, endEventTime } = filter ?? {};
  if (startEventTime !== undefined && endEventTime !== undefined && startEventTime > endEventTime) {
    throw new AwsError('InvalidParameterException', 'The startEventTime must be less than or equal to the endEventTime.');
  }
  const oldest = call.now - eds.retentionPeriod * DAY_MS;
  if ((startEventTime !== undefined && startEventTime < oldest) || (endEventTime !== undefined && endEventTime < oldest)) {
    throw new AwsError('InvalidParameterException', "The data being imported must be within the source's retention period.");
  }
}

function checkActiveImports(call: Call): void {
  let active = 0;
  for (const region of Object.values(call.accountState.regions)) {
    for (const task of Object.values(region.logs.importTasks ?? {})) if (importStatusAt(task, call.now) === 'IN_PROGRESS') active++;
  }
  if (active >= MAX_ACTIVE_IMPORTS) {
    throw new AwsError('ConflictException', `There can be no more than ${MAX_ACTIVE_IMPORTS} active imports per account at a given time.`);
  }
}

/**
 * The managed group an import writes to, named after the store's id in AWS's reserved `aws/`
 * namespace (the documented PassRole condition names `log-group:aws/cloudtrail/<store id>`).
 * Imports from the same store share it.
 */
function destinationGroup(call: Call, eds: EventDataStoreRecord): LogGroupRecord {
  const name = `aws/cloudtrail/${eds.arn.slice(eds.arn.lastIndexOf('/') + 1)}`;
  const groups = call.state.logs.logGroups;
  let group = ownEntry(groups, name);
  if (!group) {
    group = { logGroupName: name, creationTime: call.now, logGroupClass: 'STANDARD', tags: {}, metricFilters: {}, subscriptionFilters: {}, streams: {} };
    putEntry(groups, name, group);
    indexLogGroupCreated(call.state.logs, name);
  }
  return group;
}

function createImportTask(call: Call, input: CreateImportTaskInput) {
  const eds = requireSource(call, input.importSourceArn);
  if (!externalExists(call, 'iamRoles', input.importRoleArn)) {
    throw new AwsError('AccessDeniedException', `CloudWatch Logs cannot assume the import role ${input.importRoleArn}.`);
  }
  checkFilter(call, eds, input.importFilter);
  checkActiveImports(call);
  const from = input.importFilter?.startEventTime ?? -Infinity;
  const to = input.importFilter?.endEventTime ?? Infinity;
  const oldest = call.now - eds.retentionPeriod * DAY_MS;
  const events = eds.events.filter((e) => e.eventTime >= Math.max(from, oldest) && e.eventTime <= to);
  const group = destinationGroup(call, eds);
  const task: ImportTaskRecord = {
    importId: randomUUID(),
    importSourceArn: eds.arn,
    importRoleArn: input.importRoleArn,
    importDestinationArn: logGroupArn(call, group.logGroupName),
    logGroupName: group.logGroupName,
    ...(input.importFilter ? { importFilter: { ...input.importFilter } } : {}),
    creationTime: call.now,
    importStatus: 'IN_PROGRESS',
    batches: importBatches(events, call.now),
  };
  putEntry(importTasks(call), task.importId, task);
  return { importId: task.importId, importDestinationArn: task.importDestinationArn, creationTime: task.creationTime };
}

/** Stops an import in progress; the batches imported so far stay in the group. */
function cancelImportTask(call: Call, input: { importId: string }) {
  const task = requireImportTask(call, input.importId);
  if (importStatusAt(task, call.now) !== 'IN_PROGRESS') {
    throw new AwsError('InvalidOperationException', `The import task ${task.importId} is not in progress and cannot be cancelled.`);
  }
  endImport(task, 'CANCELLED', call.now);
  return {
    importId: task.importId,
    importStatistics: { bytesImported: bytesImported(task, call.now) },
    importStatus: 'CANCELLED',
    creationTime: task.creationTime,
    lastUpdatedTime: call.now,
  };
}

/** The `Import` structure, members in the model's order, as of engine time now. */
function importView(task: ImportTaskRecord, now: number) {
  return {
    importId: task.importId,
    importSourceArn: task.importSourceArn,
    importStatus: importStatusAt(task, now),
    importDestinationArn: task.importDestinationArn,
    importStatistics: { bytesImported: bytesImported(task, now) },
    ...(task.importFilter ? { importFilter: task.importFilter } : {}),
    creationTime: task.creationTime,
    lastUpdatedTime: importUpdatedAt(task, now),
    ...(task.errorMessage !== undefined ? { errorMessage: task.errorMessage } : {}),
  };
}

/** Newest first; the filters combine with AND. */
function describeImportTasks(call: Call, input: DescribeImportTasksInput) {
  const views = Object.values(importTasks(call))
    .filter((t) => input.importId === undefined || t.importId === input.importId)
    .filter((t) => input.importSourceArn === undefined || t.importSourceArn === input.importSourceArn)
    .sort((a, b) => b.creationTime - a.creationTime || (a.importId < b.importId ? -1 : 1))
    .map((t) => importView(t, call.now))
    .filter((v) => input.importStatus === undefined || v.importStatus === input.importStatus);
  const page = paginate('DescribeImportTasks', views, input);
  return { imports: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** The task's batches in eventTime order, 10 per page unless `limit` says otherwise. */
function describeImportTaskBatches(call: Call, input: DescribeImportTaskBatchesInput) {
  const task = requireImportTask(call, input.importId);
  const wanted = input.batchImportStatus;
  const batches = task.batches
    .map((b) => {
      const status = batchStatusAt(b, call.now);
      return { batchId: b.batchId, status, ...(status === 'FAILED' && b.errorMessage ? { errorMessage: b.errorMessage } : {}) };
    })
    .filter((b) => wanted === undefined || wanted.length === 0 || wanted.includes(b.status));
  const page = paginate(`DescribeImportTaskBatches/${task.importId}`, batches, { limit: input.limit ?? 10, nextToken: input.nextToken });
  return {
    importSourceArn: task.importSourceArn,
    importId: task.importId,
    importBatches: page.items,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** Imports from CloudTrail Lake event data stores into managed log groups. */
export const importTaskOperations: Record<string, Handler> = {
  CreateImportTask: createImportTask,
  CancelImportTask: cancelImportTask,
  DescribeImportTasks: describeImportTasks,
  DescribeImportTaskBatches: describeImportTaskBatches,
};
