import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { allDashboards, findDashboard, regionDashboards } from './dashboard-lookup.js';
import { HIGHLIGHTS, HIGHLIGHTS_WIDGETS, isManagedName, MANAGED_DASHBOARDS } from './dashboard-managed.js';
import { checkSchedule, checkWidgets, MAX_DASHBOARDS, type RequestWidget } from './dashboard-rules.js';
import type { DashboardRecord, RefreshScheduleRecord } from './dashboard-types.js';
import { seconds } from './eds-lookup.js';
import { mergeTags, tagList, type TagInput } from './tag-rules.js';

interface CreateDashboardInput {
  Name: string;
  RefreshSchedule?: RefreshScheduleRecord;
  TagsList?: TagInput[];
  TerminationProtectionEnabled?: boolean;
  Widgets?: RequestWidget[];
}

// Messages not quoting the model's documentation are unverified.
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** A name is free unless a stored or catalog dashboard has it; CloudTrail's names are its own. */
function checkName(call: Call, name: string): void {
  if (Object.hasOwn(regionDashboards(call), name) || Object.hasOwn(MANAGED_DASHBOARDS, name)) {
    throw new AwsError('ConflictException', `A dashboard named ${name} already exists.`);
  }
  if (isManagedName(name) && name !== HIGHLIGHTS) {
    throw invalid(`Dashboard names that begin with AWSCloudTrail- are reserved for dashboards managed by CloudTrail.`);
  }
}

/** Custom dashboards are limited per region; the Highlights dashboard does not count. */
function checkQuota(call: Call): void {
  if (Object.values(regionDashboards(call)).filter((d) => d.type === 'CUSTOM').length >= MAX_DASHBOARDS) {
    throw new AwsError('ServiceQuotaExceededException', `You have reached the maximum number of dashboards (${MAX_DASHBOARDS}) in this Region.`);
  }
}

/** CreateDashboard: a custom dashboard, or the Highlights dashboard (refreshed every 6 hours, no widgets of yours). */
function createDashboard(call: Call, input: CreateDashboardInput): unknown {
  checkName(call, input.Name);
  const highlights = input.Name === HIGHLIGHTS;
  if (highlights && input.Widgets !== undefined) throw invalid('Widgets cannot be specified for the Highlights dashboard.');
  if (highlights && input.RefreshSchedule === undefined) {
    throw invalid('The Highlights dashboard needs an ENABLED refresh schedule with a Frequency of 6 HOURS.');
  }
  if (!highlights) checkQuota(call);
  const schedule = input.RefreshSchedule === undefined ? undefined : checkSchedule(input.RefreshSchedule, input.Name);
  const widgets = highlights ? structuredClone(HIGHLIGHTS_WIDGETS) : checkWidgets(call, input.Name, input.Widgets ?? []);
  const tags = mergeTags({}, input.TagsList ?? []);
  const dashboard: DashboardRecord = {
    arn: call.arn('cloudtrail', `dashboard/${input.Name}`),
    name: input.Name,
    type: highlights ? 'MANAGED' : 'CUSTOM',
    status: 'CREATED',
    widgets,
    ...(schedule ? { refreshSchedule: schedule } : {}),
    terminationProtectionEnabled: input.TerminationProtectionEnabled ?? false,
    createdTimestamp: call.now,
    updatedTimestamp: call.now,
    tags,
    refreshes: [],
  };
  regionDashboards(call)[dashboard.name] = dashboard;
  return {
    DashboardArn: dashboard.arn,
    Name: dashboard.name,
    Type: dashboard.type,
    Widgets: dashboard.widgets,
    ...(input.TagsList ? { TagsList: tagList(tags) } : {}),
    ...(schedule ? { RefreshSchedule: schedule } : {}),
    TerminationProtectionEnabled: dashboard.terminationProtectionEnabled,
  };
}

/** GetDashboard's view (catalog dashboards have no timestamps of their own). */
function dashboardView(d: DashboardRecord): Record<string, unknown> {
  const last = d.refreshes[d.refreshes.length - 1];
  return {
    DashboardArn: d.arn,
    Type: d.type,
    Status: d.status,
    Widgets: d.widgets,
    ...(d.refreshSchedule ? { RefreshSchedule: d.refreshSchedule } : {}),
    ...(d.catalog ? {} : { CreatedTimestamp: seconds(d.createdTimestamp), UpdatedTimestamp: seconds(d.updatedTimestamp) }),
    ...(last ? { LastRefreshId: last.refreshId } : {}),
    TerminationProtectionEnabled: d.terminationProtectionEnabled,
  };
}

