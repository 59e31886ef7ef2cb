import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { DeliveryDestinationRecord, DeliveryRecord, DeliverySourceRecord } from './delivery-records.js';
import { ownEntry } from './lookup.js';
import { paginate, type Page } from './policy-page.js';
import type { LogsState } from './state.js';

/** AWS's messages for missing delivery resources (recorded against AWS in localstack's snapshots). */
export const sourceNotFound = () => new AwsError('ResourceNotFoundException', 'Requested Delivery Source does not exist in this account.');
export const destinationNotFound = () =>
  new AwsError('ResourceNotFoundException', 'Requested Delivery Destination does not exist in this account.');
export const deliveryNotFound = () => new AwsError('ResourceNotFoundException', 'Requested Delivery does not exist in this account.');

/** "Tags can only be provided when a resource is being created, not updated." (ConflictException). */
export const tagsOnUpdate = () =>
  new AwsError('ConflictException', 'Tags can only be provided when a resource is being created, not updated.');

/** The delivery records of a region's state, created where a world persisted before them lacks them. */
export const deliverySources = (logs: LogsState): Record<string, DeliverySourceRecord> => (logs.deliverySources ??= {});
export const deliveryDestinations = (logs: LogsState): Record<string, DeliveryDestinationRecord> =>
  (logs.deliveryDestinations ??= {});
export const deliveries = (logs: LogsState): Record<string, DeliveryRecord> => (logs.deliveries ??= {});

export function requireSource(call: Call, name: string): DeliverySourceRecord {
  const source = ownEntry(deliverySources(call.state.logs), name);
  if (!source) throw sourceNotFound();
  return source;
}

export function requireDestination(call: Call, name: string): DeliveryDestinationRecord {
  const destination = ownEntry(deliveryDestinations(call.state.logs), name);
  if (!destination) throw destinationNotFound();
  return destination;
}

export function requireDelivery(call: Call, id: string): DeliveryRecord {
  const delivery = ownEntry(deliveries(call.state.logs), id);
  if (!delivery) throw deliveryNotFound();
  return delivery;
}

const DESTINATION_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):delivery-destination:([\w-]+)$/;

/** Where a delivery destination ARN points. */
export interface DestinationLocation {
  region: string;
  account: string;
  name: string;
}

export function parseDeliveryDestinationArn(arn: string): DestinationLocation | undefined {
  const m = DESTINATION_ARN.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

/** The destination an ARN names in any account of the world, without creating state on the way. */
export function findDestinationByArn(call: Call, arn: string): DeliveryDestinationRecord | undefined {
  const at = parseDeliveryDestinationArn(arn);
  if (!at) return undefined;
  const account = ownEntry(call.engine.world.accounts, at.account);
  const region = account && ownEntry(account.regions, at.region);
  const found = region?.logs.deliveryDestinations && ownEntry(region.logs.deliveryDestinations, at.name);
  return found && found.arn === arn ? found : undefined;
}

/** Every delivery of every account and region, for the "destination in use" check across accounts. */
export function* everyDelivery(call: Call): Generator<DeliveryRecord> {
  for (const account of Object.values(call.engine.world.accounts)) {
    for (const region of Object.values(account.regions)) yield* Object.values(region.logs.deliveries ?? {});
  }
}

/** Pages a listing of the delivery APIs by offset; they answer a bad token with ValidationException (wording unverified against AWS). */
export const deliveryPage = <T>(operation: string, items: T[], input: { limit?: number; nextToken?: string }): Page<T> =>
  paginate(operation, items, input, 'ValidationException');

/** Records sorted by a string key, as listings return them. */
export function sortedBy<T>(records: Iterable<T>, key: (r: T) => string): T[] {
  return [...records].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
