import { addressKey, type Address } from './address.js';

/**
 * The resource model shared by manifests (desired), the target (observed) and saved plans: every
 * resource by address, its value in its kind's canonical form (src/kinds/), so that comparison is
 * plain equality. Member names follow AWS's (camelCased); policy documents are parsed JSON values.
 */

/** A JSON value (policy documents are kept parsed, never as strings). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Tags = Record<string, string>;

/** One resource: where it is, and its canonical value. */
export interface Resource<T = unknown> {
  address: Address;
  value: T;
}

/** Resources by address key (`logGroup:/a`); nested ones (`metricFilter:/a/errors`) beside their parents. */
export type ResourceSet = Map<string, Resource>;

export const emptyResourceSet = (): ResourceSet => new Map();

/** A set holding exactly these resources. */
export const resourceSet = (resources: Iterable<Resource>): ResourceSet => new Map([...resources].map((r) => [addressKey(r.address), r]));

/** Adds (or replaces) one resource. */
export function putResource(set: ResourceSet, address: Address, value: unknown): void {
  set.set(addressKey(address), { address, value });
}

/** The resources of one kind. */
export function resourcesOf(set: ResourceSet, kind: string): Resource[] {
  return [...set.values()].filter((r) => r.address.kind === kind);
}

/** The nested resources of a set by the name of the resource they live in. */
export function nestedByParent(set: ResourceSet): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of set.values()) {
    if (r.address.parent === undefined) continue;
    const list = out.get(r.address.parent);
    if (list) list.push(r);
    else out.set(r.address.parent, [r]);
  }
  return out;
}

/** Things logwarden references but does not manage (DESIGN.md `externals`). */
export interface Externals {
  s3Buckets: string[];
  kmsKeys: { arn: string; enabled: boolean }[];
  iamRoles: string[];
  kinesisStreams: string[];
  firehoseStreams: string[];
  lambdaFunctions: string[];
  snsTopics: string[];
  /** ARNs of resources of services logwarden neither manages nor emulates (a delivery source's resource). */
  resources: string[];
}

export const emptyExternals = (): Externals => ({
  s3Buckets: [],
  kmsKeys: [],
  iamRoles: [],
  kinesisStreams: [],
  firehoseStreams: [],
  lambdaFunctions: [],
  snsTopics: [],
  resources: [],
});

/** The names of everything present in a target, per top-level kind (refresh lists them all). */
export type Present = Record<string, string[]>;
