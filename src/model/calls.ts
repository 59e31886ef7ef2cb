import type { Address } from './address.js';

/** The two services logwarden drives. */
export type ServiceName = 'logs' | 'cloudtrail';

/** One API operation and its input exactly as the API takes it (AWS member names). */
export interface Request {
  service: ServiceName;
  operation: string;
  input: Record<string, unknown>;
}

/** One step of a change: a request, and whether it is the one that brings the resource into being. */
export interface Step extends Request {
  /** This call creates the resource (what lives in it or refers to it may go once it is done). */
  creates?: boolean;
  /**
   * Input members known only once the change's creating step ran (an id AWS generates then):
   * input member → the member of that step's output holding it.
   */
  fromCreation?: Record<string, string>;
}

/** One AWS API call of a plan: a step, the resource it acts for, and the calls it waits for. */
export interface ApiCall extends Omit<Step, 'fromCreation'> {
  /** Unique within a plan, stable for the same plan: `c12`. */
  id: string;
  address: Address;
  dependsOn: string[];
  /** The scope it acts in (`111111111111/us-east-1`), in a plan across several. */
  scope?: string;
  /** Input members taken from the output of an earlier call (one this call depends on) when it runs. */
  inputFrom?: { call: string; members: Record<string, string> };
}

/** The input a call is sent with: its own, plus what it takes from the output of the call it names. */
export function inputOf(call: ApiCall, outputOf: (id: string) => unknown): Record<string, unknown> {
  if (!call.inputFrom) return call.input;
  const output = (outputOf(call.inputFrom.call) ?? {}) as Record<string, unknown>;
  const taken = Object.entries(call.inputFrom.members).map(([member, from]) => [member, Object.hasOwn(output, from) ? output[from] : undefined]);
  return { ...call.input, ...Object.fromEntries(taken) };
}

/** The outcome of one executed call (apply reports and retries read these). */
export interface CallResult {
  call: ApiCall;
  status: 'done' | 'failed' | 'skipped';
  output?: unknown;
  /** AWS's error name and message, for a failure. */
  error?: { code: string; message: string };
  /** Times the call was sent: 1 plus its retries; 0 when it was never sent. */
  attempts: number;
}
