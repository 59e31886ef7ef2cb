import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { s3BucketExists } from '../externals.js';
import type { Handler } from '../service.js';
import type { AdvancedEventSelectorRecord } from './lake-types.js';
import { normalizeAdvancedEventSelectors } from './selector-advanced.js';
import { defaultEventSelectors, normalizeEventSelectors, type EventSelectorInput } from './selector-basic.js';
import { getEventDataStoreInsights, putEventDataStoreInsights } from './selector-eds-insights.js';
import { normalizeInsightSelectors } from './selector-insights.js';
import { requireHomeTrail, requireTrail } from './trail-names.js';
import type { InsightSelectorRecord, TrailRecord } from './trail-types.js';

interface PutEventSelectorsInput {
  TrailName: string;
  EventSelectors?: EventSelectorInput[];
  AdvancedEventSelectors?: AdvancedEventSelectorRecord[];
}

/** What GetEventSelectors and PutEventSelectors report: the trail's selectors, or AWS's default. */
function selectorsOutput(trail: TrailRecord): Record<string, unknown> {
  if (trail.advancedEventSelectors) return { TrailARN: trail.arn, AdvancedEventSelectors: trail.advancedEventSelectors };
  return { TrailARN: trail.arn, EventSelectors: trail.eventSelectors ?? defaultEventSelectors() };
}

/**
 * PutEventSelectors: replaces the trail's selectors with basic or advanced ones (exactly one of
 * the two kinds per request); from the trail's home region only.
 */
function putEventSelectors(call: Call, input: PutEventSelectorsInput): unknown {
  const trail = requireHomeTrail(call, input.TrailName);
  const basic = input.EventSelectors;
  const advanced = input.AdvancedEventSelectors;
  if (basic !== undefined && advanced !== undefined) {
    throw new AwsError(
      'InvalidEventSelectorsException',
      'You cannot specify both EventSelectors and AdvancedEventSelectors in a PutEventSelectors request.',
    );
  }
  if (basic === undefined && advanced === undefined) {
    throw new AwsError('InvalidEventSelectorsException', 'You must specify either EventSelectors or AdvancedEventSelectors.');
  }
  if (basic !== undefined) {
    trail.eventSelectors = normalizeEventSelectors(basic);
    delete trail.advancedEventSelectors;
  } else {
    trail.advancedEventSelectors = normalizeAdvancedEventSelectors(advanced!);
    delete trail.eventSelectors;
  }
  return selectorsOutput(trail);
}

/** GetEventSelectors: shadows included (they share the home trail's selectors). */
function getEventSelectors(call: Call, input: { TrailName: string }): unknown {
  return selectorsOutput(requireTrail(call, input.TrailName));
}

interface InsightSelectorsInput {
  TrailName?: string;
  EventDataStore?: string;
  InsightsDestination?: string;
  InsightSelectors?: Partial<InsightSelectorRecord>[];
}

/** A request names a trail or an event data store, never both; a destination goes with a store only. */
function checkInsightTarget(input: InsightSelectorsInput): void {
  if (input.TrailName !== undefined && (input.EventDataStore !== undefined || input.InsightsDestination !== undefined)) {
    throw new AwsError(
      'InvalidParameterCombinationException',
      'You cannot use TrailName with the EventDataStore or InsightsDestination parameters.',
    );
  }
  if (input.TrailName === undefined && input.EventDataStore === undefined) {
    throw new AwsError('InvalidParameterCombinationException', 'You must specify either TrailName or EventDataStore.');
  }
}

/**
 * PutInsightSelectors: replaces a trail's (or event data store's) Insights types; an empty list
 * turns Insights off. Insights are delivered to the trail's bucket, which must still exist.
 */
function putInsightSelectors(call: Call, input: InsightSelectorsInput): unknown {
  checkInsightTarget(input);
  if (input.TrailName === undefined) return putEventDataStoreInsights(call, input.EventDataStore!, input);
  const trail = requireHomeTrail(call, input.TrailName);
  const selectors = normalizeInsightSelectors(trail, input.InsightSelectors ?? []);
  if (selectors.length > 0 && !s3BucketExists(call, trail.s3BucketName)) {
    throw new AwsError('S3BucketDoesNotExistException', `S3 bucket ${trail.s3BucketName} does not exist!`);
  }
  trail.insightSelectors = selectors;
  return { TrailARN: trail.arn, InsightSelectors: selectors };
}

/** GetInsightSelectors: InsightNotEnabledException when the trail has no Insights types. */
function getInsightSelectors(call: Call, input: InsightSelectorsInput): unknown {
  checkInsightTarget(input);
  if (input.TrailName === undefined) return getEventDataStoreInsights(call, input.EventDataStore!);
  const trail = requireTrail(call, input.TrailName);
  if (trail.insightSelectors.length === 0) {
    throw new AwsError('InsightNotEnabledException', `Trail ${trail.arn} does not have Insights enabled.`);
  }
  return { TrailARN: trail.arn, InsightSelectors: trail.insightSelectors };
}

/** Event selectors and Insights selectors of trails. */
export const selectorOperations: Record<string, Handler> = {
  PutEventSelectors: putEventSelectors,
  GetEventSelectors: getEventSelectors,
  PutInsightSelectors: putInsightSelectors,
  GetInsightSelectors: getInsightSelectors,
};
