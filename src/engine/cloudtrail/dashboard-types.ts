/** A refresh schedule as the API carries it. */
export interface RefreshScheduleRecord {
  Frequency?: { Unit?: 'HOURS' | 'DAYS'; Value?: number };
  Status?: 'ENABLED' | 'DISABLED';
  TimeOfDay?: string;
}

/** A widget as GetDashboard returns it: the engine names each widget's query with a QueryAlias. */
export interface WidgetRecord {
  QueryAlias: string;
  QueryStatement: string;
  QueryParameters?: string[];
  ViewProperties: Record<string, string>;
}

/**
 * One refresh of a dashboard: the Lake query each widget ran, by QueryAlias (DescribeQuery finds
 * them by QueryAlias and RefreshId); a query CloudTrail was not allowed to run is a FAILED one.
 */
export interface RefreshRecord {
  refreshId: string;
  startedAt: number;
  queryIds: Record<string, string>;
}

/**
 * A dashboard: a custom one, the Highlights dashboard, or a managed dashboard of CloudTrail's
 * catalog (dashboard-managed.ts) that the account has refreshed (stored only from then on, for
 * its refresh history). Keyed by name in its region.
 */
export interface DashboardRecord {
  arn: string;
  name: string;
  type: 'CUSTOM' | 'MANAGED';
  status: 'CREATED' | 'UPDATED';
  widgets: WidgetRecord[];
  refreshSchedule?: RefreshScheduleRecord;
  terminationProtectionEnabled: boolean;
  createdTimestamp: number;
  updatedTimestamp: number;
  tags: Record<string, string>;
  resourcePolicy?: string;
  /** Newest last; the last few only. */
  refreshes: RefreshRecord[];
  /** A catalog dashboard (not made by CreateDashboard): read-only, never deleted. */
  catalog?: boolean;
}
