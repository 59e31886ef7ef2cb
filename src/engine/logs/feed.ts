import type { Call } from '../call.js';
import { hasAccountPolicies } from './account-policy-store.js';
import { eventId, streamDigest, type NewLogEvent } from './event-store.js';
import { fieldSelectionOf, type SystemFields } from './field-selection.js';
import { metricDatapoints } from './feed-metrics.js';
import { recordDeliveries, recordMetricDatapoints } from './feed-store.js';
import { subscriptionDelivery, subscriptionsOf } from './feed-subscriptions.js';
import { transformedBatch, transformerOf } from './feed-transform.js';
import { effectiveIndexPolicy, indexFields, observeFieldIndexes } from './index-effective.js';
import type { LogGroupRecord, LogsState, LogStreamRecord, MetricDatapointRecord, SubscriptionDeliveryRecord } from './state.js';

/** A stored event as filters see it; its eventId is computed only if a subscription delivers it. */
export interface FedEvent {
  timestamp: number;
  message: string;
  id(): string;
}

/** A filter, as far as choosing the events it sees goes. */
interface EventConsumer {
  applyOnTransformedLogs?: boolean;
  fieldSelectionCriteria?: string;
}

/**
 * The representation of a batch a filter processes: the events as ingested, or — for a filter
 * with `applyOnTransformedLogs` on a group that has a (group- or account-level) transformer — as
 * transformed (computed once per batch, when a filter first asks).
 */
function seenBy(call: Call, group: LogGroupRecord, stream: LogStreamRecord, events: readonly FedEvent[]): (filter: EventConsumer) => readonly FedEvent[] {
  let transformed: readonly FedEvent[] | undefined;
  return (filter) => {
    if (!filter.applyOnTransformedLogs) return events;
    if (transformed === undefined) {
      const config = transformerOf(call, group);
      transformed = config ? transformedBatch(call, config, group, stream, events) : events;
    }
    return transformed;
  };
}

/** Whether a filter's fieldSelectionCriteria select events of this account and region. */
function selects(filter: EventConsumer, system: SystemFields): boolean {
  return filter.fieldSelectionCriteria === undefined || fieldSelectionOf(filter.fieldSelectionCriteria)(system);
}

/** The account policy types that act on ingested events of groups they select. */
function accountPoliciesApply(logs: LogsState): boolean {
  return logs.accountPolicies !== undefined && (hasAccountPolicies(logs, 'SUBSCRIPTION_FILTER_POLICY') || hasAccountPolicies(logs, 'FIELD_INDEX_POLICY'));
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/**
 * What ingesting events sets in motion: metric filters publish datapoints, subscriptions receive
 * deliveries, field index policies learn the fields seen. A group with no filter and no index
 * policy, in an account without subscription or field index account policies, costs a few
 * emptiness checks: PutLogEvents stays fast.
 * `firstSeq` is the sequence number the stream gave the first of the (stored, in order) events.
 */
export function feedLogEvents(call: Call, group: LogGroupRecord, stream: LogStreamRecord, stored: readonly NewLogEvent[], firstSeq: number): void {
  const logs = call.state.logs;
  if (stored.length === 0) return;
  if (isEmpty(group.metricFilters) && isEmpty(group.subscriptionFilters) && !group.indexPolicy && !accountPoliciesApply(logs)) return;
  let digest: string | undefined;
  const events: FedEvent[] = stored.map((e, i) => ({
    timestamp: e.timestamp,
    message: e.message,
    id: () => eventId((digest ??= streamDigest(stream.logStreamName)), { ...e, ingestionTime: call.now, seq: firstSeq + i }),
  }));
  const system: SystemFields = { '@aws.account': call.account, '@aws.region': call.region };
  const eventsSeenBy = seenBy(call, group, stream, events);
  const datapoints: MetricDatapointRecord[] = [];
  for (const filter of Object.values(group.metricFilters)) {
    if (selects(filter, system)) datapoints.push(...metricDatapoints(call, group.logGroupName, filter, eventsSeenBy(filter)));
  }
  recordMetricDatapoints(logs, datapoints);
  const deliveries: SubscriptionDeliveryRecord[] = [];
  for (const subscription of subscriptionsOf(call, group)) {
    if (!selects(subscription, system)) continue;
    const delivery = subscriptionDelivery(call, group, stream.logStreamName, subscription, eventsSeenBy(subscription));
    if (delivery) deliveries.push(delivery);
  }
  recordDeliveries(logs, deliveries);
  const indexPolicy = effectiveIndexPolicy(logs, group);
  if (indexPolicy) observeFieldIndexes(group, indexFields(indexPolicy.policyDocument), stored, call.now);
}
