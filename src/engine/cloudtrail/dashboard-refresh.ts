import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { findDashboard } from './dashboard-lookup.js';
import { STORE_PLACEHOLDER } from './dashboard-managed.js';
import { bindParameters, compileWidget, defaultParameters, parameterValue, widgetStore, WIDGET_PARAMETERS } from './dashboard-rules.js';
import type { DashboardRecord, RefreshRecord, WidgetRecord } from './dashboard-types.js';
import { allowsCloudTrail } from './policy-document.js';
import { queryActive } from './query-lifecycle.js';
import { newQuery } from './queries.js';

/** A dashboard keeps the queries of its last few refreshes (DescribeQuery by RefreshId). */
const KEPT_REFRESHES = 10;

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** The parameter values of a refresh: defaults, overridden by the request; managed dashboards need a store. */
function refreshParameters(call: Call, d: DashboardRecord, given: Record<string, string>): Record<string, string> {
  const allowed = d.type === 'MANAGED' ? [...WIDGET_PARAMETERS, STORE_PLACEHOLDER] : WIDGET_PARAMETERS;
  const unknown = Object.keys(given).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw invalid(`Query parameter ${unknown} is not valid for dashboard ${d.name}. Valid query parameters are ${allowed.join(', ')}.`);
  if (d.type === 'MANAGED' && given[STORE_PLACEHOLDER] === undefined) {
    throw invalid(`The ${STORE_PLACEHOLDER} query parameter is required to refresh managed dashboard ${d.name}.`);
  }
  const values = defaultParameters(call.now);
  for (const [k, v] of Object.entries(given)) values[k] = parameterValue(v);
  return values;
}

/** A widget's statement with its parameters bound, compiled, and the live store it reads. */
interface PreparedWidget {
  statement: string;
  compiled: ReturnType<typeof compileWidget>;
  eds: ReturnType<typeof widgetStore>;
}

function prepareWidget(call: Call, widget: WidgetRecord, values: Record<string, string>): PreparedWidget {
  const bound = bindParameters(widget.QueryStatement, widget.QueryParameters ?? [], values);
  const statement = bound.split(STORE_PLACEHOLDER).join(values[STORE_PLACEHOLDER] ?? STORE_PLACEHOLDER);
  const compiled = compileWidget(statement);
  return { statement, compiled, eds: widgetStore(call, compiled) };
}

/**
 * Runs one widget's query as CloudTrail does for the dashboard: the store's resource-based policy
 * must let cloudtrail.amazonaws.com run StartQuery for this dashboard, or the query fails.
 */
function runWidget(call: Call, d: DashboardRecord, { statement, compiled, eds }: PreparedWidget): string {
  if (allowsCloudTrail(eds.resourcePolicy, 'cloudtrail:StartQuery', d.arn, call.account)) {
    return newQuery(call, eds, compiled, statement).queryId;
  }
  // Unverified wording: the failure AWS reports for a store that does not grant CloudTrail access.
  return newQuery(call, eds, compiled, statement, {
    status: 'FAILED',
    errorMessage: `CloudTrail is not authorized to run queries on event data store ${eds.arn} for dashboard ${d.arn}. Attach a resource-based policy that allows cloudtrail.amazonaws.com to perform cloudtrail:StartQuery.`,
    rows: [],
    eventsMatched: 0,
    eventsScanned: 0,
    bytesScanned: 0,
  }).queryId;
}

/** A refresh id: engine time in milliseconds, kept increasing within a dashboard. */
function nextRefreshId(d: DashboardRecord, now: number): string {
  const last = d.refreshes[d.refreshes.length - 1];
  return String(last && Number(last.refreshId) >= now ? Number(last.refreshId) + 1 : now);
}

/** StartDashboardRefresh: runs every widget's query; one refresh at a time per dashboard. */
function startDashboardRefresh(call: Call, input: { DashboardId: string; QueryParameterValues?: Record<string, string> }): unknown {
  const d = findDashboard(call, input.DashboardId, undefined, true);
  const values = refreshParameters(call, d, input.QueryParameterValues ?? {});
  const last = d.refreshes[d.refreshes.length - 1];
  const queries = call.state.cloudtrail.lake.queries;
  if (last && Object.values(last.queryIds).some((id) => Object.hasOwn(queries, id) && queryActive(queries[id]!, call.now))) {
    throw new AwsError('ServiceQuotaExceededException', `A refresh of dashboard ${d.name} is already in progress. A dashboard can have 1 refresh in progress at a time.`);
  }
  const refresh: RefreshRecord = { refreshId: nextRefreshId(d, call.now), startedAt: call.now, queryIds: {} };
  // Every widget is checked before any query starts: a refresh runs whole or not at all.
  const prepared = d.widgets.map((w) => prepareWidget(call, w, values));
  d.widgets.forEach((w, i) => (refresh.queryIds[w.QueryAlias] = runWidget(call, d, prepared[i]!)));
  d.refreshes = [...d.refreshes, refresh].slice(-KEPT_REFRESHES);
  return { RefreshId: refresh.refreshId };
}

export const dashboardRefreshOperations: Record<string, Handler> = { StartDashboardRefresh: startDashboardRefresh };
