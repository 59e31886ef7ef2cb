import type { Call } from '../call.js';
import type { Handler } from '../service.js';
import type { LogsState } from './state.js';

type StorageTier = NonNullable<LogsState['storageTierPolicy']>['storageTier'];

/** Replaces the account's storage tier in this Region (the enum is checked by the model). */
function putStorageTierPolicy(call: Call, input: { storageTier: StorageTier }) {
  const policy = { storageTier: input.storageTier, lastUpdatedTime: call.now };
  call.state.logs.storageTierPolicy = policy;
  return { ...policy };
}

/**
 * The account's storage tier. An account that never set one stores its logs in the STANDARD tier,
 * so that is what it reads back, without a lastUpdatedTime (unverified against AWS: it may
 * answer ResourceNotFoundException instead, which the model lists).
 */
function getStorageTierPolicy(call: Call) {
  return { ...(call.state.logs.storageTierPolicy ?? { storageTier: 'STANDARD' }) };
}

/** PutStorageTierPolicy and GetStorageTierPolicy. */
export const storageTierOperations: Record<string, Handler> = {
  PutStorageTierPolicy: putStorageTierPolicy,
  GetStorageTierPolicy: getStorageTierPolicy,
};
