import { emptyCloudTrailState, type CloudTrailState } from './cloudtrail/state.js';
import { emptyLogsState, type LogsState } from './logs/state.js';
import { entryOf } from './own.js';

/**
 * Resources that live outside CloudWatch Logs and CloudTrail but that AWS checks on reference,
 * registered through `POST /_engine/externals`. Plain JSON: the world is persisted as it is.
 */
export interface Externals {
  s3Buckets: string[];
  kmsKeys: { arn: string; enabled: boolean }[];
  iamRoles: string[];
  kinesisStreams: string[];
  firehoseStreams: string[];
  lambdaFunctions: string[];
  snsTopics: string[];
  /** ARNs of resources of other services (delivery sources); absent in worlds persisted before it existed. */
  resources?: string[];
  /** VPC endpoint ids (`vpce-…`) syslog ingestion arrives through; absent in worlds saved before them. */
  vpcEndpoints?: string[];
  /** S3 Table integration ARNs (created in CloudWatch's observability admin). */
  s3TableIntegrations?: string[];
  /** OpenSearch Service application ARNs an OpenSearch integration may reuse. */
  openSearchApplications?: string[];
}

/** Everything of one account in one region. */
export interface RegionState {
  logs: LogsState;
  cloudtrail: CloudTrailState;
  externals: Externals;
}

/** Organization settings of an account (CloudTrail organization trails and stores need them). */
export interface OrganizationSettings {
  /** The account is the management account of an AWS Organization with all features. */
  managementAccount: boolean;
  organizationId?: string;
  /** On the management account: the members registered as CloudTrail delegated administrators. */
  cloudtrailDelegatedAdmins?: string[];
}

/** One account: its regions and account-wide settings. */
export interface AccountState {
  regions: Record<string, RegionState>;
  organization?: OrganizationSettings;
}

/**
 * The engine's whole world, JSON-serializable by construction (records and arrays only, no Maps,
 * no class instances), so that persistence is one JSON document.
 */
export interface WorldData {
  accounts: Record<string, AccountState>;
  /** Engine time = wall time + this offset (moved forward by `POST /_engine/clock`). */
  clockOffsetMs: number;
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

export const emptyWorld = (): WorldData => ({ accounts: {}, clockOffsetMs: 0 });

export function emptyRegion(): RegionState {
  return { logs: emptyLogsState(), cloudtrail: emptyCloudTrailState(), externals: emptyExternals() };
}

/** The state of an account, created on first use (any string is a key of its own, `constructor` too). */
export function accountOf(world: WorldData, account: string): AccountState {
  return entryOf(world.accounts, account, () => ({ regions: {} }));
}

/** The state of an account in a region, created on first use. */
export function regionOf(world: WorldData, account: string, region: string): RegionState {
  return entryOf(accountOf(world, account).regions, region, emptyRegion);
}
