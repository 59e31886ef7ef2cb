import PQueue from 'p-queue';
import type { ServiceName } from '../model/calls.js';
import { isApiError, sendOperation, type ApiError } from './send.js';
import type { Clients } from './clients.js';
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

function cloudTrailTps(operation: string): number {
  if (operation === 'LookupEvents') return 2;
  return /^(Get|Describe|List)/.test(operation) ? 10 : 1;
}

/** Transient failures are retried this many times with exponential backoff and full jitter. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 100, maxMs: 5_000 };

/**
 * Sends calls through one p-queue per API: under its quota for AWS, or with bounded concurrency
 * for local engines and endpoints. Counts calls (and retries) per API for the plan's report.
 */
export class PacedSender {
  readonly calls: Record<string, number> = {};
  readonly retries: Record<string, number> = {};
  private readonly queues = new Map<string, PQueue>();

  constructor(
    readonly clients: Clients,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** One call, paced and retried while AWS says the failure is transient. Throws ApiError. */
  async send(service: ServiceName, operation: string, input: Record<string, unknown>): Promise<any> {
    const api = `${service}:${operation}`;
    for (let attempt = 1; ; attempt++) {
      this.calls[api] = (this.calls[api] ?? 0) + 1;
      try {
        return await this.queue(service, operation).add(() => sendOperation(this.clients, service, operation, input));
      } catch (e) {
        const error: ApiError = isApiError(e) ? e : { code: 'Error', message: String(e), transient: false };
        if (!error.transient || attempt >= this.retry.attempts) throw error;
        this.retries[api] = (this.retries[api] ?? 0) + 1;
        const cap = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        await this.sleep(Math.random() * cap);
      }
    }
  }

  /** Total calls made (retries included). */
  get total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  private queue(service: ServiceName, operation: string): PQueue {
    const key = `${service}:${operation}`;
    let q = this.queues.get(key);
    if (!q) {
      const tps = service === 'logs' ? (LOGS_TPS[operation] ?? DEFAULT_LOGS_TPS) : cloudTrailTps(operation);
      q = this.clients.paced
        ? new PQueue({ concurrency: tps, intervalCap: tps, interval: 1000 })
        : new PQueue({ concurrency: inProcess(this.clients) ? IN_PROCESS_CONCURRENCY : ENDPOINT_CONCURRENCY });
      this.queues.set(key, q);
    }
    return q;
  }
}
