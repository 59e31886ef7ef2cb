import type { ExportTaskRecord } from './state.js';

/**
 * How an export task progresses with engine time (no timers: computed whenever it is read).
 * A task is PENDING for its first second, RUNNING until five seconds after creation, then
 * COMPLETED with `completionTime` = creation + 5 s. CancelExportTask makes it CANCELLED at once.
 */
export const RUNNING_AFTER_MS = 1_000;
export const COMPLETED_AFTER_MS = 5_000;

/** The status of a task at an instant, as DescribeExportTasks reports it. */
export interface ExportTaskState {
  code: ExportTaskRecord['statusCode'];
  message?: string;
  completionTime?: number;
}

/** PENDING and RUNNING tasks count against the one-active-task quota. */
export const isActive = (state: ExportTaskState): boolean => state.code === 'PENDING' || state.code === 'RUNNING';

/** The task's status at engine time `now`. */
export function exportTaskState(task: ExportTaskRecord, now: number): ExportTaskState {
  if (task.statusCode !== 'PENDING' && task.statusCode !== 'RUNNING') {
    const state: ExportTaskState = { code: task.statusCode };
    if (task.statusMessage !== undefined) state.message = task.statusMessage;
    if (task.completionTime !== undefined) state.completionTime = task.completionTime;
    return state;
  }
  const age = now - task.creationTime;
  if (age < RUNNING_AFTER_MS) return { code: 'PENDING' };
  if (age < COMPLETED_AFTER_MS) return { code: 'RUNNING' };
  return { code: 'COMPLETED', message: 'Completed successfully', completionTime: task.creationTime + COMPLETED_AFTER_MS };
}
