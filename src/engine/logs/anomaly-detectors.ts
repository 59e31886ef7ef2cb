import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { anomalyDetectors, requireDetector } from './anomaly-lookup.js';
import type { AnomalyDetectorRecord, EvaluationFrequency } from './anomaly-records.js';
import { detectorStatus } from './anomaly-status.js';
import { requireUsableKmsKey } from './group-kms.js';
import { logGroupNameFromIdentifier, putEntry, requireLogGroup } from './lookup.js';
import { compileFilterPattern } from './pattern/index.js';
import { paginate } from './policy-page.js';
import { checkTagKeys } from './tag-rules.js';

interface CreateLogAnomalyDetectorInput {
  logGroupArnList: string[];
  detectorName?: string;
  evaluationFrequency?: EvaluationFrequency;
  filterPattern?: string;
  kmsKeyId?: string;
  anomalyVisibilityTime?: number;
  tags?: Record<string, string>;
}

interface UpdateLogAnomalyDetectorInput {
  anomalyDetectorArn: string;
  evaluationFrequency?: EvaluationFrequency;
  filterPattern?: string;
  anomalyVisibilityTime?: number;
  enabled: boolean;
}

/** "500 anomaly detectors per account" (CloudWatch Logs quotas). */
const MAX_DETECTORS_PER_ACCOUNT = 500;
/** Defaults when CreateLogAnomalyDetector omits them (AWS's, as the CLI examples and Terraform show). */
const DEFAULT_FREQUENCY: EvaluationFrequency = 'FIVE_MIN';
const DEFAULT_VISIBILITY_DAYS = 21;

/** "You can specify only one log group ARN"; it must name a group of this account and Region. */
function checkLogGroups(call: Call, arns: string[]): void {
  if (arns.length !== 1) {
    // AWS's wording unverified.
    throw new AwsError('InvalidParameterException', 'logGroupArnList must contain exactly one log group ARN.');
  }
  const name = arns[0]!.startsWith('arn:') ? logGroupNameFromIdentifier(call, arns[0]!) : undefined;
  requireLogGroup(call, name ?? '');
}

/** Filter patterns use the language of metric and subscription filters (AWS's wording for a bad one unverified). */
const checkFilterPattern = (pattern: string | undefined) => pattern !== undefined && compileFilterPattern(pattern, 'FilterLogEvents');

function detectorCount(call: Call): number {
  return Object.values(call.accountState.regions).reduce((n, r) => n + Object.keys(r.logs.anomalyDetectors ?? {}).length, 0);
}

function createLogAnomalyDetector(call: Call, input: CreateLogAnomalyDetectorInput) {
  checkLogGroups(call, input.logGroupArnList);
  checkFilterPattern(input.filterPattern);
  if (input.kmsKeyId !== undefined) requireUsableKmsKey(call, input.kmsKeyId);
  checkTagKeys(Object.keys(input.tags ?? {}));
  if (detectorCount(call) >= MAX_DETECTORS_PER_ACCOUNT) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  const detector: AnomalyDetectorRecord = {
    arn: call.arn('logs', `anomaly-detector:${randomUUID()}`),
    logGroupArnList: [...input.logGroupArnList],
    evaluationFrequency: input.evaluationFrequency ?? DEFAULT_FREQUENCY,
    anomalyVisibilityTime: input.anomalyVisibilityTime ?? DEFAULT_VISIBILITY_DAYS,
    creationTime: call.now,
    lastModifiedTime: call.now,
    enabled: true,
    pauses: [],
    tags: { ...(input.tags ?? {}) },
    suppressedAnomalies: {},
    suppressedPatterns: {},
    baselinedPatterns: {},
  };
  if (input.detectorName !== undefined) detector.detectorName = input.detectorName;
  if (input.filterPattern !== undefined) detector.filterPattern = input.filterPattern;
  if (input.kmsKeyId !== undefined) detector.kmsKeyId = input.kmsKeyId;
  putEntry(anomalyDetectors(call.state.logs), detector.arn, detector);
  return { anomalyDetectorArn: detector.arn };
}

