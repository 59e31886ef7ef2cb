import type { FeedRecords, LogsState, MetricDatapointRecord, SubscriptionDeliveryRecord } from './state.js';

/**
 * Bounds of what the engine keeps of its metric and subscription feed, per account and region: the
 * newest datapoints and deliveries are kept, the oldest dropped, so memory (and the persisted
 * world) stays small however long events keep flowing.
 */
export const MAX_METRIC_DATAPOINTS = 10_000;
export const MAX_DELIVERIES = 1_000;
/** Log events across all kept deliveries (one delivery may carry a whole 10,000-event batch). */
export const MAX_DELIVERED_EVENTS = 20_000;

function feedOf(logs: LogsState): FeedRecords {
  return (logs.feed ??= { metrics: [], deliveries: [] });
}

export function recordMetricDatapoints(logs: LogsState, datapoints: readonly MetricDatapointRecord[]): void {
  if (datapoints.length === 0) return;
  const metrics = feedOf(logs).metrics;
  metrics.push(...datapoints.slice(-MAX_METRIC_DATAPOINTS));
  if (metrics.length > MAX_METRIC_DATAPOINTS) metrics.splice(0, metrics.length - MAX_METRIC_DATAPOINTS);
}

export function recordDeliveries(logs: LogsState, deliveries: readonly SubscriptionDeliveryRecord[]): void {
  if (deliveries.length === 0) return;
  const kept = feedOf(logs).deliveries;
  kept.push(...deliveries);
  let events = 0;
  for (const d of kept) events += d.payload.logEvents.length;
  let drop = Math.max(0, kept.length - MAX_DELIVERIES);
  for (let i = 0; i < drop; i++) events -= kept[i]!.payload.logEvents.length;
  while (drop < kept.length - 1 && events > MAX_DELIVERED_EVENTS) events -= kept[drop++]!.payload.logEvents.length;
  if (drop > 0) kept.splice(0, drop);
}
