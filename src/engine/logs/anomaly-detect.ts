import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { patternIdOf, patternOf, patternString, type PatternPiece } from './anomaly-patterns.js';
import type { AnomalyDetectorRecord, SuppressionRecord } from './anomaly-records.js';
import {
  BASELINE_SPAN_MS, FREQUENCY_MS, isEvaluated, latestWindow, trainedAt, windowOf, type EvaluationWindow,
} from './anomaly-status.js';
import { logGroupNameFromIdentifier, ownEntry } from './lookup.js';
import { compileFilterPattern } from './pattern/index.js';

/**
 * The detection rule. The baseline is how often each pattern (anomaly-patterns.ts) occurs in the
 * events of the two weeks before training ended (fewer if the group's retention is shorter). After training, each evaluation window counts
 * the patterns of the events it holds (those matching the detector's filterPattern); a pattern is
 * anomalous in a window when the baseline never saw it, or when it occurs at least 3 times and at
 * least 3 times as often as the baseline rate predicts for a window of that length. The anomaly of
 * a pattern gathers all its anomalous windows until `anomalyVisibilityTime` days after it was
 * first seen; then it is Baseline and its pattern counts as normal. A caller's baseline decision
 * ends it the same way; a suppression freezes it (no new windows) while in force.
 */
export const MIN_COUNT = 3;
export const RATE_FACTOR = 3;
export const MAX_SAMPLES = 10;
const DAY_MS = 86_400_000;

/** One anomaly as detected, before it is shaped for ListAnomalies. */
export interface DetectedAnomaly {
  anomalyId: string;
  patternId: string;
  pieces: PatternPiece[];
  firstSeen: number;
  lastSeen: number;
  histogram: Record<string, number>;
  samples: { timestamp: number; message: string }[];
  /** Per dynamic token, in order: value → occurrences. */
  enumerations: Record<string, number>[];
  count: number;
  /** Occurrences per window the baseline predicts (0 for a new pattern). */
  expected: number;
  state: 'Active' | 'Suppressed' | 'Baseline';
  active: boolean;
  suppression?: SuppressionRecord & { patternLevel: boolean };
}

interface Sighting {
  timestamp: number;
  message: string;
  pattern: string;
  pieces: PatternPiece[];
  values: string[];
}

