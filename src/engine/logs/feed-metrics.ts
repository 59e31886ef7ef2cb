import type { Call } from '../call.js';
import type { FilterMatch } from './pattern/index.js';
import { compileFilterPattern } from './pattern/index.js';
import type { FedEvent } from './feed.js';
import type { MetricDatapointRecord, MetricFilterRecord, MetricTransformationRecord } from './state.js';

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const MINUTE_MS = 60_000;

/**
 * The datapoints one metric filter publishes for a batch of events. Each matching event yields one
 * per transformation: the value is the number given, or the number the referenced field holds (an
 * event whose field is missing or not numeric, or lacks a dimension field, publishes nothing).
 * `defaultValue` is "reported during a period when logs are ingested but no matching logs are
 * found": one datapoint for each minute of the batch with events but no match.
 */
export function metricDatapoints(call: Call, logGroupName: string, filter: MetricFilterRecord, events: readonly FedEvent[]): MetricDatapointRecord[] {
  const pattern = compileFilterPattern(filter.filterPattern, 'PutMetricFilter');
  const matches = events.map((e) => pattern.match(e.message));
  const systemDimensions: Record<string, string> = {};
  for (const field of filter.emitSystemFieldDimensions ?? []) systemDimensions[field] = field === '@aws.account' ? call.account : call.region;
  const out: MetricDatapointRecord[] = [];
  for (const t of filter.metricTransformations) {
    const point = (value: number, dimensions: Record<string, string>, timestamp: number): MetricDatapointRecord => ({
      namespace: t.metricNamespace, metricName: t.metricName, value, unit: t.unit ?? 'None', dimensions, timestamp, logGroupName, filterName: filter.filterName,
    });
    events.forEach((event, i) => {
      const match = matches[i];
      if (!match) return;
      const value = metricValue(t, match);
      const dimensions = value === undefined ? undefined : resolveDimensions(t, match, systemDimensions);
      if (value !== undefined && dimensions) out.push(point(value, dimensions, event.timestamp));
    });
    if (t.defaultValue === undefined) continue;
    for (const minute of minutesWithoutMatch(events, matches)) {
      out.push(point(t.defaultValue, { ...systemDimensions }, minute));
    }
  }
  return out;
}

function metricValue(t: MetricTransformationRecord, match: FilterMatch): number | undefined {
  const text = NUMBER.test(t.metricValue) ? t.metricValue : match.resolve(t.metricValue);
  return text !== undefined && NUMBER.test(text.trim()) ? Number(text) : undefined;
}

function resolveDimensions(t: MetricTransformationRecord, match: FilterMatch, system: Record<string, string>): Record<string, string> | undefined {
  const dimensions: Record<string, string> = {};
  for (const [name, reference] of Object.entries(t.dimensions ?? {})) {
    const value = match.resolve(reference);
    if (value === undefined || value === '') return undefined;
    dimensions[name] = value;
  }
  return { ...dimensions, ...system };
}

function minutesWithoutMatch(events: readonly FedEvent[], matches: readonly (FilterMatch | undefined)[]): number[] {
  const seen = new Set<number>();
  const matched = new Set<number>();
  events.forEach((e, i) => {
    const minute = Math.floor(e.timestamp / MINUTE_MS) * MINUTE_MS;
    seen.add(minute);
    if (matches[i]) matched.add(minute);
  });
  return [...seen].filter((m) => !matched.has(m));
}
