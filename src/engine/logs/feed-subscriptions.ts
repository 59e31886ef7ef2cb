import type { Call } from '../call.js';
import { subscriptionPolicy } from './account-policy-documents.js';
import { accountPoliciesCovering } from './account-policy-store.js';
import type { FedEvent } from './feed.js';
import { compileFilterPattern } from './pattern/index.js';
import type { LogGroupRecord, SubscriptionDeliveryRecord } from './state.js';

/** What a delivery needs of a subscription: a log group's filter or the account's filter policy. */
export interface Subscription {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  emitSystemFields?: string[];
  applyOnTransformedLogs?: boolean;
  fieldSelectionCriteria?: string;
}

/**
 * The subscriptions that receive a group's events: its own filters (up to two) and the account's
 * SUBSCRIPTION_FILTER_POLICY when its criteria select the group — "additive", as documented.
 */
export function subscriptionsOf(call: Call, group: LogGroupRecord): Subscription[] {
  const own: Subscription[] = Object.values(group.subscriptionFilters);
  const account = accountPoliciesCovering(call.state.logs, 'SUBSCRIPTION_FILTER_POLICY', group.logGroupName).map((p) => {
    const { destinationArn, filterPattern } = subscriptionPolicy(p.policyDocument);
    return { filterName: p.policyName, filterPattern, destinationArn };
  });
  return [...own, ...account];
}

/**
 * The payload CloudWatch Logs sends a destination for the events of one stream that a subscription's
 * pattern matches (decoded from its gzip+base64 form), or undefined when nothing matched. Emitted
 * system fields ride on each log event (their placement in AWS's payload is unverified).
 */
export function subscriptionDelivery(call: Call, group: LogGroupRecord, logStreamName: string, subscription: Subscription, events: readonly FedEvent[]): SubscriptionDeliveryRecord | undefined {
  const pattern = compileFilterPattern(subscription.filterPattern, 'PutSubscriptionFilter');
  const system: Record<string, string> = {};
  for (const field of subscription.emitSystemFields ?? []) system[field] = field === '@aws.account' ? call.account : call.region;
  const logEvents = events
    .filter((e) => pattern.match(e.message) !== undefined)
    .map((e) => ({ id: e.id(), timestamp: e.timestamp, message: e.message, ...system }));
  if (logEvents.length === 0) return undefined;
  return {
    destinationArn: subscription.destinationArn,
    deliveredAt: call.now,
    payload: {
      messageType: 'DATA_MESSAGE',
      owner: call.account,
      logGroup: group.logGroupName,
      logStream: logStreamName,
      subscriptionFilters: [subscription.filterName],
      logEvents,
    },
  };
}
