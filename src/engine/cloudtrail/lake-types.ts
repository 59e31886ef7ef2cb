/** CloudTrail Lake and the engine's own event history in one account and region. */
export interface LakeState {
  eventDataStores: Record<string, EventDataStoreRecord>;
}

/** An event data store, keyed by its ARN in LakeState. */
export interface EventDataStoreRecord {
  arn: string;
  name: string;
  tags: Record<string, string>;
}

export function emptyLakeState(): LakeState {
  return { eventDataStores: {} };
}
