import type { EventDataStoreRecord } from './lake-types.js';

/** The kinds of events a store holds, as its advanced selectors name them. */
export type StoreCategory = 'Management' | 'Data' | 'NetworkActivity' | 'ConfigurationItem' | 'ActivityAuditLog' | 'Insight';

/**
 * The category of a store: what its selectors' `eventCategory` fields equal. A store of CloudTrail
 * events may mix Management, Data and NetworkActivity selectors (reported as the first one); the
 * other kinds (Config items, events from outside AWS, Insights) never mix (eds-selectors.ts).
 */
export function storeCategory(eds: EventDataStoreRecord): StoreCategory {
  for (const selector of eds.advancedEventSelectors) {
    const field = selector.FieldSelectors.find((f) => f.Field === 'eventCategory');
    const value = field?.Equals?.[0];
    if (value !== undefined) return value as StoreCategory;
  }
  return 'Management';
}

/** Stores that ingest live events: CloudTrail events and Config items (not channel-fed or Insights stores). */
export const hasLiveIngestion = (eds: EventDataStoreRecord): boolean =>
  ['Management', 'Data', 'NetworkActivity', 'ConfigurationItem'].includes(storeCategory(eds));