function getDashboard(call: Call, input: { DashboardId: string }): unknown {
  return dashboardView(findDashboard(call, input.DashboardId));
}

/** A dashboard the caller may change or delete: not one of CloudTrail's catalog. */
function ownDashboard(call: Call, id: string): DashboardRecord {
  const d = findDashboard(call, id);
  if (d.catalog) throw new AwsError('UnsupportedOperationException', `Dashboard ${d.name} is managed by CloudTrail and cannot be changed or deleted.`);
  return d;
}

interface UpdateDashboardInput {
  DashboardId: string;
  Widgets?: RequestWidget[];
  RefreshSchedule?: RefreshScheduleRecord;
  TerminationProtectionEnabled?: boolean;
}

/** UpdateDashboard: Widgets replaces the whole list; the schedule and protection change when given. */
function updateDashboard(call: Call, input: UpdateDashboardInput): unknown {
  const d = ownDashboard(call, input.DashboardId);
  if (d.name === HIGHLIGHTS && input.Widgets !== undefined) throw invalid('Widgets cannot be specified for the Highlights dashboard.');
  const widgets = input.Widgets === undefined ? undefined : checkWidgets(call, d.name, input.Widgets);
  const schedule = input.RefreshSchedule === undefined ? undefined : checkSchedule(input.RefreshSchedule, d.name);
  if (widgets) d.widgets = widgets;
  if (schedule) d.refreshSchedule = schedule;
  if (input.TerminationProtectionEnabled !== undefined) d.terminationProtectionEnabled = input.TerminationProtectionEnabled;
  d.status = 'UPDATED';
  d.updatedTimestamp = call.now;
  return {
    DashboardArn: d.arn,
    Name: d.name,
    Type: d.type,
    Widgets: d.widgets,
    ...(d.refreshSchedule ? { RefreshSchedule: d.refreshSchedule } : {}),
    TerminationProtectionEnabled: d.terminationProtectionEnabled,
    CreatedTimestamp: seconds(d.createdTimestamp),
    UpdatedTimestamp: seconds(d.updatedTimestamp),
  };
}

/** DeleteDashboard: refused while termination protection is on. */
function deleteDashboard(call: Call, input: { DashboardId: string }): unknown {
  const d = ownDashboard(call, input.DashboardId);
  if (d.terminationProtectionEnabled) {
    throw new AwsError('ConflictException', `Dashboard ${d.name} cannot be deleted because termination protection is enabled.`);
  }
  delete regionDashboards(call)[d.name];
  return {};
}

interface ListDashboardsInput {
  NamePrefix?: string;
  Type?: 'MANAGED' | 'CUSTOM';
  NextToken?: string;
  MaxResults?: number;
}

/** ListDashboards: by name, filtered by prefix and type; the token carries the filters and last name. */
function listDashboards(call: Call, input: ListDashboardsInput): unknown {
  const filter = JSON.stringify([input.NamePrefix ?? null, input.Type ?? null]);
  const all = allDashboards(call).filter(
    (d) => (input.NamePrefix === undefined || d.name.startsWith(input.NamePrefix)) && (input.Type === undefined || d.type === input.Type),
  );
  let start = 0;
  if (input.NextToken !== undefined) {
    const cursor = decodeToken<{ f: string; n: string }>(input.NextToken, 'InvalidParameterException', 'The NextToken is not valid.');
    if (cursor.f !== filter) throw invalid('The NextToken is not valid.');
    start = all.findIndex((d) => d.name > cursor.n);
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + (input.MaxResults ?? 1000));
  const last = page[page.length - 1];
  return {
    Dashboards: page.map((d) => ({ DashboardArn: d.arn, Type: d.type })),
    ...(last && start + page.length < all.length ? { NextToken: encodeToken({ f: filter, n: last.name }) } : {}),
  };
}

export const dashboardOperations: Record<string, Handler> = {
  CreateDashboard: createDashboard,
  GetDashboard: getDashboard,
  UpdateDashboard: updateDashboard,
  DeleteDashboard: deleteDashboard,
  ListDashboards: listDashboards,
};
