import { emptyLakeState, type LakeState } from './lake-types.js';
import type { TrailRecord } from './trail-types.js';

/** CloudTrail state of one account in one region: trails (by name) and the Lake side. */
export interface CloudTrailState {
  trails: Record<string, TrailRecord>;
  lake: LakeState;
}

export function emptyCloudTrailState(): CloudTrailState {
  return { trails: {}, lake: emptyLakeState() };
}
