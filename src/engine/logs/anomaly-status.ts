import type { AnomalyDetectorRecord, EvaluationFrequency } from './anomaly-records.js';

/**
 * A detector's lifecycle on engine time (no timers: computed when read). It is INITIALIZING for
 * its first 10 seconds and TRAINING until 15 minutes after creation ("The training period can take
 * up to 15 minutes"), learning its baseline from the two weeks of events before then; from then on
 * it is ANALYZING, evaluating one window of `evaluationFrequency` after another. While disabled
 * (UpdateLogAnomalyDetector `enabled: false`) it is PAUSED and evaluates nothing.
 */
export const INITIALIZING_MS = 10_000;
export const TRAINING_MS = 15 * 60_000;
/** "it trains using the past two weeks of log events in the log group". */
export const BASELINE_SPAN_MS = 14 * 86_400_000;

export const FREQUENCY_MS: Record<EvaluationFrequency, number> = {
  ONE_MIN: 60_000,
  FIVE_MIN: 5 * 60_000,
  TEN_MIN: 10 * 60_000,
  FIFTEEN_MIN: 15 * 60_000,
  THIRTY_MIN: 30 * 60_000,
  ONE_HOUR: 60 * 60_000,
};

export type AnomalyDetectorStatus = 'INITIALIZING' | 'TRAINING' | 'ANALYZING' | 'PAUSED';

export function detectorStatus(detector: AnomalyDetectorRecord, now: number): AnomalyDetectorStatus {
  if (!detector.enabled) return 'PAUSED';
  const age = now - detector.creationTime;
  if (age < INITIALIZING_MS) return 'INITIALIZING';
  if (age < TRAINING_MS) return 'TRAINING';
  return 'ANALYZING';
}

/** When training ends: the baseline covers the events before it, evaluation windows start at it. */
export const trainedAt = (detector: AnomalyDetectorRecord): number => detector.creationTime + TRAINING_MS;

/** One evaluation window: [start, end). */
export interface EvaluationWindow {
  start: number;
  end: number;
}

/** The window an event after training falls into. */
export function windowOf(detector: AnomalyDetectorRecord, timestamp: number): EvaluationWindow {
  const size = FREQUENCY_MS[detector.evaluationFrequency];
  const start = trainedAt(detector) + Math.floor((timestamp - trainedAt(detector)) / size) * size;
  return { start, end: start + size };
}

/** A window is evaluated once it is over, unless the detector was paused during any of it. */
export function isEvaluated(detector: AnomalyDetectorRecord, window: EvaluationWindow, now: number): boolean {
  if (window.start < trainedAt(detector) || window.end > now) return false;
  return !detector.pauses.some((p) => p.start < window.end && (p.end ?? Infinity) > window.start);
}

/** The most recent window that is over (whether or not it held events), if training has ended. */
export function latestWindow(detector: AnomalyDetectorRecord, now: number): EvaluationWindow | undefined {
  const size = FREQUENCY_MS[detector.evaluationFrequency];
  if (now < trainedAt(detector) + size) return undefined;
  const last = windowOf(detector, now - size);
  return last;
}
