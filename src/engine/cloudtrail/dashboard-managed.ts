import type { WidgetRecord } from './dashboard-types.js';

/** The Highlights dashboard: created with CreateDashboard, then managed (and refreshed) by CloudTrail. */
export const HIGHLIGHTS = 'AWSCloudTrail-Highlights';

/** Names in CloudTrail's managed namespace: nobody but CloudTrail (and Highlights) may use them. */
export const isManagedName = (name: string): boolean => name.startsWith('AWSCloudTrail-');

/** Managed widgets read the store a refresh names; `$EventDataStoreId$` stands for it. */
export const STORE_PLACEHOLDER = '$EventDataStoreId$';

const RANGE = `eventTime >= '?' AND eventTime <= '?'`;
const RANGE_PARAMETERS = ['$StartTime$', '$EndTime$'];

const widget = (alias: string, title: string, view: string, sql: string): WidgetRecord => ({
  QueryAlias: alias,
  QueryStatement: sql,
  QueryParameters: [...RANGE_PARAMETERS],
  ViewProperties: { Height: '2', Width: '4', Title: title, View: view },
});

/**
 * Managed dashboards: always there, read-only, refreshed on request for one store
 * (`$EventDataStoreId$` is required). The console offers 14; only the Overview dashboard's API name
 * (`AWSCloudTrail-Overview`) could be verified, so it is the one the engine serves. Its widgets are
 * the engine's own, in the Lake SQL subset the engine runs.
 */
export const MANAGED_DASHBOARDS: Record<string, WidgetRecord[]> = {
  'AWSCloudTrail-Overview': [
    widget('Overview-TopEventSources', 'Top event sources', 'BarChart',
      `SELECT eventSource, COUNT(*) AS eventCount FROM ${STORE_PLACEHOLDER} WHERE ${RANGE} GROUP BY eventSource ORDER BY eventCount DESC LIMIT 10`),
    widget('Overview-TopApiCalls', 'Most frequent API calls', 'BarChart',
      `SELECT eventName, eventSource, COUNT(*) AS eventCount FROM ${STORE_PLACEHOLDER} WHERE ${RANGE} GROUP BY eventName, eventSource ORDER BY eventCount DESC LIMIT 10`),
    widget('Overview-TopUsers', 'Most active users', 'Table',
      `SELECT userIdentity.arn AS principal, COUNT(*) AS eventCount FROM ${STORE_PLACEHOLDER} WHERE ${RANGE} GROUP BY userIdentity.arn ORDER BY eventCount DESC LIMIT 10`),
    widget('Overview-TopErrors', 'Top errors', 'Table',
      `SELECT errorCode, COUNT(*) AS errorCount FROM ${STORE_PLACEHOLDER} WHERE errorCode IS NOT NULL AND ${RANGE} GROUP BY errorCode ORDER BY errorCount DESC LIMIT 10`),
    widget('Overview-ReadWrite', 'Read and write events', 'PieChart',
      `SELECT readOnly, COUNT(*) AS eventCount FROM ${STORE_PLACEHOLDER} WHERE ${RANGE} GROUP BY readOnly`),
  ],
};

/** The Highlights dashboard's widgets: CloudTrail picks them; the engine's are these, over every store. */
export const HIGHLIGHTS_WIDGETS: WidgetRecord[] = [
  widget('Highlights-TopApiCalls', 'Top API calls', 'Table',
    `SELECT eventName, COUNT(*) AS eventCount FROM ${STORE_PLACEHOLDER} WHERE ${RANGE} GROUP BY eventName ORDER BY eventCount DESC LIMIT 10`),
  widget('Highlights-TopErrors', 'Top errors', 'Table',
    `SELECT errorCode, COUNT(*) AS errorCount FROM ${STORE_PLACEHOLDER} WHERE errorCode IS NOT NULL AND ${RANGE} GROUP BY errorCode ORDER BY errorCount DESC LIMIT 10`),
];
