import { buildArn } from '../aws/arn.js';
import { accountOf, regionOf, type AccountState, type RegionState, type WorldData } from './world.js';

/** Who is calling and where: parsed by the protocol layer from the request. */
export interface CallerIdentity {
  account: string;
  region: string;
  accessKeyId: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
}

/**
 * What a backend method may reach of the engine: the world, engine time, and the CloudTrail event
 * source of each service. Not the engine itself: no handler can reset it, persist it or inject faults.
 */
export interface EngineContext {
  readonly world: WorldData;
  /** Engine time, epoch milliseconds. */
  now(): number;
  /** `logs.amazonaws.com` for `logs`: how CloudTrail names the service in its events. */
  eventSource(service: string): string;
}

/** One API call in progress: the caller, the engine time it runs at, and the state it may touch. */
export class Call {
  readonly account: string;
  readonly region: string;
  /** Engine time of the call, epoch milliseconds, fixed for the whole call. */
  readonly now: number;

  private writing: Call | undefined;

  /**
   * `writable`: for a read that runs on the untracked world, the tracked context that what may write
   * around it (imports settling, the recorder) must use instead (`forWriting`).
   */
  constructor(
    readonly engine: EngineContext,
    readonly service: string,
    readonly operation: string,
    readonly identity: CallerIdentity,
    private readonly writable?: () => EngineContext,
    now?: number,
  ) {
    this.account = identity.account;
    this.region = identity.region;
    this.now = now ?? engine.now();
  }

  /** This call, on a world whose writes persist: itself, unless it is a read running untracked. */
  forWriting(): Call {
    if (!this.writable) return this;
    return (this.writing ??= new Call(this.writable(), this.service, this.operation, this.identity, undefined, this.now));
  }

  /** This account's state in this region. */
  get state(): RegionState {
    return regionOf(this.engine.world, this.account, this.region);
  }

  /** This account's state in another region (multi-region trails, cross-region reads). */
  stateIn(region: string): RegionState {
    return regionOf(this.engine.world, this.account, region);
  }

  get accountState(): AccountState {
    return accountOf(this.engine.world, this.account);
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>` in this call's account and region. */
  arn(service: string, resource: string): string {
    return buildArn(this, service, resource);
  }
}