/** The anomaly id of a pattern under a detector: 36 characters in UUID form, deterministic. */
export function anomalyIdOf(detectorArn: string, patternId: string): string {
  const h = createHash('sha256').update(`${detectorArn}\n${patternId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Every event of the detector's log groups that its filter pattern lets through, with its pattern. */
function sightings(call: Call, detector: AnomalyDetectorRecord): Sighting[] {
  const filter = compileFilterPattern(detector.filterPattern ?? '', 'FilterLogEvents');
  const out: Sighting[] = [];
  for (const arn of detector.logGroupArnList) {
    const group = ownEntry(call.state.logs.logGroups, logGroupNameFromIdentifier(call, arn) ?? '');
    for (const stream of Object.values(group?.streams ?? {})) {
      for (const e of stream.events) {
        if (!filter.match(e.message)) continue;
        const { pieces, values } = patternOf(e.message);
        out.push({ timestamp: e.timestamp, message: e.message, pattern: patternString(pieces), pieces, values });
      }
    }
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

/** How far back training could read: two weeks, or less where the group's retention had removed events. */
function baselineSpan(call: Call, detector: AnomalyDetectorRecord): number {
  const group = ownEntry(call.state.logs.logGroups, logGroupNameFromIdentifier(call, detector.logGroupArnList[0] ?? '') ?? '');
  const retention = group?.retentionInDays === undefined ? Infinity : group.retentionInDays * DAY_MS;
  return Math.min(BASELINE_SPAN_MS, retention);
}

/** Occurrences per window the baseline predicts for each pattern. */
function baselineRates(call: Call, detector: AnomalyDetectorRecord, all: Sighting[]): Map<string, number> {
  const end = trainedAt(detector);
  const from = end - baselineSpan(call, detector);
  const learned = all.filter((s) => s.timestamp >= from && s.timestamp < end);
  const size = FREQUENCY_MS[detector.evaluationFrequency];
  const span = Math.max(size, end - (learned[0]?.timestamp ?? end));
  const rates = new Map<string, number>();
  for (const s of learned) rates.set(s.pattern, (rates.get(s.pattern) ?? 0) + size / span);
  return rates;
}

/** The suppression in force for a pattern at an instant, anomaly-level first. */
function suppressionAt(detector: AnomalyDetectorRecord, anomalyId: string, patternId: string, at: number) {
  const inForce = (s: SuppressionRecord | undefined) => s !== undefined && s.since <= at && (s.until === undefined || at < s.until);
  const own = ownEntry(detector.suppressedAnomalies, anomalyId);
  if (inForce(own)) return { ...own!, patternLevel: false };
  const pattern = ownEntry(detector.suppressedPatterns, patternId);
  if (inForce(pattern)) return { ...pattern!, patternLevel: true };
  return undefined;
}

/** Evaluated windows holding events, in time order, each with its events grouped by pattern. */
function windows(call: Call, detector: AnomalyDetectorRecord, all: Sighting[]): [EvaluationWindow, Map<string, Sighting[]>][] {
  const byStart = new Map<number, [EvaluationWindow, Map<string, Sighting[]>]>();
  for (const s of all) {
    if (s.timestamp < trainedAt(detector)) continue;
    const w = windowOf(detector, s.timestamp);
    if (!isEvaluated(detector, w, call.now)) continue;
    const entry = byStart.get(w.start) ?? [w, new Map<string, Sighting[]>()];
    byStart.set(w.start, entry);
    entry[1].set(s.pattern, [...(entry[1].get(s.pattern) ?? []), s]);
  }
  return [...byStart.values()].sort((a, b) => a[0].start - b[0].start);
}

function startAnomaly(detector: AnomalyDetectorRecord, first: Sighting, window: EvaluationWindow, expected: number): DetectedAnomaly {
  const patternId = patternIdOf(first.pattern);
  return {
    anomalyId: anomalyIdOf(detector.arn, patternId),
    patternId,
    pieces: first.pieces,
    firstSeen: window.start,
    lastSeen: window.end,
    histogram: {},
    samples: [],
    enumerations: first.pieces.filter((p) => p.dynamic).map(() => ({})),
    count: 0,
    expected,
    state: 'Active',
    active: false,
  };
}

function record(anomaly: DetectedAnomaly, window: EvaluationWindow, events: Sighting[]): void {
  anomaly.lastSeen = window.end;
  anomaly.histogram[String(window.start)] = events.length;
  anomaly.count += events.length;
  for (const e of events) {
    if (anomaly.samples.length < MAX_SAMPLES) anomaly.samples.push({ timestamp: e.timestamp, message: e.message });
    e.values.forEach((v, i) => {
      const counts = anomaly.enumerations[i]!;
      counts[v] = (ownEntry(counts, v) ?? 0) + 1;
    });
  }
}

/** Whether a window's occurrences of a pattern stand out against its baseline rate. */
const isAnomalous = (expected: number | undefined, count: number): boolean =>
  expected === undefined || (count >= MIN_COUNT && count >= RATE_FACTOR * expected);

/** The detector's anomalies at engine time now, by pattern id. */
export function detectAnomalies(call: Call, detector: AnomalyDetectorRecord): DetectedAnomaly[] {
  const all = sightings(call, detector);
  const rates = baselineRates(call, detector, all);
  const visibilityMs = detector.anomalyVisibilityTime * DAY_MS;
  const found = new Map<string, DetectedAnomaly>();
  for (const [window, byPattern] of windows(call, detector, all)) {
    for (const [pattern, events] of byPattern) {
      const patternId = patternIdOf(pattern);
      const baselinedAt = ownEntry(detector.baselinedPatterns, patternId);
      if (baselinedAt !== undefined && window.start >= baselinedAt) continue;
      const existing = found.get(pattern);
      if (existing && window.start >= existing.firstSeen + visibilityMs) continue;
      if (suppressionAt(detector, anomalyIdOf(detector.arn, patternId), patternId, window.start)) continue;
      if (!isAnomalous(rates.get(pattern), events.length)) continue;
      const anomaly = existing ?? startAnomaly(detector, events[0]!, window, rates.get(pattern) ?? 0);
      found.set(pattern, anomaly);
      record(anomaly, window, events);
    }
  }
  const latest = latestWindow(detector, call.now);
  return [...found.values()].map((a) => settle(detector, a, call.now, latest));
}

/** The anomaly's state now: suppressed, baselined (by the caller or by age), or still active. */
function settle(detector: AnomalyDetectorRecord, a: DetectedAnomaly, now: number, latest: EvaluationWindow | undefined): DetectedAnomaly {
  const suppression = suppressionAt(detector, a.anomalyId, a.patternId, now);
  const baselined = ownEntry(detector.baselinedPatterns, a.patternId) !== undefined
    || now >= a.firstSeen + detector.anomalyVisibilityTime * DAY_MS;
  a.state = suppression ? 'Suppressed' : baselined ? 'Baseline' : 'Active';
  a.active = a.state === 'Active' && detector.enabled && latest !== undefined && a.lastSeen === latest.end;
  if (suppression) a.suppression = suppression;
  return a;
}
