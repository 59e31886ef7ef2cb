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
