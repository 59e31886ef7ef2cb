import type { EventDataStoreRecord, FederationRecord } from './lake-types.js';

/** How long, in engine time, CloudTrail takes to set up (or tear down) the Glue table and Lake Formation registration. */
export const FEDERATION_CHANGE_MS = 60_000;

type FederationStatus = FederationRecord['status'];

/** A store's federation status at engine time `now` (DISABLED when it was never federated). */
export function federationStatus(eds: EventDataStoreRecord, now: number): FederationStatus {
  const f = eds.federation;
  if (!f) return 'DISABLED';
  if (now < f.settlesAt) return f.status;
  if (f.status === 'ENABLING') return 'ENABLED';
  if (f.status === 'DISABLING') return 'DISABLED';
  return f.status;
}

/** GetEventDataStore's federation members, for a store that was ever federated. */
export function federationView(eds: EventDataStoreRecord, now: number): Record<string, string> {
  if (!eds.federation) return {};
  const status = federationStatus(eds, now);
  return { FederationStatus: status, ...(eds.federation.roleArn === undefined ? {} : { FederationRoleArn: eds.federation.roleArn }) };
}

