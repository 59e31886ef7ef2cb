import { addressKey, type Address } from '../model/address.js';
import type { ApiCall, CallResult } from '../model/calls.js';
import type { PacedSender } from '../driver/pacing.js';
import { executeCalls } from './execute.js';

/** How one resource fared: every call done, one failed for good, or not attempted at all. */
export type ResourceStatus = 'done' | 'failed' | 'not attempted';

/** The outcome of one resource's calls, reported as soon as the last of them settles. */
export interface ResourceOutcome {
  address: Address;
  /** Its scope, in a plan across several. */
  scope?: string;
  status: ResourceStatus;
  results: CallResult[];
}

/** Progress: one event per resource as it completes, with a running count. */
export type ResourceListener = (outcome: ResourceOutcome, done: number, total: number) => void;

/** Everything an apply did, per call and per resource, in plan order. */
export interface RunReport {
  results: CallResult[];
  resources: ResourceOutcome[];
  /** Calls sent (retries included) and retries, per API, over every scope. */
  calls: Record<string, number>;
  retries: Record<string, number>;
}

/** A resource of a plan across scopes: its scope and address. */
export const outcomeKey = (scope: string | undefined, address: Address): string => `${scope ?? ''}|${addressKey(address)}`;

/**
 * Runs a plan's calls, each through its scope's paced sender (dependency order, independent
 * branches together, transient errors retried by the sender — one scope's failures leave the
 * others' calls going) and groups what happened by resource.
 */
export async function runCalls(calls: ApiCall[], senderOf: (call: ApiCall) => PacedSender, onResource?: ResourceListener, signal?: AbortSignal): Promise<RunReport> {
  const pending = new Map<string, { address: Address; scope?: string; left: number; results: CallResult[] }>();
  for (const call of calls) {
    const key = outcomeKey(call.scope, call.address);
    const entry = pending.get(key) ?? { address: call.address, ...(call.scope && { scope: call.scope }), left: 0, results: [] };
    entry.left++;
    pending.set(key, entry);
  }
  const resources: ResourceOutcome[] = [];
  const total = pending.size;
  const senders = new Set<PacedSender>();
  const results = await executeCalls(
    calls,
    (call) => {
      const sender = senderOf(call);
      senders.add(sender);
      return sender.attempt(call.service, call.operation, call.input);
    },
    (result) => {
      const entry = pending.get(outcomeKey(result.call.scope, result.call.address))!;
      entry.results.push(result);
      if (--entry.left > 0) return;
      const outcome: ResourceOutcome = { address: entry.address, ...(entry.scope && { scope: entry.scope }), status: statusOf(entry.results), results: entry.results };
      resources.push(outcome);
      onResource?.(outcome, resources.length, total);
    },
    signal,
  );
  const order = new Map(calls.map((c, i) => [outcomeKey(c.scope, c.address), i]));
  resources.sort((a, b) => order.get(outcomeKey(a.scope, a.address))! - order.get(outcomeKey(b.scope, b.address))!);
  return { results, resources, calls: merge([...senders].map((s) => s.calls)), retries: merge([...senders].map((s) => s.retries)) };
}

function merge(counts: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counts) for (const [api, n] of Object.entries(c)) out[api] = (out[api] ?? 0) + n;
  return out;
}

function statusOf(results: CallResult[]): ResourceStatus {
  if (results.some((r) => r.status === 'failed')) return 'failed';
  if (results.every((r) => r.status === 'skipped')) return 'not attempted';
  return results.some((r) => r.status === 'skipped') ? 'failed' : 'done';
}
