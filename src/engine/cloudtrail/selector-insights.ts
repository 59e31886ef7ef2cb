import { AwsError } from '../errors.js';
import type { AdvancedEventSelectorRecord } from './lake-types.js';
import { defaultEventSelectors } from './selector-basic.js';
import type { InsightSelectorRecord, TrailRecord } from './trail-types.js';

/** Which events a trail or store logs, as far as Insights care. */
export interface LoggedEvents {
  readManagement: boolean;
  writeManagement: boolean;
  data: boolean;
}

const equalsOf = (s: AdvancedEventSelectorRecord, field: string) =>
  s.FieldSelectors.find((fs) => fs.Field === field)?.Equals;

/** The management (read, write) and data events advanced selectors log. */
export function advancedLogged(selectors: AdvancedEventSelectorRecord[]): LoggedEvents {
  const logged: LoggedEvents = { readManagement: false, writeManagement: false, data: false };
  for (const s of selectors) {
    const category = equalsOf(s, 'eventCategory')?.[0];
    const readOnly = equalsOf(s, 'readOnly')?.[0];
    if (category === 'Data') logged.data = true;
    if (category !== 'Management') continue;
    if (readOnly !== 'false') logged.readManagement = true;
    if (readOnly !== 'true') logged.writeManagement = true;
  }
  return logged;
}

/** The management (read, write) and data events a trail's selectors log. */
function loggedEvents(trail: TrailRecord): LoggedEvents {
  if (trail.advancedEventSelectors) return advancedLogged(trail.advancedEventSelectors);
  const logged: LoggedEvents = { readManagement: false, writeManagement: false, data: false };
  for (const s of trail.eventSelectors ?? defaultEventSelectors()) {
    if (s.DataResources.length > 0) logged.data = true;
    if (!s.IncludeManagementEvents) continue;
    if (s.ReadWriteType !== 'WriteOnly') logged.readManagement = true;
    if (s.ReadWriteType !== 'ReadOnly') logged.writeManagement = true;
  }
  return logged;
}

const invalid = (message: string) => new AwsError('InvalidInsightSelectorsException', message);

/** What one Insights type on one event category needs the trail (or store) to log. */
export function checkLogged(
  type: InsightSelectorRecord['InsightType'],
  category: 'Management' | 'Data',
  logged: LoggedEvents,
  subject = 'trail',
): void {
  if (category === 'Data') {
    if (!logged.data) throw invalid(`To log ${type} Insights on data events, the ${subject} must log data events.`);
    return;
  }
  if (type === 'ApiCallRateInsight' && !logged.writeManagement) {
    throw invalid(`To log ApiCallRateInsight Insights on management events, the ${subject} must log write management events.`);
  }
  if (type === 'ApiErrorRateInsight' && !logged.readManagement && !logged.writeManagement) {
    throw invalid(
      `To log ApiErrorRateInsight Insights on management events, the ${subject} must log read or write management events.`,
    );
  }
}

/**
 * Checks Insights selectors for a trail: a valid, non-repeated InsightType each, and the events each
 * one analyzes logged by the trail's selectors. Returns them as GetInsightSelectors reports them.
 */
export function normalizeInsightSelectors(trail: TrailRecord, selectors: Partial<InsightSelectorRecord>[]): InsightSelectorRecord[] {
  const logged = loggedEvents(trail);
  const seen = new Set<string>();
  return selectors.map(({ InsightType: type, EventCategories: categories }) => {
    if (type === undefined) throw invalid('InsightType must be ApiCallRateInsight or ApiErrorRateInsight.');
    if (seen.has(type)) throw invalid(`InsightType ${type} is specified more than once.`);
    seen.add(type);
    for (const category of categories ?? ['Management']) checkLogged(type, category, logged);
    return { InsightType: type, ...(categories !== undefined && { EventCategories: [...categories] }) };
  });
}
