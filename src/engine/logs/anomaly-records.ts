/** Log anomaly detectors as the engine stores them (plain JSON, persisted as they are). */

export type EvaluationFrequency = 'ONE_MIN' | 'FIVE_MIN' | 'TEN_MIN' | 'FIFTEEN_MIN' | 'THIRTY_MIN' | 'ONE_HOUR';

/** A suppression set by UpdateAnomaly: since when, and until when (absent = INFINITE). */
export interface SuppressionRecord {
  since: number;
  until?: number;
}

/**
 * One detector. Anomalies are not stored: they are computed from the group's events whenever read
 * (deterministically, see anomaly-detect.ts); only what callers decided about them is kept.
 */
export interface AnomalyDetectorRecord {
  arn: string;
  detectorName?: string;
  logGroupArnList: string[];
  evaluationFrequency: EvaluationFrequency;
  filterPattern?: string;
  kmsKeyId?: string;
  anomalyVisibilityTime: number;
  creationTime: number;
  lastModifiedTime: number;
  enabled: boolean;
  /** Spans of engine time the detector was paused (`end` absent while it still is). */
  pauses: { start: number; end?: number }[];
  tags: Record<string, string>;
  /** UpdateAnomaly on an anomaly id / a pattern id. */
  suppressedAnomalies: Record<string, SuppressionRecord>;
  suppressedPatterns: Record<string, SuppressionRecord>;
  /** Patterns callers declared normal (`baseline: true`), with the time they did. */
  baselinedPatterns: Record<string, number>;
}
