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
}

/** One AWS API call of a plan: a step, the resource it acts for, and the calls it waits for. */
export interface ApiCall extends Step {
  /** Unique within a plan, stable for the same plan: `c12`. */
  id: string;
  address: Address;
  dependsOn: string[];
  /** The scope it acts in (`111111111111/us-east-1`), in a plan across several. */
  scope?: string;
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
