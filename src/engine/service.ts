import type { Call } from './call.js';
import type { Engine } from './engine.js';
import type { ServiceTable } from './validation/types.js';

/** One backend method: named after its AWS operation, takes the validated input, returns the output. */
export type Handler = (call: Call, input: any) => unknown;

/** What a service contributes to the engine. */
export interface ServiceModule {
  /** `logs` or `cloudtrail`. */
  name: string;
  /** The CloudTrail event source of its calls, e.g. `logs.amazonaws.com`. */
  eventSource: string;
  table: ServiceTable;
  /** The error AWS raises for a constraint violation on this service. */
  validationError: string;
  /** Backend methods by operation name. The engine dispatches through a Map of these own entries only. */
  operations: Record<string, Handler>;
  /** Hooks the service into a new engine (e.g. CloudTrail's recorder of every call). */
  attach?(engine: Engine): void;
}

/** Called after every API call, success or failure (the engine's own trail listens here). */
export type CallListener = (call: Call, input: unknown, output: unknown, error: unknown) => void;

/** Reads are operations that change nothing; everything else is a write and gets persisted. */
export const isReadOnly = (operation: string): boolean =>
  /^(Describe|Get|List|Lookup|Filter|Test)/.test(operation);
