import PQueue from 'p-queue';
import type { ServiceName } from '../model/calls.js';
import { isApiError, sendOperation, type ApiError } from './send.js';
import type { Clients } from './clients.js';
import { SYSTEM_CLOCK, RateWindow, type Clock } from './clock.js';
import { EngineRequestHandler } from '../engine/protocol/sdk-handler.js';

/** AWS's default TPS quotas (DESIGN.md); logwarden stays at or under them against AWS. */
const LOGS_TPS: Record<string, number> = {
  CreateLogGroup: 5,
  DeleteLogGroup: 5,
  DescribeLogGroups: 5,
  ListTagsForResource: 5,
  ListTagsLogGroup: 5,
  DescribeLogStreams: 25,
  CreateLogStream: 50,
};
const DEFAULT_LOGS_TPS = 5;

/** The TPS quota of an API (DESIGN.md: CloudTrail reads 10, LookupEvents 2, every other call 1). */
export function quotaOf(service: ServiceName, operation: string): number {
  if (service === 'logs') return Object.hasOwn(LOGS_TPS, operation) ? LOGS_TPS[operation]! : DEFAULT_LOGS_TPS;
  if (operation === 'LookupEvents') return 2;
  return /^(Get|Describe|List)/.test(operation) ? 10 : 1;
}

/** Calls in flight per API against an endpoint: sockets and the server's capacity bound it. */
const ENDPOINT_CONCURRENCY = 16;
/**
 * Calls in flight per API against the embedded engine. Each waits for the engine's group commit (a
 * write of the whole world), so the number in flight is the number of calls one write serves:
 * 16 made a 10,000-group apply write the world 627 times (15 s of JSON), 256 makes it 42 times.
 */
const IN_PROCESS_CONCURRENCY = 256;

/** The clients talk to an engine in this process (no socket): in flight costs only memory. */
const inProcess = (clients: Clients) => clients.logs.config.requestHandler instanceof EngineRequestHandler;

/** Transient failures are retried this many times with exponential backoff and full jitter. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 100, maxMs: 5_000 };

/** One call's result: the output, and how many times it was sent (1 + retries). */
export interface Sent {
  output: any;
  attempts: number;
}

/** How a PacedSender reaches the API; the SDK clients unless a test puts something else there. */
export type Transport = (service: ServiceName, operation: string, input: Record<string, unknown>) => Promise<unknown>;

export interface PacingOptions {
  retry?: RetryPolicy;
  clock?: Clock;
  /** In [0, 1): the jitter of backoff delays. */
  random?: () => number;
  transport?: Transport;
}

/**
 * Sends calls per API: under its TPS quota (at most that many in any second) for AWS, or
 * with bounded concurrency for local engines and endpoints; transient failures retried with
 * exponential backoff and full jitter. Counts calls (and retries) per API for the reports.
 */
export class PacedSender {
  readonly calls: Record<string, number> = {};
  readonly retries: Record<string, number> = {};
  private readonly queues = new Map<string, { queue: PQueue; window?: RateWindow }>();
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly transport: Transport;

  constructor(
    readonly clients: Clients,
    options: PacingOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.random = options.random ?? Math.random;
    this.transport = options.transport ?? ((service, operation, input) => sendOperation(clients, service, operation, input));
  }

  /** One call's output, paced and retried while AWS says the failure is transient. Throws ApiError. */
  async send(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<any> {
    return (await this.attempt(service, operation, input)).output;
  }

  /** One call with its attempt count. Throws ApiError, with `attempts` set. */
  async attempt(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<Sent> {
    const api = `${service}:${operation}`;
    const lane = this.lane(service, operation);
    for (let attempt = 1; ; attempt++) {
      this.calls[api] = (this.calls[api] ?? 0) + 1;
      try {
        const output = await lane.queue.add(async () => {
          await lane.window?.take();
          return this.transport(service, operation, input);
        });
        return { output, attempts: attempt };
      } catch (e) {
        const error: ApiError = isApiError(e) ? e : { code: 'Error', message: String(e), transient: false };
        if (!error.transient || attempt >= this.retry.attempts) throw { ...error, attempts: attempt } satisfies ApiError;
        this.retries[api] = (this.retries[api] ?? 0) + 1;
        const cap = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        await this.clock.sleep(this.random() * cap);
      }
    }
  }

  /** Total calls made (retries included). */
  get total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  private lane(service: ServiceName, operation: string) {
    const key = `${service}:${operation}`;
    let lane = this.queues.get(key);
    if (!lane) {
      const tps = quotaOf(service, operation);
      lane = this.clients.paced
        ? { queue: new PQueue({ concurrency: tps }), window: new RateWindow(tps, this.clock) }
        : { queue: new PQueue({ concurrency: inProcess(this.clients) ? IN_PROCESS_CONCURRENCY : ENDPOINT_CONCURRENCY }) };
      this.queues.set(key, lane);
    }
    return lane;
  }
}
