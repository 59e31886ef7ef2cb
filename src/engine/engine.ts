import { randomUUID } from 'node:crypto';
import { Call, type CallerIdentity, type EngineContext } from './call.js';
import { AdminInputError, AwsError, PROTOCOL_ERROR_STATUS } from './errors.js';
import { mergeExternals, type ExternalsRequest } from './externals.js';
import { FaultInjector, type FaultSettings } from './faults.js';
import { persistedValue, type PathPattern } from './persist/paths.js';
import { FileStore, MemoryStore, type EngineStore } from './persist/store.js';
import { ownEntry } from './own.js';
import { isReadOnly, type CallListener, type Handler, type ServiceModule } from './service.js';
import { validateInput } from './validation/validate.js';
import { accountOf, emptyWorld, regionOf, type WorldData } from './world.js';
import { logsService } from './logs/index.js';
import { cloudTrailService } from './cloudtrail/index.js';

/** How to open an engine. */
export interface EngineOptions {
  /** Persist the world in this directory (locked while open); omit for in-memory. */
  stateDir?: string;
  /** The account of callers whose access key does not name one. */
  account?: string;
  /** Names the lock holder in a lock conflict message, e.g. `logwarden serve`. */
  command?: string;
  /** The caller holds the state directory's lock already (the CLI's workspace): don't take it again. */
  lockHeld?: boolean;
  /** A world to start from instead of the store's (scratch engines for plan simulation). */
  world?: WorldData;
}

export const DEFAULT_ACCOUNT = '123456789012';

/** The body of `POST /_engine/organization` (JSON, so every member is checked). */
export interface OrganizationRequest {
  account?: unknown;
  managementAccount?: unknown;
  organizationId?: unknown;
}

/** An account named in an admin request: callers reach only 12-digit accounts (their access key id). */
function adminAccount(endpoint: string, account: unknown): string {
  if (typeof account !== 'string' || !/^\d{12}$/.test(account)) {
    throw new AdminInputError(`${endpoint}: "account" must be a 12-digit account id`);
  }
  return account;
}

/**
 * The world's parts that are never persisted: the engine's own event history (LookupEvents), which
 * is large, grows with every call, and covers the calls since the engine started. Event data
 * stores keep their events on disk.
 */
export const TRANSIENT_STATE: readonly PathPattern[] = [['accounts', '*', 'regions', '*', 'cloudtrail', 'lake', 'events']];

/**
 * Reads whose handlers write nothing: they run on the raw world, since tracking proxies would wrap
 * every object they look at (an account-wide DescribeMetricFilters page visits every filter of the
 * region). What runs around them and may write (imports settling, CloudTrail's recorder storing
 * the event in event data stores) gets a tracked call (`Call.forWriting`). The bulk event reads,
 * and the reads a refresh makes. Any other call is tracked, reads included: a read may make state
 * lazily (a day's signing key, a store gone after its wait, a query's result). The test
 * "pure reads write nothing" runs each of these tracked over a populated world and checks it.
 */
