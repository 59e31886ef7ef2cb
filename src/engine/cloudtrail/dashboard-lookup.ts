import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { MANAGED_DASHBOARDS } from './dashboard-managed.js';
import type { DashboardRecord } from './dashboard-types.js';

const DASHBOARD_ARN = /^arn:aws[\w-]*:cloudtrail:([a-z0-9-]+):(\d{12}):dashboard\/([a-zA-Z0-9_-]+)$/;

/** This region's stored dashboards by name (a world saved before dashboards has none). */
export const regionDashboards = (call: Call): Record<string, DashboardRecord> => (call.state.cloudtrail.dashboards ??= {});

/** A catalog dashboard as it reads before the account ever refreshed it. */
function catalogDashboard(call: Call, name: string): DashboardRecord {
  return {
    arn: call.arn('cloudtrail', `dashboard/${name}`),
    name,
    type: 'MANAGED',
    status: 'CREATED',
    widgets: structuredClone(MANAGED_DASHBOARDS[name]!),
    terminationProtectionEnabled: false,
    createdTimestamp: 0,
    updatedTimestamp: 0,
    tags: {},
    refreshes: [],
    catalog: true,
  };
}

const dashboardNotFound = (id: string): AwsError => new AwsError('ResourceNotFoundException', `Dashboard ${id} was not found.`);

/**
 * The dashboard a `DashboardId` names: its name, or its ARN in this account and region. Catalog
 * dashboards are found even before they are stored (`store` keeps one, for its refresh history).
 */
export function findDashboard(call: Call, id: string, missing = () => dashboardNotFound(id), store = false): DashboardRecord {
  let name = id;
  if (id.startsWith('arn:')) {
    const m = DASHBOARD_ARN.exec(id);
    if (!m || m[1] !== call.region || m[2] !== call.account) throw missing();
    name = m[3]!;
  }
  const dashboards = regionDashboards(call);
  if (Object.hasOwn(dashboards, name)) return dashboards[name]!;
  if (!Object.hasOwn(MANAGED_DASHBOARDS, name)) throw missing();
  const dashboard = catalogDashboard(call, name);
  if (store) dashboards[name] = dashboard;
  return dashboard;
}

/** Every dashboard of the region: stored ones and the catalog's, by name. */
export function allDashboards(call: Call): DashboardRecord[] {
  const stored = regionDashboards(call);
  const catalog = Object.keys(MANAGED_DASHBOARDS).filter((n) => !Object.hasOwn(stored, n)).map((n) => catalogDashboard(call, n));
  return [...Object.values(stored), ...catalog].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
