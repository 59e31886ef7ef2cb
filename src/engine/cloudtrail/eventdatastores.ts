import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { EDS_DELETION_WAIT_MS, edsOutput, findEventDataStore, regionStores } from './eds-lookup.js';
import {
  RETENTION,
  checkActive,
  checkNameFree,
  checkNoOngoingImport,
  checkOrganizationCaller,
  checkRetention,
  checkStoreLimit,
  resolveKmsKey,
} from './eds-rules.js';
import { DEFAULT_EDS_SELECTORS, validateEdsSelectors } from './eds-selectors.js';
import { trimStoreEvents } from './event-retention.js';
import { checkNotFederated } from './federation.js';
import type { AdvancedEventSelectorRecord, EventDataStoreRecord } from './lake-types.js';
import { putEntry } from '../own.js';

type BillingMode = EventDataStoreRecord['billingMode'];

/** The settings CreateEventDataStore and UpdateEventDataStore share. */
interface StoreSettings {
  Name?: string;
  AdvancedEventSelectors?: AdvancedEventSelectorRecord[];
  MultiRegionEnabled?: boolean;
  OrganizationEnabled?: boolean;
  RetentionPeriod?: number;
  TerminationProtectionEnabled?: boolean;
  KmsKeyId?: string;
  BillingMode?: BillingMode;
}

interface CreateInput extends StoreSettings {
  Name: string;
  TagsList?: { Key: string; Value?: string }[];
  StartIngestion?: boolean;
}

interface UpdateInput extends StoreSettings {
  EventDataStore: string;
}

function createEventDataStore(call: Call, input: CreateInput): unknown {
  const stores = regionStores(call);
  checkNameFree(stores, input.Name);
  checkStoreLimit(stores);
  const selectors = input.AdvancedEventSelectors ? validateEdsSelectors(input.AdvancedEventSelectors) : structuredClone(DEFAULT_EDS_SELECTORS);
  const billingMode = input.BillingMode ?? 'EXTENDABLE_RETENTION_PRICING';
  const retentionPeriod = input.RetentionPeriod ?? RETENTION[billingMode].default;
  checkRetention(billingMode, retentionPeriod);
  if (input.OrganizationEnabled) checkOrganizationCaller(call);
  const kmsKeyId = input.KmsKeyId === undefined ? undefined : resolveKmsKey(call, input.KmsKeyId);
  const tags: Record<string, string> = {};
  for (const tag of input.TagsList ?? []) putEntry(tags, tag.Key, tag.Value ?? '');
  const eds: EventDataStoreRecord = {
    arn: call.arn('cloudtrail', `eventdatastore/${randomUUID()}`),
    name: input.Name,
    status: input.StartIngestion === false ? 'STOPPED_INGESTION' : 'ENABLED',
    advancedEventSelectors: selectors,
    multiRegionEnabled: input.MultiRegionEnabled ?? true,
    organizationEnabled: input.OrganizationEnabled ?? false,
    retentionPeriod,
    terminationProtectionEnabled: input.TerminationProtectionEnabled ?? true,
    billingMode,
    ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    createdTimestamp: call.now,
    updatedTimestamp: call.now,
    tags,
    events: [],
  };
  stores[eds.arn] = eds;
  // The store is CREATED while CloudTrail sets it up; it reads back as ENABLED (or stopped) at once.
  return { ...edsOutput(eds), Status: 'CREATED', ...(input.TagsList ? { TagsList: input.TagsList } : {}) };
}

function getEventDataStore(call: Call, input: { EventDataStore: string }): unknown {
  return edsOutput(findEventDataStore(call, input.EventDataStore), call.now);
}

/** Oldest first, by creation time and then ARN (a stable order that tokens can resume from). */
function listEventDataStores(call: Call, input: { NextToken?: string; MaxResults?: number }): unknown {
  const all = Object.values(regionStores(call)).sort(
    (a, b) => a.createdTimestamp - b.createdTimestamp || (a.arn < b.arn ? -1 : 1),
  );
  let start = 0;
  if (input.NextToken !== undefined) {
    const after = decodeToken<{ t: number; a: string }>(input.NextToken, 'InvalidNextTokenException', 'The NextToken is not valid.');
    start = all.findIndex((s) => s.createdTimestamp > after.t || (s.createdTimestamp === after.t && s.arn > after.a));
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, input.MaxResults === undefined ? undefined : start + input.MaxResults);
  const last = page[page.length - 1];
  const more = last !== undefined && start + page.length < all.length;
  return {
    EventDataStores: page.map(listItem),
    ...(more ? { NextToken: encodeToken({ t: last.createdTimestamp, a: last.arn }) } : {}),
  };
}

/** ListEventDataStores items carry the (deprecated) summary members, without KMS or billing. */
function listItem(eds: EventDataStoreRecord): Record<string, unknown> {
  const { KmsKeyId: _kms, BillingMode: _billing, ...summary } = edsOutput(eds);
  return summary;
}

