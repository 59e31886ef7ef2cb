import type { Address } from '../model/address.js';
import type { Field, ObjectField } from '../model/schema.js';
import { accountPolicyKind } from './account-policy.js';
import { anomalyDetectorKind } from './anomaly-detector.js';
import { dataProtectionPolicyKind } from './data-protection-policy.js';
import { deliveryDestinationKind } from './delivery-destination.js';
import { deliverySourceKind } from './delivery-source.js';
import { deliveryKind } from './delivery.js';
import { destinationKind } from './destination.js';
import { indexPolicyKind } from './index-policy.js';
import { logGroupKind } from './log-group.js';
import { metricFilterKind } from './metric-filter.js';
import { queryDefinitionKind } from './query-definition.js';
import { resourcePolicyKind } from './resource-policy.js';
import { subscriptionFilterKind } from './subscription-filter.js';
import { trailKind } from './trail.js';
import { transformerKind } from './transformer.js';
import type { KindSpec } from './types.js';

/**
 * Every resource kind logwarden manages: adding one is its module and one line here. The loader,
 * refresh, differ, planner, drift and simulation iterate over this registry.
 */
export const KINDS = {
  logGroup: logGroupKind,
  metricFilter: metricFilterKind,
  subscriptionFilter: subscriptionFilterKind,
  dataProtectionPolicy: dataProtectionPolicyKind,
  indexPolicy: indexPolicyKind,
  transformer: transformerKind,
  destination: destinationKind,
  resourcePolicy: resourcePolicyKind,
  trail: trailKind,
  accountPolicy: accountPolicyKind,
  deliverySource: deliverySourceKind,
  deliveryDestination: deliveryDestinationKind,
  delivery: deliveryKind,
  queryDefinition: queryDefinitionKind,
  anomalyDetector: anomalyDetectorKind,
} satisfies Record<string, KindSpec<unknown>>;

/** The kinds of resource logwarden manages, named as in the plan. */
export type ResourceKind = keyof typeof KINDS;

/** The registry as an own-property table: kinds also arrive from files (saved plans, state). */
const REGISTRY: ReadonlyMap<string, KindSpec<unknown>> = new Map(Object.entries(KINDS));

/** Every kind, in registry order. */
export const ALL_KINDS = [...REGISTRY.keys()] as ResourceKind[];

/** The spec of a kind; throws on a kind this logwarden does not know (a file from another version). */
export function kindSpec(kind: string): KindSpec<unknown> {
  const spec = REGISTRY.get(kind);
  if (!spec) throw new Error(`unknown resource kind '${kind}'`);
  return spec;
}

export const isKind = (kind: string): kind is ResourceKind => REGISTRY.has(kind);

/** Kinds declared at the top of a manifest document (not nested in another kind). */
export const TOP_LEVEL_KINDS = ALL_KINDS.filter((k) => kindSpec(k).parent === undefined);

/** The kinds nested directly in `kind`. */
export const childKinds = (kind: string): ResourceKind[] => ALL_KINDS.filter((k) => kindSpec(k).parent === kind);

/** The resource a nested resource lives in; undefined for a top-level one. */
export function parentOf(address: Address): Address | undefined {
  const parent = kindSpec(address.kind).parent;
  return parent === undefined || address.parent === undefined ? undefined : { kind: parent, name: address.parent };
}

/** The top-level resource an address belongs to (itself, or its ancestor). */
export function topLevel(address: Address): Address {
  const parent = parentOf(address);
  return parent === undefined ? address : topLevel(parent);
}

/** The address of a resource nested in `parent` under `key` (a single nested kind has no key). */
export function childAddress(kind: ResourceKind, parent: string, key?: string): Address {
  return { kind, name: kindSpec(kind).nesting === 'single' ? parent : `${parent}/${key}`, parent };
}

/** Kinds other kinds refer to: their deletes wait until nothing points at them any more. */
const REFERENCED = new Set(ALL_KINDS.flatMap((k) => kindSpec(k).refersTo ?? []));
export const isReferenced = (kind: string): boolean => REFERENCED.has(kind);

/** A kind's declaration schema with the sections of its nested kinds (`logGroups.<name>.metricFilters`). */
export function declarationField(kind: ResourceKind): Field {
  const spec = kindSpec(kind);
  const children = childKinds(kind);
  if (children.length === 0) return spec.fields;
  const own = spec.fields as ObjectField;
  const nested = children.map((child) => {
    const c = kindSpec(child);
    const field: Field = c.nesting === 'map' ? { kind: 'map', doc: c.doc, values: declarationField(child) } : declarationField(child);
    return [c.section, field] as const;
  });
  return { ...own, fields: { ...own.fields, ...Object.fromEntries(nested) } };
}
