import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { storeCategory } from './eds-category.js';
import { findEventDataStore } from './eds-lookup.js';
import { checkActive } from './eds-rules.js';
import type { EventDataStoreRecord } from './lake-types.js';
import { requireHomeTrail, requireTrail } from './trail-names.js';
import type { TrailRecord } from './trail-types.js';

type StoreConfiguration = NonNullable<EventDataStoreRecord['eventConfiguration']>;
type ContextKeySelector = StoreConfiguration['contextKeySelectors'][number];
type AggregationConfiguration = NonNullable<TrailRecord['aggregationConfigurations']>[number];

interface ConfigurationInput {
  TrailName?: string;
  EventDataStore?: string;
  MaxEventSize?: StoreConfiguration['maxEventSize'];
  ContextKeySelectors?: ContextKeySelector[];
  AggregationConfigurations?: AggregationConfiguration[];
}

// The messages in this file are unverified: AWS's wording for these rules could not be found.
const combination = (message: string): AwsError => new AwsError('InvalidParameterCombinationException', message);
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** Exactly one target: a trail or an event data store. */
function target(input: ConfigurationInput): 'trail' | 'store' {
  if ((input.TrailName === undefined) === (input.EventDataStore === undefined)) {
    throw combination('Specify either TrailName or EventDataStore, but not both.');
  }
  return input.TrailName === undefined ? 'store' : 'trail';
}

/** Event size and context keys concern stores of CloudTrail events (management, data, network activity). */
function configurableStore(eds: EventDataStoreRecord): EventDataStoreRecord {
  if (!['Management', 'Data', 'NetworkActivity'].includes(storeCategory(eds))) {
    throw new AwsError(
      'InvalidEventDataStoreCategoryException',
      'Event configuration is supported only on event data stores that log Management, Data, or NetworkActivity events.',
    );
  }
  return eds;
}

const storeView = (eds: EventDataStoreRecord): Record<string, unknown> => ({
  EventDataStoreArn: eds.arn,
  MaxEventSize: eds.eventConfiguration?.maxEventSize ?? 'Standard',
  ContextKeySelectors: eds.eventConfiguration?.contextKeySelectors ?? [],
});

const trailView = (trail: TrailRecord): Record<string, unknown> => ({
  TrailARN: trail.arn,
  AggregationConfigurations: trail.aggregationConfigurations ?? [],
});

function getEventConfiguration(call: Call, input: ConfigurationInput): unknown {
  if (target(input) === 'trail') return trailView(requireTrail(call, input.TrailName!));
  const eds = findEventDataStore(call, input.EventDataStore!);
  if (eds.status === 'PENDING_DELETION') {
    throw new AwsError('InvalidEventDataStoreStatusException', 'The event data store is not in a status that supports the operation.');
  }
  return storeView(configurableStore(eds));
}

/** Context key selectors: each type once; they enrich events, so events must be allowed to grow (Large). */
function checkSelectors(selectors: ContextKeySelector[], maxEventSize: StoreConfiguration['maxEventSize']): ContextKeySelector[] {
  const types = new Set<string>();
  for (const s of selectors) {
    if (types.has(s.Type)) throw invalid(`ContextKeySelectors Type ${s.Type} is specified more than once.`);
    types.add(s.Type);
  }
  if (selectors.length > 0 && maxEventSize !== 'Large') {
    throw invalid('MaxEventSize must be set to Large to use ContextKeySelectors.');
  }
  return selectors.map((s) => ({ Type: s.Type, Equals: [...new Set(s.Equals)] }));
}

function putStoreConfiguration(call: Call, input: ConfigurationInput): unknown {
  if (input.AggregationConfigurations !== undefined) throw combination('AggregationConfigurations can be specified only with TrailName.');
  if (input.MaxEventSize === undefined && input.ContextKeySelectors === undefined) {
    throw invalid('Specify MaxEventSize, ContextKeySelectors, or both.');
  }
  const eds = findEventDataStore(call, input.EventDataStore!);
  checkActive(eds);
  configurableStore(eds);
  const maxEventSize = input.MaxEventSize ?? eds.eventConfiguration?.maxEventSize ?? 'Standard';
  const selectors = checkSelectors(input.ContextKeySelectors ?? eds.eventConfiguration?.contextKeySelectors ?? [], maxEventSize);
  eds.eventConfiguration = { maxEventSize, contextKeySelectors: selectors };
  eds.updatedTimestamp = call.now;
  return storeView(eds);
}

/** Aggregation is set on a trail from its home region; templates are a set. */
function putTrailConfiguration(call: Call, input: ConfigurationInput): unknown {
  if (input.MaxEventSize !== undefined || input.ContextKeySelectors !== undefined) {
    throw combination('MaxEventSize and ContextKeySelectors can be specified only with EventDataStore.');
  }
  if (input.AggregationConfigurations === undefined) throw invalid('Specify AggregationConfigurations for a trail.');
  const trail = requireHomeTrail(call, input.TrailName!);
  trail.aggregationConfigurations = input.AggregationConfigurations.map((c) => ({
    Templates: [...new Set(c.Templates)],
    EventCategory: c.EventCategory,
  }));
  return trailView(trail);
}

function putEventConfiguration(call: Call, input: ConfigurationInput): unknown {
  return target(input) === 'trail' ? putTrailConfiguration(call, input) : putStoreConfiguration(call, input);
}

export const eventConfigurationOperations: Record<string, Handler> = {
  GetEventConfiguration: getEventConfiguration,
  PutEventConfiguration: putEventConfiguration,
};
