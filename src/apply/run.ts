import { addressKey, type Address } from '../model/address.js';
import type { ApiCall, CallResult } from '../model/calls.js';
import type { PacedSender } from '../driver/pacing.js';
import { executeCalls } from './execute.js';

/** How one resource fared: every call done, one failed for good, or not attempted at all. */
export type ResourceStatus = 'done' | 'failed' | 'not attempted';

/** The outcome of one resource's calls, reported as soon as the last of them settles. */
export interface ResourceOutcome {
  address: Address;
  status: ResourceStatus;
  results: CallResult[];
}

/** Progress: one event per resource as it completes, with a running count. */
export type ResourceListener = (outcome: ResourceOutcome, done: number, total: number) => void;

/** Everything an apply did, per call and per resource, in plan order. */
export interface RunReport {
  results: CallResult[];
  resources: ResourceOutcome[];
  /** Calls sent (retries included) and retries, per API. */
  calls: Record<string, number>;
  retries: Record<string, number>;
}

/**
 * Runs a plan's calls through the paced sender (dependency order, independent branches together,
 * transient errors retried by the sender) and groups what happened by resource.
 */
export async function runCalls(calls: ApiCall[], sender: PacedSender, onResource?: ResourceListener, signal?: AbortSignal): Promise<RunReport> {
  const pending = new Map<string, { address: Address; left: number; results: CallResult[] }>();
  for (const call of calls) {
    const key = addressKey(call.address);
    const entry = pending.get(key) ?? { address: call.address, left: 0, results: [] };
    entry.left++;
    pending.set(key, entry);
  }
  const resources: ResourceOutcome[] = [];
  const total = pending.size;
  const results = await executeCalls(
    calls,
    (call) => sender.attempt(call.service, call.operation, call.input),
    (result) => {
      const entry = pending.get(addressKey(result.call.address))!;
      entry.results.push(result);
      if (--entry.left > 0) return;
      const outcome = { address: entry.address, status: statusOf(entry.results), results: entry.results };
      resources.push(outcome);
      onResource?.(outcome, resources.length, total);
    },
    signal,
  );
  const order = new Map(calls.map((c, i) => [addressKey(c.address), i]));
  resources.sort((a, b) => order.get(addressKey(a.address))! - order.get(addressKey(b.address))!);
  return { results, resources, calls: { ...sender.calls }, retries: { ...sender.retries } };
}

function statusOf(results: CallResult[]): ResourceStatus {
  if (results.some((r) => r.status === 'failed')) return 'failed';
  if (results.every((r) => r.status === 'skipped')) return 'not attempted';
  return results.some((r) => r.status === 'skipped') ? 'failed' : 'done';
}
