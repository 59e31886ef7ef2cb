import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { detectAnomalies, type DetectedAnomaly } from './anomaly-detect.js';
import { anomalyDetectors, requireDetector } from './anomaly-lookup.js';
import type { SuppressionRecord } from './anomaly-records.js';
import { anomalyView } from './anomaly-view.js';
import { putEntry } from './lookup.js';
import { paginate } from './policy-page.js';

interface ListAnomaliesInput {
  anomalyDetectorArn?: string;
  suppressionState?: 'SUPPRESSED' | 'UNSUPPRESSED';
  limit?: number;
  nextToken?: string;
}

interface UpdateAnomalyInput {
  anomalyId?: string;
  patternId?: string;
  anomalyDetectorArn: string;
  suppressionType?: 'LIMITED' | 'INFINITE';
  suppressionPeriod?: { value?: number; suppressionUnit?: 'SECONDS' | 'MINUTES' | 'HOURS' };
  baseline?: boolean;
}

const UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000 } as const;
// Messages of UpdateAnomaly's own rules are unverified against AWS: worded in its style.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** Anomalies of one detector, or of every detector of the account in this Region, oldest first. */
function listAnomalies(call: Call, input: ListAnomaliesInput) {
  const detectors = input.anomalyDetectorArn !== undefined
    ? [requireDetector(call, input.anomalyDetectorArn)]
    : Object.values(anomalyDetectors(call.state.logs)).sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const views = detectors
    .flatMap((d) => detectAnomalies(call, d).map((a) => ({ a, view: anomalyView(d, a) })))
    .filter(({ view }) => input.suppressionState === undefined || view.suppressed === (input.suppressionState === 'SUPPRESSED'))
    .sort((x, y) => x.a.firstSeen - y.a.firstSeen || (x.a.anomalyId < y.a.anomalyId ? -1 : 1))
    .map(({ view }) => view);
  const page = paginate(`ListAnomalies:${input.anomalyDetectorArn ?? ''}`, views, input);
  return { anomalies: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** The suppression a request asks for: LIMITED needs a period; INFINITE ignores it. */
function requestedSuppression(call: Call, input: UpdateAnomalyInput): SuppressionRecord {
  if (input.suppressionType === 'INFINITE') return { since: call.now };
  const { value, suppressionUnit } = input.suppressionPeriod ?? {};
  if (!value || value <= 0 || suppressionUnit === undefined) {
    throw invalid('A suppressionPeriod with a positive value and a suppressionUnit is required for LIMITED suppression.');
  }
  return { since: call.now, until: call.now + value * UNIT_MS[suppressionUnit] };
}

function target(call: Call, input: UpdateAnomalyInput): DetectedAnomaly {
  if ((input.anomalyId === undefined) === (input.patternId === undefined)) {
    throw invalid('Exactly one of anomalyId or patternId must be specified.');
  }
  const detector = requireDetector(call, input.anomalyDetectorArn);
  const found = detectAnomalies(call, detector).find((a) =>
    input.anomalyId !== undefined ? a.anomalyId === input.anomalyId : a.patternId === input.patternId,
  );
  if (!found) {
    throw new AwsError('ResourceNotFoundException', input.anomalyId !== undefined
      ? 'The specified anomaly does not exist.'
      : 'The specified pattern does not exist.');
  }
  return found;
}

/**
 * Suppresses (LIMITED or INFINITE) or unsuppresses an anomaly or a whole pattern, and/or makes the
 * pattern baseline. Without suppressionType and suppressionPeriod, a suppression ends.
 */
function updateAnomaly(call: Call, input: UpdateAnomalyInput): void {
  const anomaly = target(call, input);
  const detector = requireDetector(call, input.anomalyDetectorArn);
  const byPattern = input.patternId !== undefined;
  const table = byPattern ? detector.suppressedPatterns : detector.suppressedAnomalies;
  const key = byPattern ? anomaly.patternId : anomaly.anomalyId;
  if (input.suppressionType !== undefined || input.suppressionPeriod !== undefined) {
    putEntry(table, key, requestedSuppression(call, input));
  } else if (input.baseline !== true) {
    delete table[key];
  }
  if (input.baseline === true) putEntry(detector.baselinedPatterns, anomaly.patternId, call.now);
}

/** ListAnomalies, UpdateAnomaly. */
export const anomalyOperations: Record<string, Handler> = {
  ListAnomalies: listAnomalies,
  UpdateAnomaly: updateAnomaly,
};
