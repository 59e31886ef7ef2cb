import { AdminInputError } from '../errors.js';
import type { WorldData } from '../world.js';
import type { MetricDatapointRecord, SubscriptionDeliveryRecord } from './state.js';

/** The body of `POST /_engine/metrics`: every member narrows the answer; none means everything. */
export interface MetricsQuery {
  account?: string;
  region?: string;
  namespace?: string;
  metricName?: string;
  logGroupName?: string;
  filterName?: string;
}

/** The body of `POST /_engine/deliveries`. */
export interface DeliveriesQuery {
  account?: string;
  region?: string;
  destinationArn?: string;
  logGroupName?: string;
  filterName?: string;
}

type Located<T> = T & { account: string; region: string };

function checkQuery(query: unknown, members: string[], route: string): Record<string, string> {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) throw new AdminInputError(`${route}: expected a JSON object`);
  for (const [key, value] of Object.entries(query)) {
    if (!members.includes(key)) throw new AdminInputError(`${route}: unknown member "${key}" (expected ${members.join(', ')})`);
    if (typeof value !== 'string') throw new AdminInputError(`${route}: "${key}" must be a string`);
  }
  return query as Record<string, string>;
}

function* regions(world: WorldData, query: { account?: string; region?: string }) {
  for (const [account, state] of Object.entries(world.accounts)) {
    if (query.account !== undefined && account !== query.account) continue;
    for (const [region, regionState] of Object.entries(state.regions)) {
      if (query.region === undefined || region === query.region) yield { account, region, feed: regionState.logs.feed };
    }
  }
}

/** `GET|POST /_engine/metrics`: the datapoints metric filters published, oldest first, with where. */
export function queryMetrics(world: WorldData, body: unknown): { metrics: Located<MetricDatapointRecord>[] } {
  const q = checkQuery(body, ['account', 'region', 'namespace', 'metricName', 'logGroupName', 'filterName'], 'metrics') as MetricsQuery;
  const metrics: Located<MetricDatapointRecord>[] = [];
  for (const { account, region, feed } of regions(world, q)) {
    for (const m of feed?.metrics ?? []) {
      if (q.namespace !== undefined && m.namespace !== q.namespace) continue;
      if (q.metricName !== undefined && m.metricName !== q.metricName) continue;
      if (q.logGroupName !== undefined && m.logGroupName !== q.logGroupName) continue;
      if (q.filterName !== undefined && m.filterName !== q.filterName) continue;
      metrics.push({ account, region, ...m });
    }
  }
  return { metrics };
}

/** `GET|POST /_engine/deliveries`: what subscriptions sent each destination, oldest first. */
export function queryDeliveries(world: WorldData, body: unknown): { deliveries: Located<SubscriptionDeliveryRecord>[] } {
  const q = checkQuery(body, ['account', 'region', 'destinationArn', 'logGroupName', 'filterName'], 'deliveries') as DeliveriesQuery;
  const deliveries: Located<SubscriptionDeliveryRecord>[] = [];
  for (const { account, region, feed } of regions(world, q)) {
    for (const d of feed?.deliveries ?? []) {
      if (q.destinationArn !== undefined && d.destinationArn !== q.destinationArn) continue;
      if (q.logGroupName !== undefined && d.payload.logGroup !== q.logGroupName) continue;
      if (q.filterName !== undefined && !d.payload.subscriptionFilters.includes(q.filterName)) continue;
      deliveries.push({ account, region, ...d });
    }
  }
  return { deliveries };
}
