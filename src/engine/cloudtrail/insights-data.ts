import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import type { CloudTrailEvent } from './event-types.js';
import { findTrail, parseTrailRef, shadowTrails } from './trail-names.js';
import type { InsightSelectorRecord, TrailRecord } from './trail-types.js';

type InsightType = InsightSelectorRecord['InsightType'];

interface MetricInput {
  TrailName?: string;
  EventSource: string;
  EventName: string;
  InsightType: InsightType;
  ErrorCode?: string;
  /** Epoch seconds. */
  StartTime?: number;
  EndTime?: number;
  Period?: number;
  DataType?: 'FillWithZeros' | 'NonZeroData';
  MaxResults?: number;
  NextToken?: string;
}

const DAY_MS = 86400e3;

/** How far back data points of each period are kept (the model's documentation). */
const AVAILABLE_MS: Record<number, number> = { 60: 15 * DAY_MS, 300: 63 * DAY_MS, 3600: 90 * DAY_MS };

// Messages are unverified: AWS's wording for these checks could not be found.
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** Whether a trail or store of this region analyzes `type` Insights on the given event category. */
function insightsEnabled(call: Call, type: InsightType, category: 'Management' | 'Data', trail?: TrailRecord): boolean {
  const covers = (selectors: InsightSelectorRecord[] | undefined) =>
    (selectors ?? []).some((s) => s.InsightType === type && (s.EventCategories ?? ['Management']).includes(category));
  if (trail) return covers(trail.insightSelectors);
  const trails = [...Object.values(call.state.cloudtrail.trails), ...shadowTrails(call)];
  return trails.some((t) => covers(t.insightSelectors)) || Object.values(call.state.cloudtrail.lake.eventDataStores).some((s) => covers(s.insightSelectors));
}

/** The events a metric counts: write calls of the API (call rate), or its calls failing with the error (error rate). */
function counted(input: MetricInput): (e: CloudTrailEvent) => boolean {
  const same = (e: CloudTrailEvent) => e.eventSource === input.EventSource && e.eventName === input.EventName && e.managementEvent;
  if (input.InsightType === 'ApiCallRateInsight') return (e) => same(e) && !e.readOnly;
  return (e) => same(e) && e.errorCode === input.ErrorCode;
}

/** Per-period counts over [start, end): period starts aligned to the period, oldest first. */
function series(events: CloudTrailEvent[], matches: (e: CloudTrailEvent) => boolean, start: number, end: number, periodMs: number, fill: boolean) {
  const counts = new Map<number, number>();
  for (const e of events) {
    if (e.eventTime < start || e.eventTime >= end || !matches(e)) continue;
    const bucket = Math.floor(e.eventTime / periodMs) * periodMs;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const points: [number, number][] = [];
  if (fill) {
    for (let t = Math.ceil(start / periodMs) * periodMs; t < end; t += periodMs) points.push([t, counts.get(t) ?? 0]);
  } else {
    points.push(...[...counts.entries()].sort((a, b) => a[0] - b[0]));
  }
  return points;
}

/** The trail a TrailName names (name or ARN, shadows included), for metrics on its data events. */
function metricTrail(call: Call, name: string): TrailRecord {
  const trail = findTrail(call, parseTrailRef(call, name));
  if (!trail) throw invalid(`Trail ${name} was not found.`);
  return trail;
}

/**
 * ListInsightsMetricData: the per-period count of an API's write calls (ApiCallRateInsight) or of
 * its calls failing with ErrorCode (ApiErrorRateInsight), computed from the region's recorded
 * management events — while some trail or store of the region has that Insights type on. With a
 * TrailName the metrics are those of the trail's data events, which the engine never records.
 */
function listInsightsMetricData(call: Call, input: MetricInput): unknown {
  if (input.InsightType === 'ApiErrorRateInsight' && input.ErrorCode === undefined) {
    throw invalid('ErrorCode is required when InsightType is ApiErrorRateInsight.');
  }
  const period = input.Period ?? 3600;
  if (!Object.hasOwn(AVAILABLE_MS, period)) throw invalid(`Period ${period} is not valid. Valid values are 60, 300, and 3600.`);
  // EndTime is exclusive; by default the request time, counting calls made in its very millisecond.
  const end = input.EndTime === undefined ? call.now + 1 : input.EndTime * 1000;
  const start = Math.max(input.StartTime === undefined ? call.now - 90 * DAY_MS : input.StartTime * 1000, call.now - AVAILABLE_MS[period]!);
  if (input.StartTime !== undefined && input.EndTime !== undefined && input.StartTime > input.EndTime) {
    throw invalid('StartTime must be before EndTime.');
  }
  const trail = input.TrailName === undefined ? undefined : metricTrail(call, input.TrailName);
  const category = trail ? 'Data' : 'Management';
  const events = trail || !insightsEnabled(call, input.InsightType, category) ? [] : call.state.cloudtrail.lake.events;
  const points = series(events, counted(input), start, end, period * 1000, input.DataType === 'FillWithZeros');
  const { NextToken: _token, MaxResults: _max, ...filters } = input;
  const f = createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const cursor = decodeToken<{ f: string; o: number }>(input.NextToken, 'InvalidParameterException', 'The NextToken is not valid.');
    if (cursor.f !== f || !Number.isInteger(cursor.o) || cursor.o < 0) throw invalid('The NextToken is not valid.');
    offset = cursor.o;
  }
  const page = points.slice(offset, offset + (input.MaxResults ?? 21600));
  const next = offset + page.length;
  return {
    ...(trail ? { TrailARN: trail.arn } : {}),
    EventSource: input.EventSource,
    EventName: input.EventName,
    InsightType: input.InsightType,
    ...(input.InsightType === 'ApiErrorRateInsight' ? { ErrorCode: input.ErrorCode } : {}),
    Timestamps: page.map(([t]) => t / 1000),
    Values: page.map(([, v]) => v),
    ...(next < points.length ? { NextToken: encodeToken({ f, o: next }) } : {}),
  };
}

interface InsightsDataInput {
  InsightSource: string;
  DataType: 'InsightsEvents';
  Dimensions?: Record<string, string>;
  StartTime?: number;
  EndTime?: number;
  MaxResults?: number;
  NextToken?: string;
}

/**
 * ListInsightsData: the Insights events of a trail that has Insights on data events. Such events
 * come from a trail's data events, which the engine never records, so a valid request always
 * finds none; the trail and the request are checked as AWS checks them.
 */
function listInsightsData(call: Call, input: InsightsDataInput): unknown {
  if (!input.InsightSource.startsWith('arn:')) throw invalid(`InsightSource ${input.InsightSource} is not a trail ARN.`);
  const trail = findTrail(call, parseTrailRef(call, input.InsightSource));
  if (!trail) throw invalid(`Trail ${input.InsightSource} was not found.`);
  if (!trail.insightSelectors.some((s) => s.EventCategories?.includes('Data'))) {
    throw invalid(`Trail ${trail.arn} does not have Insights enabled on data events.`);
  }
  if (input.StartTime !== undefined && input.EndTime !== undefined && input.StartTime > input.EndTime) {
    throw invalid('StartTime must be before EndTime.');
  }
  if (input.NextToken !== undefined) decodeToken(input.NextToken, 'InvalidParameterException', 'The NextToken is not valid.');
  return { Events: [] };
}

export const insightsDataOperations: Record<string, Handler> = {
  ListInsightsMetricData: listInsightsMetricData,
  ListInsightsData: listInsightsData,
};
