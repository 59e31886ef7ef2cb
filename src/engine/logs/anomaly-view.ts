import type { DetectedAnomaly } from './anomaly-detect.js';
import { patternRegex, patternString, type PatternPiece } from './anomaly-patterns.js';
import type { AnomalyDetectorRecord } from './anomaly-records.js';

/**
 * Priority "is computed based on log severity labels such as FATAL and ERROR and the amount of
 * deviation from the baseline": HIGH for a pattern naming a failure, MEDIUM for a warning or a
 * window at ten times (or more) its baseline rate, LOW otherwise.
 */
export function priorityOf(a: DetectedAnomaly): 'HIGH' | 'MEDIUM' | 'LOW' {
  const text = a.pieces.filter((p) => !p.dynamic).map((p) => p.text).join(' ');
  if (/\b(FATAL|CRITICAL|ERROR|EXCEPTION)\b|Exception/i.test(text)) return 'HIGH';
  const peak = Math.max(...Object.values(a.histogram));
  if (/\bWARN(ING)?\b/i.test(text) || (a.expected > 0 && peak >= 10 * a.expected)) return 'MEDIUM';
  return 'LOW';
}

function descriptionOf(a: DetectedAnomaly): string {
  if (a.expected === 0) return `New log pattern seen ${a.count} time${a.count === 1 ? '' : 's'}`;
  const peak = Math.max(...Object.values(a.histogram));
  return `Log pattern seen ${peak} times in one evaluation period, about ${Math.max(1, Math.round(a.expected))} expected`;
}

/** The `PatternToken` list: static text at position 0, dynamic tokens numbered from 1. */
function patternTokens(pieces: PatternPiece[], enumerations: Record<string, number>[]) {
  let position = 0;
  return pieces.map((p) => {
    if (!p.dynamic) return { dynamicTokenPosition: 0, isDynamic: false, tokenString: p.text, enumerations: {} };
    position += 1;
    return {
      dynamicTokenPosition: position,
      isDynamic: true,
      tokenString: p.text,
      enumerations: { ...enumerations[position - 1] },
      inferredTokenName: `${p.kind}-${position}`,
    };
  });
}

/** The `Anomaly` structure of ListAnomalies, members in the model's order. */
export function anomalyView(detector: AnomalyDetectorRecord, a: DetectedAnomaly) {
  return {
    anomalyId: a.anomalyId,
    patternId: a.patternId,
    anomalyDetectorArn: detector.arn,
    patternString: patternString(a.pieces),
    patternRegex: patternRegex(a.pieces),
    priority: priorityOf(a),
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    description: descriptionOf(a),
    active: a.active,
    state: a.state,
    histogram: { ...a.histogram },
    logSamples: a.samples.map((s) => ({ ...s })),
    patternTokens: patternTokens(a.pieces, a.enumerations),
    logGroupArnList: [...detector.logGroupArnList],
    suppressed: a.suppression !== undefined,
    suppressedDate: a.suppression?.since ?? 0,
    suppressedUntil: a.suppression?.until ?? 0,
    isPatternLevelSuppression: a.suppression?.patternLevel ?? false,
  };
}