export const UNTRACKED_READS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'logs',
    new Set([
      'GetLogEvents', 'FilterLogEvents', 'GetLogRecord',
      'DescribeLogGroups', 'DescribeMetricFilters', 'DescribeSubscriptionFilters', 'ListTagsForResource', 'ListTagsLogGroup',
      'DescribeIndexPolicies', 'GetTransformer', 'GetDataProtectionPolicy', 'DescribeDestinations', 'DescribeResourcePolicies',
      'DescribeAccountPolicies', 'DescribeDeliveries', 'DescribeDeliveryDestinations', 'DescribeDeliverySources',
      'GetDeliveryDestinationPolicy', 'DescribeQueryDefinitions', 'ListLogAnomalyDetectors',
    ]),
  ],
  ['cloudtrail', new Set(['DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'GetInsightSelectors', 'ListTags'])],
]);

/**
 * The AWS emulator: CloudWatch Logs and CloudTrail behind one dispatch. Input is validated from the
 * generated model tables, then handed to the backend method named after the operation; the world
 * changes in memory and the store persists it.
 */
export class Engine {
  readonly world: WorldData;
  readonly defaultAccount: string;
  readonly faults = new FaultInjector();
  private readonly store: EngineStore;
  private readonly services = new Map<string, ServiceModule>();
  /** Each service's backend methods by operation name: a Map, so only real operations are ever found. */
  private readonly handlers = new Map<string, ReadonlyMap<string, Handler>>();
  private readonly listeners: CallListener[] = [];
  /** What backend methods see of the engine (never the engine itself). */
  private readonly context: EngineContext;

  constructor(options: EngineOptions = {}) {
    this.store = options.stateDir
      ? new FileStore(options.stateDir, { command: options.command, lockHeld: options.lockHeld, transient: TRANSIENT_STATE })
      : new MemoryStore();
    this.world = options.world ?? this.store.initial ?? emptyWorld();
    for (const account of Object.values(this.world.accounts)) {
      for (const region of Object.values(account.regions)) region.cloudtrail.lake.events ??= [];
    }
    this.defaultAccount = options.account ?? DEFAULT_ACCOUNT;
    const world = this.world;
    this.context = {
      world,
      now: () => this.now(),
      eventSource: (service) => this.services.get(service)?.eventSource ?? `${service}.amazonaws.com`,
    };
    for (const svc of [logsService, cloudTrailService]) {
      this.services.set(svc.name, svc);
      this.handlers.set(svc.name, new Map(Object.entries(svc.operations)));
      svc.attach?.(this);
    }
  }

  get lineage(): string {
    return this.store.lineage;
  }

  get serial(): number {
    return this.store.serial;
  }

  /** Engine time, epoch milliseconds. */
  now(): number {
    return Date.now() + this.world.clockOffsetMs;
  }

  /** Registers a listener called after every API call (the engine's own trail). */
  onCall(listener: CallListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs one API call. Throws AwsError for every failure AWS would report; the protocol layer maps
   * it to HTTP. Faults are injected before validation so they never leave partial effects.
   */
  invoke(serviceName: string, operation: string, input: unknown, identity: CallerIdentity): unknown {
    const service = this.services.get(serviceName);
    const handler = this.handlers.get(serviceName)?.get(operation);
    if (!service || !handler) {
      throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
    }
    this.faults.maybeFail(identity.account, operation);
    const call = UNTRACKED_READS.get(serviceName)?.has(operation) && this.store.tracker
      ? new Call(this.context, serviceName, operation, identity, () => this.callContext())
      : new Call(this.callContext(), serviceName, operation, identity);
    let output: unknown;
    try {
      validateInput(service.table, operation, input ?? {}, service.validationError);
      output = handler(call, input ?? {});
    } catch (error) {
      // A body that does not decode into the operation's input (a wrong JSON type) never reached the service.
      if (!(error instanceof AwsError && error.code === 'SerializationException')) this.notify(call, input, undefined, error);
      this.afterCall(operation);
      throw error;
    }
    this.notify(call, input, output, undefined);
    this.afterCall(operation);
    return output;
  }

  /**
   * Runs a call of a service the engine has no model table for (STS): no validation, no faults, no
   * state change — but listeners hear of it, so CloudTrail records it like any other call.
   */
  invokeUnmodelled<T>(serviceName: string, operation: string, identity: CallerIdentity, handler: (call: Call) => T): T {
    const call = new Call(this.callContext(), serviceName, operation, identity);
    const output = handler(call);
    this.notify(call, {}, output, undefined);
    if (this.store.tracker?.pending) this.changed();
    return output;
  }

  /** The HTTP status of an error code of a service, from the model (protocol errors from their table). */
  statusOf(serviceName: string, code: string): number {
    const table = this.services.get(serviceName)?.table;
    return (table && ownEntry(table.errors, code)?.status) ?? ownEntry(PROTOCOL_ERROR_STATUS, code) ?? 400;
  }

  /** `POST /_engine/reset`: empties every account and region. */
  reset(): void {
    const world = this.tracked();
    world.accounts = {};
    world.clockOffsetMs = 0;
    this.changed();
  }

  /** `POST /_engine/externals`. */
  registerExternals(req: ExternalsRequest): void {
    if (req === null || typeof req !== 'object' || Array.isArray(req)) throw new AdminInputError('externals: expected a JSON object');
    const account = adminAccount('externals', req.account ?? this.defaultAccount);
    const region = req.region ?? 'us-east-1';
    if (typeof region !== 'string' || region === '') throw new AdminInputError('externals: "region" must be a non-empty string');
    mergeExternals(regionOf(this.tracked(), account, region).externals, req);
    this.changed();
  }

  /** `POST /_engine/faults`. */
  configureFaults(settings: FaultSettings): void {
    this.faults.configure(settings);
  }

  /** `POST /_engine/clock`: moves engine time forward (export tasks, retention, key rotation). */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new AdminInputError('clock: "advanceSeconds" must be a non-negative number');
    this.tracked().clockOffsetMs += ms;
    this.changed();
  }

  /** `POST /_engine/organization`: makes an account an organization's management account (or not). */
  setOrganization(req: OrganizationRequest): void {
    const account = adminAccount('organization', req.account ?? this.defaultAccount);
    const { managementAccount = true, organizationId } = req;
    if (typeof managementAccount !== 'boolean') throw new AdminInputError('organization: "managementAccount" must be true or false');
    if (organizationId !== undefined && (typeof organizationId !== 'string' || organizationId === '')) {
      throw new AdminInputError('organization: "organizationId" must be a non-empty string');
    }
    const state = accountOf(this.tracked(), account);
    // what else the account's organization settings hold (CloudTrail's delegated admins) stays
    state.organization = {
      ...state.organization,
      managementAccount,
      organizationId: organizationId ?? `o-${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    };
    this.changed();
  }

  /** Resolves when every change so far is persisted. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Persists and releases the state directory. */
  close(): Promise<void> {
    return this.store.close();
  }

  /** What a call's backend method sees: the world tracked for persistence, when it is persisted. */
  private callContext(): EngineContext {
    return this.store.tracker ? { ...this.context, world: this.tracked() } : this.context;
  }

  /** The world, with writes tracked when the store persists changes (a fresh view each time). */
  private tracked(): WorldData {
    return this.store.tracker?.view(this.world) ?? this.world;
  }

  /** A tracked call changed the world if it wrote anything (reads may: lazily made keys, events stored). */
  private afterCall(operation: string): void {
    if (this.store.tracker ? this.store.tracker.pending : !isReadOnly(operation)) this.changed();
  }

  private changed(): void {
    this.store.changed(this.world);
  }

  private notify(call: Call, input: unknown, output: unknown, error: unknown): void {
    const heard = call.forWriting();
    for (const listener of this.listeners) listener(heard, input, output, error);
  }
}

/** The world as persisted: without its transient parts (TRANSIENT_STATE); the rest is shared, not copied. */
export function persistable(world: WorldData): WorldData {
  return persistedValue(world, [], TRANSIENT_STATE) as WorldData;
}
