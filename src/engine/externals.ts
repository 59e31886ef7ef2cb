import type { Call } from './call.js';
import { AdminInputError } from './errors.js';
import { emptyExternals, type Externals, type WorldData } from './world.js';

/** The body of `POST /_engine/externals`. */
export interface ExternalsRequest extends Partial<Omit<Externals, 'kmsKeys'>> {
  region?: string;
  account?: string;
  kmsKeys?: { arn: string; enabled?: boolean }[];
}

const LISTS = [
  's3Buckets', 'iamRoles', 'kinesisStreams', 'firehoseStreams', 'lambdaFunctions', 'snsTopics', 'resources',
  'vpcEndpoints', 's3TableIntegrations', 'openSearchApplications',
] as const;

/** Merges registered externals into a region: lists are unions, KMS keys update their `enabled`. */
export function mergeExternals(into: Externals, req: ExternalsRequest): void {
  const arns = req.resources;
  if (Array.isArray(arns) && arns.some((arn) => typeof arn === 'string' && !/^arn:aws[\w-]*:[\w-]+:/.test(arn))) {
    throw new AdminInputError('externals: "resources" entries must be ARNs (arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)');
  }
  for (const key of LISTS) {
    const given = req[key];
    if (given === undefined) continue;
    if (!Array.isArray(given) || given.some((v) => typeof v !== 'string' || v === '')) {
      throw new AdminInputError(`externals: "${key}" must be a list of non-empty strings`);
    }
    into[key] = [...new Set([...(into[key] ?? []), ...given])];
  }
  const keys = req.kmsKeys ?? [];
  if (!Array.isArray(keys)) throw new AdminInputError('externals: "kmsKeys" must be a list of {"arn":…, "enabled":true}');
  for (const key of keys) {
    if (!key || typeof key.arn !== 'string' || !/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:(key|alias)\/.+$/.test(key.arn)) {
      throw new AdminInputError(`externals: kmsKeys entries need an "arn" of a KMS key (arn:aws:kms:REGION:ACCOUNT:key/ID)`);
    }
    const enabled = key.enabled ?? true;
    if (typeof enabled !== 'boolean') throw new AdminInputError('externals: a KMS key\'s "enabled" must be true or false');
    const existing = into.kmsKeys.find((k) => k.arn === key.arn);
    if (existing) existing.enabled = enabled;
    else into.kmsKeys.push({ arn: key.arn, enabled });
  }
}

function* allExternals(world: WorldData): Generator<Externals> {
  for (const account of Object.values(world.accounts)) {
    for (const region of Object.values(account.regions)) yield region.externals ?? emptyExternals();
  }
}

/** S3 bucket names are global: a bucket registered in any account and region exists. */
export function s3BucketExists(call: Call, bucket: string): boolean {
  for (const ext of allExternals(call.engine.world)) if (ext.s3Buckets.includes(bucket)) return true;
  return false;
}

/**
 * Resolves a KMS key reference as KMS does: a full key or alias ARN (any region/account), or a bare
 * key id / `alias/name` in the caller's account and region. Undefined when it is not registered.
 */
export function findKmsKey(call: Call, keyId: string): { arn: string; enabled: boolean } | undefined {
  const arn = keyId.startsWith('arn:') ? keyId : call.arn('kms', keyId.startsWith('alias/') ? keyId : `key/${keyId}`);
  for (const ext of allExternals(call.engine.world)) {
    const key = ext.kmsKeys.find((k) => k.arn === arn);
    if (key) return key;
  }
  return undefined;
}

/** True when an ARN of the given kind (roles are global; streams and functions regional) is registered. */
export function externalExists(
  call: Call,
  kind: 'iamRoles' | 'kinesisStreams' | 'firehoseStreams' | 'lambdaFunctions' | 'snsTopics' | 'openSearchApplications',
  arn: string,
): boolean {
  for (const ext of allExternals(call.engine.world)) if (ext[kind]?.includes(arn)) return true;
  return false;
}

/**
 * True when a resource of a service the engine does not emulate (a CloudFront distribution, a
 * Bedrock agent …) is registered, in any account and region: `"resources": [arn, …]`.
 */
export function resourceExists(call: Call, arn: string): boolean {
  for (const ext of allExternals(call.engine.world)) if ((ext.resources ?? []).includes(arn)) return true;
  return false;
}

/**
 * True when a regional external (a VPC endpoint id, an S3 Table integration ARN) is registered in
 * the caller's account and region: these live in one region and are not found from another.
 */
export function regionalExternalExists(call: Call, kind: 'vpcEndpoints' | 's3TableIntegrations', id: string): boolean {
  return call.state.externals[kind]?.includes(id) ?? false;
}
