import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { s3BucketExists } from '../externals.js';
import type { Handler } from '../service.js';
import { exportTaskState, isActive } from './export-status.js';
import { ownEntry, putEntry, requireLogGroup } from './lookup.js';
import { paginate } from './policy-page.js';
import type { ExportTaskRecord } from './state.js';

interface CreateExportTaskInput {
  taskName?: string;
  logGroupName: string;
  logStreamNamePrefix?: string;
  from: number;
  to: number;
  destination: string;
  destinationPrefix?: string;
}

interface DescribeExportTasksInput {
  taskId?: string;
  statusCode?: ExportTaskRecord['statusCode'];
  nextToken?: string;
  limit?: number;
}

const DAY_MS = 86_400_000;

/** True when the account has a PENDING or RUNNING export task in any region (AWS: one at a time). */
function hasActiveTask(call: Call): boolean {
  return Object.values(call.accountState.regions).some((region) =>
    Object.values(region.logs.exportTasks).some((task) => isActive(exportTaskState(task, call.now))),
  );
}

/**
 * `from` must not be after `to`, and the range must reach into the group's retention period.
 * (AWS accepts ranges before the group was created; recorded against AWS by localstack and moto.)
 */
function checkTimeRange(call: Call, input: CreateExportTaskInput, retentionInDays: number | undefined): void {
  const expired = retentionInDays !== undefined && input.to < call.now - retentionInDays * DAY_MS;
  if (input.from > input.to || expired) {
    throw new AwsError(
      'InvalidParameterException',
      `Specified time range of '${input.from}' and '${input.to}' is not valid. Please make sure the values are within the retention period of the log groups and from value is lesser than the to value`,
    );
  }
}

function createExportTask(call: Call, input: CreateExportTaskInput) {
  if (!s3BucketExists(call, input.destination)) {
    throw new AwsError('InvalidParameterException', 'The given bucket does not exist. Please make sure the bucket is valid.');
  }
  const group = requireLogGroup(call, input.logGroupName);
  checkTimeRange(call, input, group.retentionInDays);
  if (hasActiveTask(call)) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  const task: ExportTaskRecord = {
    taskId: randomUUID(),
    logGroupName: input.logGroupName,
    from: input.from,
    to: input.to,
    destination: input.destination,
    destinationPrefix: input.destinationPrefix ?? 'exportedlogs',
    statusCode: 'PENDING',
    creationTime: call.now,
  };
  if (input.taskName !== undefined) task.taskName = input.taskName;
  if (input.logStreamNamePrefix !== undefined) task.logStreamNamePrefix = input.logStreamNamePrefix;
  putEntry(call.state.logs.exportTasks, task.taskId, task);
  return { taskId: task.taskId };
}

/** Only a PENDING or RUNNING task can be cancelled; it becomes CANCELLED at once. */
function cancelExportTask(call: Call, input: { taskId: string }): void {
  const task = ownEntry(call.state.logs.exportTasks, input.taskId);
  if (!task) throw new AwsError('ResourceNotFoundException', 'The specified export task does not exist.');
  if (!isActive(exportTaskState(task, call.now))) {
    throw new AwsError('InvalidOperationException', 'The specified export task has already finished');
  }
  task.statusCode = 'CANCELLED';
  task.statusMessage = 'Cancelled by user';
  task.completionTime = call.now;
}

/** The `ExportTask` structure, members in the model's order, status as of engine time now. */
function exportTaskView(call: Call, task: ExportTaskRecord) {
  const state = exportTaskState(task, call.now);
  return {
    taskId: task.taskId,
    ...(task.taskName !== undefined ? { taskName: task.taskName } : {}),
    logGroupName: task.logGroupName,
    from: task.from,
    to: task.to,
    destination: task.destination,
    destinationPrefix: task.destinationPrefix,
    status: { code: state.code, ...(state.message !== undefined ? { message: state.message } : {}) },
    executionInfo: {
      creationTime: task.creationTime,
      ...(state.completionTime !== undefined ? { completionTime: state.completionTime } : {}),
    },
  };
}

/** Newest first; an unknown taskId is an empty list, not an error (recorded against AWS). */
function describeExportTasks(call: Call, input: DescribeExportTasksInput) {
  const tasks = input.taskId !== undefined
    ? [ownEntry(call.state.logs.exportTasks, input.taskId)].filter((t): t is ExportTaskRecord => t !== undefined)
    : Object.values(call.state.logs.exportTasks);
  const views = tasks
    .sort((a, b) => b.creationTime - a.creationTime || (a.taskId < b.taskId ? -1 : 1))
    .map((task) => exportTaskView(call, task))
    .filter((view) => input.statusCode === undefined || view.status.code === input.statusCode);
  const page = paginate('DescribeExportTasks', views, input);
  return { exportTasks: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** CreateExportTask, CancelExportTask, DescribeExportTasks. */
export const exportOperations: Record<string, Handler> = {
  CreateExportTask: createExportTask,
  CancelExportTask: cancelExportTask,
  DescribeExportTasks: describeExportTasks,
};
