import { NameIndex } from '../sorted-names.js';
import type { LogsState } from './state.js';

/** Log group names of one region in ASCII order (DescribeLogGroups pages through them). */
const groupNames = new NameIndex<LogsState>((logs) => logs.logGroups);

/** The sorted names of the state's log groups (built once, then maintained incrementally). */
export const sortedLogGroupNames = (logs: LogsState): string[] => groupNames.sorted(logs);

/** How many log groups the state has (as cheap with a burst of creates as without). */
export const logGroupCount = (logs: LogsState): number => groupNames.count(logs);

/** Records a created log group in the index. */
export const indexLogGroupCreated = (logs: LogsState, name: string): void => groupNames.added(logs, name);

/** Removes a deleted log group from the index. */
export const indexLogGroupDeleted = (logs: LogsState, name: string): void => groupNames.removed(logs, name);