/** The members GetLogAnomalyDetector and the `AnomalyDetector` structure share, in the model's order. */
function detectorFields(call: Call, d: AnomalyDetectorRecord) {
  return {
    ...(d.detectorName !== undefined ? { detectorName: d.detectorName } : {}),
    logGroupArnList: [...d.logGroupArnList],
    evaluationFrequency: d.evaluationFrequency,
    ...(d.filterPattern !== undefined ? { filterPattern: d.filterPattern } : {}),
    anomalyDetectorStatus: detectorStatus(d, call.now),
    ...(d.kmsKeyId !== undefined ? { kmsKeyId: d.kmsKeyId } : {}),
    creationTimeStamp: d.creationTime,
    lastModifiedTimeStamp: d.lastModifiedTime,
    anomalyVisibilityTime: d.anomalyVisibilityTime,
  };
}

function getLogAnomalyDetector(call: Call, input: { anomalyDetectorArn: string }) {
  return detectorFields(call, requireDetector(call, input.anomalyDetectorArn));
}

/** The group an ARN names, with or without `:*`, so a filter matches either spelling. */
const groupKey = (call: Call, arn: string) => logGroupNameFromIdentifier(call, arn) ?? arn;

function listLogAnomalyDetectors(call: Call, input: { filterLogGroupArn?: string; limit?: number; nextToken?: string }) {
  const wanted = input.filterLogGroupArn === undefined ? undefined : groupKey(call, input.filterLogGroupArn);
  const views = Object.values(anomalyDetectors(call.state.logs))
    .filter((d) => wanted === undefined || d.logGroupArnList.some((arn) => groupKey(call, arn) === wanted))
    .sort((a, b) => a.creationTime - b.creationTime || (a.arn < b.arn ? -1 : 1))
    .map((d) => ({ anomalyDetectorArn: d.arn, ...detectorFields(call, d) }));
  const page = paginate(`ListLogAnomalyDetectors:${wanted ?? ''}`, views, input);
  return { anomalyDetectors: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** Pausing opens a pause span, resuming closes it: windows overlapping a pause are never evaluated. */
function setEnabled(d: AnomalyDetectorRecord, enabled: boolean, now: number): void {
  if (d.enabled && !enabled) d.pauses.push({ start: now });
  if (!d.enabled && enabled) {
    const open = d.pauses[d.pauses.length - 1];
    if (open && open.end === undefined) open.end = now;
  }
  d.enabled = enabled;
}

function updateLogAnomalyDetector(call: Call, input: UpdateLogAnomalyDetectorInput): void {
  const detector = requireDetector(call, input.anomalyDetectorArn);
  checkFilterPattern(input.filterPattern);
  if (input.evaluationFrequency !== undefined) detector.evaluationFrequency = input.evaluationFrequency;
  if (input.filterPattern !== undefined) detector.filterPattern = input.filterPattern;
  if (input.anomalyVisibilityTime !== undefined) detector.anomalyVisibilityTime = input.anomalyVisibilityTime;
  setEnabled(detector, input.enabled, call.now);
  detector.lastModifiedTime = call.now;
}

function deleteLogAnomalyDetector(call: Call, input: { anomalyDetectorArn: string }): void {
  requireDetector(call, input.anomalyDetectorArn);
  delete anomalyDetectors(call.state.logs)[input.anomalyDetectorArn];
}

/** Create, Get, List, Update and DeleteLogAnomalyDetector. */
export const anomalyDetectorOperations: Record<string, Handler> = {
  CreateLogAnomalyDetector: createLogAnomalyDetector,
  GetLogAnomalyDetector: getLogAnomalyDetector,
  ListLogAnomalyDetectors: listLogAnomalyDetectors,
  UpdateLogAnomalyDetector: updateLogAnomalyDetector,
  DeleteLogAnomalyDetector: deleteLogAnomalyDetector,
};

