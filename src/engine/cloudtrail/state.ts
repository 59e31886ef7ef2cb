import { emptyLakeState, type LakeState } from './lake-types.js';
import type { DashboardRecord } from './dashboard-types.js';
import type { GeneratedQueryRecord } from './generate-query.js';
import type { TrailRecord } from './trail-types.js';

/** CloudTrail state of one account in one region: trails (by name) and the Lake side. */
export interface CloudTrailState {
  trails: Record<string, TrailRecord>;
  lake: LakeState;
  /** Dashboards by name (absent in worlds saved before them). */
  dashboards?: Record<string, DashboardRecord>;
  /** Queries GenerateQuery made, by QueryAlias (absent until the first). */
  generatedQueries?: Record<string, GeneratedQueryRecord>;
}

export function emptyCloudTrailState(): CloudTrailState {
  return { trails: {}, lake: emptyLakeState() };
}
