import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { hasLiveIngestion } from './eds-category.js';
import { findEventDataStore } from './eds-lookup.js';
import type { EventDataStoreRecord } from './lake-types.js';

const wrongStatus = (): AwsError =>
  new AwsError('InvalidEventDataStoreStatusException', 'The event data store is not in a status that supports the operation.');

/**
 * Live ingestion applies to stores of CloudTrail events and Config items; stores of events from
 * outside AWS (fed by channels) and Insights stores have no live ingestion to start or stop.
 */
function ingestingStore(call: Call, ref: string): EventDataStoreRecord {
  const eds = findEventDataStore(call, ref);
  if (!hasLiveIngestion(eds)) {
    // Unverified wording: AWS's exact message for this case could not be found.
    throw new AwsError(
      'InvalidEventDataStoreCategoryException',
      'Ingestion can be started or stopped only on event data stores of Management, Data, NetworkActivity, or ConfigurationItem events.',
    );
  }
  return eds;
}

/**
 * StartEventDataStoreIngestion: STOPPED_INGESTION → ENABLED. AWS passes through STARTING_INGESTION;
 * the engine completes the transition within the call (as CreateEventDataStore's CREATED does),
 * so the recorder copies events into the store from the next call on.
 */
function startEventDataStoreIngestion(call: Call, input: { EventDataStore: string }): unknown {
  const eds = ingestingStore(call, input.EventDataStore);
  if (eds.status !== 'STOPPED_INGESTION') throw wrongStatus();
  eds.status = 'ENABLED';
  eds.updatedTimestamp = call.now;
  return {};
}

/** StopEventDataStoreIngestion: ENABLED → STOPPED_INGESTION (events stay queryable). */
function stopEventDataStoreIngestion(call: Call, input: { EventDataStore: string }): unknown {
  const eds = ingestingStore(call, input.EventDataStore);
  if (eds.status !== 'ENABLED') throw wrongStatus();
  eds.status = 'STOPPED_INGESTION';
  eds.updatedTimestamp = call.now;
  return {};
}

export const ingestionOperations: Record<string, Handler> = {
  StartEventDataStoreIngestion: startEventDataStoreIngestion,
  StopEventDataStoreIngestion: stopEventDataStoreIngestion,
};
