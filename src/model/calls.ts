import type { Address } from './address.js';

/** The two services logwarden drives. */
export type ServiceName = 'logs' | 'cloudtrail';

/**
 * One AWS API call of a plan: the operation and its input exactly as the API takes it (AWS member
 * names), the resource it acts for, and the calls it waits for.
 */
export interface ApiCall {
  /** Unique within a plan, stable for the same plan: `c12`. */
  id: string;
  service: ServiceName;
  operation: string;
  input: Record<string, unknown>;
  address: Address;
  dependsOn: string[];
}

/** The outcome of one executed call (apply reports and retries read these). */
export interface CallResult {
  call: ApiCall;
  status: 'done' | 'failed' | 'skipped';
  output?: unknown;
  /** AWS's error name and message, for a failure. */
  error?: { code: string; message: string };
  attempts: number;
}
