import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { HIGHLIGHTS } from './dashboard-managed.js';
import type { RefreshScheduleRecord, WidgetRecord } from './dashboard-types.js';
import { findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import type { EventDataStoreRecord } from './lake-types.js';
import { SqlError } from './sql/errors.js';
import { compileQuery, type CompiledQuery } from './sql/run.js';
import { formatTimestamp } from './sql/schema.js';

/** Widgets per dashboard, and custom dashboards per region (CloudTrail's quotas). */
const MAX_WIDGETS = 10;
export const MAX_DASHBOARDS = 100;

/** The parameters a widget query may take, each filling one `'?'` of its statement in order. */
export const WIDGET_PARAMETERS = ['$StartTime$', '$EndTime$', '$Period$'];

// The messages in this file are unverified unless they quote the model's documentation.
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** A widget as CreateDashboard/UpdateDashboard take it. */
export interface RequestWidget {
  QueryStatement: string;
  QueryParameters?: string[];
  ViewProperties: Record<string, string>;
}

const PLACEHOLDER = /'\?'/g;

/** The statement with each `'?'` replaced by the quoted value of its parameter, in order. */
export function bindParameters(statement: string, parameters: string[], values: Record<string, string>): string {
  let i = 0;
  return statement.replace(PLACEHOLDER, () => `'${values[parameters[i++]!] ?? ''}'`);
}

/** A parameter value as the SQL reads it: ISO times (`2026-01-01T00:00:00Z`) become Trino's form. */
export function parameterValue(value: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? value : formatTimestamp(ms);
}

/** Default parameter values for a refresh at `now`: the last 24 hours. */
export function defaultParameters(now: number): Record<string, string> {
  return { $StartTime$: formatTimestamp(now - 86400e3), $EndTime$: formatTimestamp(now), $Period$: '1' };
}

/** Compiles a widget statement, as StartQuery would: a bad one is InvalidQueryStatementException. */
export function compileWidget(statement: string): CompiledQuery {
  try {
    return compileQuery(statement);
  } catch (error) {
    if (error instanceof SqlError) throw new AwsError('InvalidQueryStatementException', error.message);
    throw error;
  }
}

/** The live store a widget statement reads. */
export function widgetStore(call: Call, compiled: CompiledQuery): EventDataStoreRecord {
  const eds = findEventDataStore(call, compiled.table);
  checkActive(eds);
  return eds;
}

function checkWidget(call: Call, widget: RequestWidget, now: number): void {
  const parameters = widget.QueryParameters ?? [];
  const unknown = parameters.find((p) => !WIDGET_PARAMETERS.includes(p));
  if (unknown !== undefined) throw invalid(`Query parameter ${unknown} is not valid. Valid query parameters are ${WIDGET_PARAMETERS.join(', ')}.`);
  const placeholders = widget.QueryStatement.match(PLACEHOLDER)?.length ?? 0;
  if (placeholders !== parameters.length) {
    throw invalid(`The query statement has ${placeholders} '?' placeholders but ${parameters.length} QueryParameters were given.`);
  }
  widgetStore(call, compileWidget(bindParameters(widget.QueryStatement, parameters, defaultParameters(now))));
}

/** Validates a custom dashboard's widgets and names each one's query with a QueryAlias. */
export function checkWidgets(call: Call, dashboard: string, widgets: RequestWidget[]): WidgetRecord[] {
  if (widgets.length > MAX_WIDGETS) {
    throw new AwsError('ServiceQuotaExceededException', `A dashboard can have a maximum of ${MAX_WIDGETS} widgets.`);
  }
  return widgets.map((w, i) => {
    checkWidget(call, w, call.now);
    return {
      QueryAlias: `Dashboard-${dashboard}-Widget-${i + 1}`,
      QueryStatement: w.QueryStatement,
      ...(w.QueryParameters ? { QueryParameters: [...w.QueryParameters] } : {}),
      ViewProperties: { ...w.ViewProperties },
    };
  });
}

const HOURLY = [1, 6, 12, 24];

/** A refresh schedule: every 1, 6, 12 or 24 hours, or every day; Highlights every 6 hours, enabled. */
export function checkSchedule(schedule: RefreshScheduleRecord, name: string): RefreshScheduleRecord {
  const { Unit: unit, Value: value } = schedule.Frequency ?? {};
  if (name === HIGHLIGHTS) {
    if (unit !== 'HOURS' || value !== 6 || schedule.Status !== 'ENABLED') {
      throw invalid('The Highlights dashboard needs an ENABLED refresh schedule with a Frequency of 6 HOURS.');
    }
  } else if (schedule.Frequency !== undefined || schedule.Status === 'ENABLED') {
    if (unit === 'HOURS' ? !HOURLY.includes(value ?? -1) : unit !== 'DAYS' || value !== 1) {
      throw invalid('The refresh schedule Frequency must be 1, 6, 12, or 24 HOURS, or 1 DAYS.');
    }
  }
  const time = schedule.TimeOfDay;
  if (time !== undefined && (Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59)) {
    throw invalid(`TimeOfDay ${time} is not a valid UTC time (HH:MM).`);
  }
  return structuredClone(schedule);
}
