import type { Call } from '../call.js';
import { logGroupMatcher, type LogGroupFilters } from './group-filters.js';
import { paginate } from './policy-page.js';
import type { DataSourceRecord } from './state.js';

interface ListAggregateInput extends LogGroupFilters {
  groupBy: 'DATA_SOURCE_NAME_AND_TYPE' | 'DATA_SOURCE_NAME_TYPE_AND_FORMAT';
  nextToken?: string;
  limit?: number;
}

type GroupingIdentifier = { key: string; value: string };

function identifiers(source: DataSourceRecord, withFormat: boolean): GroupingIdentifier[] {
  const ids = [
    { key: 'dataSource.Name', value: source.name },
    { key: 'dataSource.Type', value: source.type },
  ];
  if (withFormat && source.format !== undefined) ids.push({ key: 'dataSource.Format', value: source.format });
  return ids;
}

/**
 * Counts the matching log groups per data source characteristics (a group carrying several data
 * sources counts once for each), largest count first. Groups CloudWatch Logs recognizes no data
 * source in are not summarized (unverified: AWS may group them under a name of its own).
 */
export function listAggregateLogGroupSummaries(call: Call, input: ListAggregateInput) {
  const matches = logGroupMatcher(call, input);
  const withFormat = input.groupBy === 'DATA_SOURCE_NAME_TYPE_AND_FORMAT';
  const counts = new Map<string, { logGroupCount: number; groupingIdentifiers: GroupingIdentifier[] }>();
  for (const group of Object.values(call.state.logs.logGroups)) {
    if (!matches(group)) continue;
    for (const source of group.dataSources ?? []) {
      const ids = identifiers(source, withFormat);
      const key = JSON.stringify(ids);
      const entry = counts.get(key) ?? { logGroupCount: 0, groupingIdentifiers: ids };
      entry.logGroupCount++;
      counts.set(key, entry);
    }
  }
  const summaries = [...counts.entries()]
    .sort(([ka, a], [kb, b]) => b.logGroupCount - a.logGroupCount || (ka < kb ? -1 : 1))
    .map(([, summary]) => summary);
  const page = paginate('ListAggregateLogGroupSummaries', summaries, input);
  return { aggregateLogGroupSummaries: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
