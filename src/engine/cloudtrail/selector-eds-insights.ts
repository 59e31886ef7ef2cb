import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { checkActive } from './eds-rules.js';
import { findEventDataStore } from './eds-lookup.js';
import { advancedLogged, checkLogged } from './selector-insights.js';
import type { InsightSelectorRecord } from './trail-types.js';

const invalid = (message: string) => new AwsError('InvalidInsightSelectorsException', message);

/** Insights on a store: management events only, each type once, logged by the source store. */
function normalizeStoreInsights(selectors: Partial<InsightSelectorRecord>[], logged: ReturnType<typeof advancedLogged>) {
  const seen = new Set<string>();
  return selectors.map(({ InsightType: type, EventCategories: categories }): InsightSelectorRecord => {
    if (type === undefined) throw invalid('InsightType must be ApiCallRateInsight or ApiErrorRateInsight.');
    if (seen.has(type)) throw invalid(`InsightType ${type} is specified more than once.`);
    seen.add(type);
    if (categories?.includes('Data')) throw invalid('Insights on data events are not supported on event data stores.');
    checkLogged(type, 'Management', logged, 'source event data store');
    return { InsightType: type, ...(categories !== undefined && { EventCategories: [...categories] }) };
  });
}

/**
 * PutInsightSelectors on an event data store: the source store must log the management events the
 * Insights types analyze, and the destination (required to enable) must be a store of Insights
 * events. An empty list turns Insights off.
 */
export function putEventDataStoreInsights(
  call: Call,
  storeRef: string,
  input: { InsightsDestination?: string; InsightSelectors?: Partial<InsightSelectorRecord>[] },
): unknown {
  const source = findEventDataStore(call, storeRef);
  checkActive(source);
  const selectors = normalizeStoreInsights(input.InsightSelectors ?? [], advancedLogged(source.advancedEventSelectors));
  if (selectors.length === 0) {
    delete source.insightSelectors;
    delete source.insightsDestination;
    return { EventDataStoreArn: source.arn, InsightSelectors: [] };
  }
  if (input.InsightsDestination === undefined) {
    throw new AwsError('InvalidParameterCombinationException', 'You must specify InsightsDestination to enable Insights on an event data store.');
  }
  const destination = findEventDataStore(call, input.InsightsDestination);
  checkActive(destination);
  const logsInsights = destination.advancedEventSelectors.some((s) =>
    s.FieldSelectors.some((fs) => fs.Field === 'eventCategory' && fs.Equals?.includes('Insight')));
  if (!logsInsights) throw invalid('The destination event data store must log Insights events.');
  source.insightSelectors = selectors;
  source.insightsDestination = destination.arn;
  return { EventDataStoreArn: source.arn, InsightSelectors: selectors, InsightsDestination: destination.arn };
}

/** GetInsightSelectors on an event data store: InsightNotEnabledException when it has none. */
export function getEventDataStoreInsights(call: Call, storeRef: string): unknown {
  const store = findEventDataStore(call, storeRef);
  if (!store.insightSelectors?.length) {
    throw new AwsError('InsightNotEnabledException', `Event data store ${store.arn} does not have Insights enabled.`);
  }
  return {
    EventDataStoreArn: store.arn,
    InsightSelectors: store.insightSelectors,
    ...(store.insightsDestination !== undefined && { InsightsDestination: store.insightsDestination }),
  };
}
