import type { AccountPolicy } from '../../src/kinds/account-policy.js';
import type { AnomalyDetector } from '../../src/kinds/anomaly-detector.js';
import type { DeliveryDestination } from '../../src/kinds/delivery-destination.js';
import type { DeliverySource } from '../../src/kinds/delivery-source.js';
import type { Delivery } from '../../src/kinds/delivery.js';
import type { QueryDefinition } from '../../src/kinds/query-definition.js';
import { childAddress } from '../../src/kinds/index.js';
import type { Json, ResourceSet } from '../../src/model/resources.js';
import { putResource } from '../../src/model/resources.js';
import { ACCOUNT_ARN, group, set, type GroupFixture } from './fixtures.js';

/** Canonical values of the kinds of issue 13, as planner tables write them, and a set holding them. */

export const logsArn = (resource: string) => `arn:aws:logs:${ACCOUNT_ARN}:${resource}`;
export const DISTRIBUTION = 'arn:aws:cloudfront::123456789012:distribution/EDIST1';

export const accountPolicy = (policyType: AccountPolicy['policyType'], policyName: string, policyDocument: Json, extra: Partial<AccountPolicy> = {}): AccountPolicy => ({
  policyName,
  policyType,
  policyDocument,
  scope: 'ALL',
  ...extra,
});

export const deliverySource = (name: string, extra: Partial<DeliverySource> = {}): DeliverySource => ({ name, resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS', tags: {}, ...extra });

/** A destination into the log group `group` (CWL). */
export const deliveryDestination = (name: string, group: string, extra: Partial<DeliveryDestination> = {}): DeliveryDestination => ({
  name,
  deliveryDestinationType: 'CWL',
  deliveryDestinationConfiguration: { destinationResourceArn: logsArn(`log-group:${group}`) },
  tags: {},
  ...extra,
});

/** A delivery as declared (no id); `observedDelivery` adds what AWS generated. */
export const delivery = (source: string, destination: string, extra: Partial<Delivery> = {}): Delivery => ({
  deliverySourceName: source,
  deliveryDestinationArn: logsArn(`delivery-destination:${destination}`),
  tags: {},
  ...extra,
});
export const observedDelivery = (source: string, destination: string, id: string, extra: Partial<Delivery> = {}): Delivery =>
  delivery(source, destination, { recordFields: ['date', 'time'], id, arn: logsArn(`delivery:${id}`), ...extra });

export const queryDefinition = (name: string, queryString: string, extra: Partial<QueryDefinition> = {}): QueryDefinition => ({ name, queryString, queryLanguage: 'CWLI', ...extra });

export const detector = (name: string, group: string, extra: Partial<AnomalyDetector> = {}): AnomalyDetector => ({
  detectorName: name,
  logGroupArnList: [logsArn(`log-group:${group}`)],
  evaluationFrequency: 'FIVE_MIN',
  anomalyVisibilityTime: 21,
  enabled: true,
  tags: {},
  ...extra,
});
export const detectorArn = (id: string) => logsArn(`anomaly-detector:${id}`);

/** A log group fixture that may hold an index policy too. */
export type IndexedGroup = GroupFixture & { indexPolicy?: Json };
export const indexedGroup = (name: string, extra: Partial<IndexedGroup> = {}): IndexedGroup => ({ ...group(name), ...extra });

/** What a table puts in a set: log groups (with an index policy each, optionally) and the top-level kinds. */
export interface GovernanceSet {
  logGroups?: IndexedGroup[];
  accountPolicies?: AccountPolicy[];
  deliverySources?: DeliverySource[];
  deliveryDestinations?: DeliveryDestination[];
  deliveries?: Delivery[];
  queryDefinitions?: QueryDefinition[];
  anomalyDetectors?: AnomalyDetector[];
}

export function governance(parts: GovernanceSet): ResourceSet {
  const s = set({ logGroups: (parts.logGroups ?? []).map(({ indexPolicy: _, ...g }) => g) });
  for (const g of parts.logGroups ?? []) if (g.indexPolicy !== undefined) putResource(s, childAddress('indexPolicy', g.logGroupName), { policyDocument: g.indexPolicy });
  for (const p of parts.accountPolicies ?? []) putResource(s, { kind: 'accountPolicy', name: `${p.policyType}/${p.policyName}` }, p);
  for (const d of parts.deliverySources ?? []) putResource(s, { kind: 'deliverySource', name: d.name }, d);
  for (const d of parts.deliveryDestinations ?? []) putResource(s, { kind: 'deliveryDestination', name: d.name }, d);
  for (const d of parts.deliveries ?? []) putResource(s, { kind: 'delivery', name: `${d.deliverySourceName}/${d.deliveryDestinationArn.split(':').pop()}` }, d);
  for (const q of parts.queryDefinitions ?? []) putResource(s, { kind: 'queryDefinition', name: q.name }, q);
  for (const d of parts.anomalyDetectors ?? []) putResource(s, { kind: 'anomalyDetector', name: d.detectorName }, d);
  return s;
}
