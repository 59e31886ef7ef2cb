import { formatAddress } from '../model/address.js';
import { inputOf, type ApiCall, type CallResult } from '../model/calls.js';

/**
 * Something that performs one call — the paced driver against a target, or a scratch engine — and
 * says how many times it sent it; a failure may say so too (`attempts` on the error).
 */
export type CallSender = (call: ApiCall) => Promise<{ output: unknown; attempts: number }>;

/** Progress of an execution, one event per call as it settles. */
export type ExecutionListener = (result: CallResult, done: number, total: number) => void;

/**
 * Runs calls in dependency order, independent branches concurrently (the sender paces them). A call
 * that fails for good stops its dependants (skipped, with the reason) and lets everything else run.
 * Once `signal` aborts (Ctrl-C), calls in flight finish and nothing new starts.
 * Never throws: every call ends done, failed or skipped.
 */
export async function executeCalls(
  calls: ApiCall[],
  send: CallSender,
  onResult?: ExecutionListener,
  signal?: AbortSignal,
): Promise<CallResult[]> {
  const results = new Map<string, Promise<CallResult>>();
  let done = 0;
  const settle = (result: CallResult) => {
    onResult?.(result, ++done, calls.length);
    return result;
  };
  const planned = new Set(calls.map((c) => c.id));
  for (const call of calls) {
    const deps = call.dependsOn.map((id) => results.get(id)).filter((p): p is Promise<CallResult> => p !== undefined);
    const missing = call.dependsOn.find((id) => !planned.has(id));
    results.set(
      call.id,
      Promise.all(deps).then(async (before) => {
        // what it waits for is not run at all (its scope was left out): neither is it
        if (missing !== undefined) {
          return settle({ call, status: 'skipped', attempts: 0, error: { code: 'DependencyNotRun', message: `not attempted: waits for ${missing}, which is not run` } });
        }
        const blocker = before.find((r) => r.status !== 'done');
        if (blocker) {
          return settle({
            call,
            status: 'skipped',
            attempts: 0,
            // a chain of skips names its root: the call that actually failed (or the interrupt)
            error:
              blocker.status === 'skipped'
                ? blocker.error!
                : { code: 'DependencyFailed', message: `not attempted: waits for ${blocker.call.operation} (${blocker.call.id}) of ${formatAddress(blocker.call.address)}, which failed` },
          });
        }
        if (signal?.aborted) {
          return settle({ call, status: 'skipped', attempts: 0, error: { code: 'Interrupted', message: `not attempted: ${String(signal.reason ?? 'interrupted')}` } });
        }
        try {
          // an id AWS generated for an earlier call of the resource goes in now
          const { output, attempts } = await send({ ...call, input: inputOf(call, (id) => before.find((r) => r.call.id === id)?.output) });
          return settle({ call, status: 'done', output, attempts });
        } catch (e) {
          const err = e as { code?: string; name?: string; message?: string; attempts?: number };
          return settle({ call, status: 'failed', attempts: err.attempts ?? 1, error: { code: err.code ?? err.name ?? 'Error', message: err.message ?? String(e) } });
        }
      }),
    );
  }
  return Promise.all(calls.map((c) => results.get(c.id)!));
}