const SETTINGS: (keyof StoreSettings)[] = [
  'Name',
  'AdvancedEventSelectors',
  'MultiRegionEnabled',
  'OrganizationEnabled',
  'RetentionPeriod',
  'TerminationProtectionEnabled',
  'KmsKeyId',
  'BillingMode',
];

function updateEventDataStore(call: Call, input: UpdateInput): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  if (SETTINGS.every((key) => input[key] === undefined)) {
    throw new AwsError('InvalidParameterException', 'At least one parameter besides EventDataStore must be specified.');
  }
  checkActive(eds);
  checkNoOngoingImport(call, eds);
  const next = updatedSettings(call, eds, input);
  Object.assign(eds, next, { updatedTimestamp: call.now });
  trimStoreEvents(eds, call.now);
  return edsOutput(eds, call.now);
}

/** Validates an update against the store as it is and returns the fields that change. */
function updatedSettings(call: Call, eds: EventDataStoreRecord, input: UpdateInput): Partial<EventDataStoreRecord> {
  const next: Partial<EventDataStoreRecord> = {};
  if (input.Name !== undefined && input.Name !== eds.name) {
    checkNameFree(regionStores(call), input.Name, eds.arn);
    next.name = input.Name;
  }
  if (input.AdvancedEventSelectors) next.advancedEventSelectors = validateEdsSelectors(input.AdvancedEventSelectors);
  if (input.BillingMode === 'FIXED_RETENTION_PRICING' && eds.billingMode === 'EXTENDABLE_RETENTION_PRICING') {
    throw new AwsError(
      'InvalidParameterException',
      'The billing mode cannot be changed from EXTENDABLE_RETENTION_PRICING to FIXED_RETENTION_PRICING.',
    );
  }
  if (input.BillingMode !== undefined) next.billingMode = input.BillingMode;
  if (input.RetentionPeriod !== undefined) next.retentionPeriod = input.RetentionPeriod;
  checkRetention(next.billingMode ?? eds.billingMode, next.retentionPeriod ?? eds.retentionPeriod);
  if (input.OrganizationEnabled !== undefined && input.OrganizationEnabled !== eds.organizationEnabled) {
    checkOrganizationCaller(call);
    next.organizationEnabled = input.OrganizationEnabled;
  }
  if (input.MultiRegionEnabled !== undefined) next.multiRegionEnabled = input.MultiRegionEnabled;
  if (input.TerminationProtectionEnabled !== undefined) next.terminationProtectionEnabled = input.TerminationProtectionEnabled;
  if (input.KmsKeyId !== undefined) next.kmsKeyId = updatedKmsKey(call, eds, input.KmsKeyId);
  return next;
}

/** A store's KMS key can be added later but, once set, never changed. */
function updatedKmsKey(call: Call, eds: EventDataStoreRecord, keyId: string): string {
  const arn = resolveKmsKey(call, keyId);
  if (eds.kmsKeyId !== undefined && eds.kmsKeyId !== arn) {
    throw new AwsError('InvalidParameterException', 'The KMS key of an event data store cannot be changed or removed once it is set.');
  }
  return arn;
}

function deleteEventDataStore(call: Call, input: { EventDataStore: string }): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  checkActive(eds);
  if (eds.terminationProtectionEnabled) {
    throw new AwsError(
      'EventDataStoreTerminationProtectedException',
      'The event data store cannot be deleted because termination protection is enabled for it.',
    );
  }
  checkNoOngoingImport(call, eds);
  checkNotFederated(eds, call.now);
  const channels = Object.values(call.state.cloudtrail.lake.channels ?? {});
  if (channels.some((c) => c.destinations.some((d) => d.Type === 'EVENT_DATA_STORE' && d.Location === eds.arn))) {
    throw new AwsError('ChannelExistsForEDSException', 'The event data store cannot be deleted because it is in use by a channel.');
  }
  eds.statusBeforeDelete = eds.status;
  eds.status = 'PENDING_DELETION';
  eds.deleteAfter = call.now + EDS_DELETION_WAIT_MS;
  return undefined;
}

function restoreEventDataStore(call: Call, input: { EventDataStore: string }): unknown {
  const eds = findEventDataStore(call, input.EventDataStore);
  if (eds.status !== 'PENDING_DELETION') {
    throw new AwsError('InvalidEventDataStoreStatusException', 'The event data store is not in a status that supports the operation.');
  }
  checkStoreLimit(regionStores(call));
  eds.status = eds.statusBeforeDelete ?? 'ENABLED';
  delete eds.statusBeforeDelete;
  delete eds.deleteAfter;
  eds.updatedTimestamp = call.now;
  return edsOutput(eds);
}

export const eventDataStoreOperations: Record<string, Handler> = {
  CreateEventDataStore: createEventDataStore,
  GetEventDataStore: getEventDataStore,
  ListEventDataStores: listEventDataStores,
  UpdateEventDataStore: updateEventDataStore,
  DeleteEventDataStore: deleteEventDataStore,
  RestoreEventDataStore: restoreEventDataStore,
};
