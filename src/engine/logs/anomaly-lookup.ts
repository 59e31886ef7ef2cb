import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { AnomalyDetectorRecord } from './anomaly-records.js';
import { ownEntry } from './lookup.js';
import type { LogsState } from './state.js';

/** The detectors of a region's state, created where a world persisted before them lacks them. */
export const anomalyDetectors = (logs: LogsState): Record<string, AnomalyDetectorRecord> => (logs.anomalyDetectors ??= {});

/** The detector an ARN names in this account and Region, if any. */
export function anomalyDetectorByArn(call: Call, arn: string): AnomalyDetectorRecord | undefined {
  return ownEntry(anomalyDetectors(call.state.logs), arn);
}

/** The detector, or ResourceNotFoundException (AWS's wording unverified). */
export function requireDetector(call: Call, arn: string): AnomalyDetectorRecord {
  const detector = anomalyDetectorByArn(call, arn);
  if (!detector) throw new AwsError('ResourceNotFoundException', 'The specified anomaly detector does not exist.');
  return detector;
}
