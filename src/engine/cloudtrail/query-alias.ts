import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { regionDashboards } from './dashboard-lookup.js';
import { bindParameters, parameterValue } from './dashboard-rules.js';
import { generatedQuery } from './generate-query.js';
import type { QueryRecord } from './lake-types.js';
import { queryNotFound } from './query-lifecycle.js';

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/**
 * The statement a StartQuery QueryAlias names: a query GenerateQuery made (no parameters), or a
 * custom dashboard widget's query, its QueryParameters filling the widget's `'?'` placeholders.
 */
export function aliasStatement(call: Call, alias: string, values?: string[]): { statement: string; prompt?: string } {
  const generated = generatedQuery(call, alias);
  if (generated) {
    if (values !== undefined) throw invalid(`QueryParameters cannot be specified for the generated query ${alias}.`);
    return { statement: generated.queryStatement, prompt: generated.prompt };
  }
  for (const d of Object.values(regionDashboards(call))) {
    const widget = d.type === 'CUSTOM' ? d.widgets.find((w) => w.QueryAlias === alias) : undefined;
    if (!widget) continue;
    const names = widget.QueryParameters ?? [];
    if ((values ?? []).length !== names.length) {
      throw invalid(`QueryAlias ${alias} takes ${names.length} QueryParameters (${names.join(', ') || 'none'}).`);
    }
    const bound = Object.fromEntries(names.map((n, i) => [n, parameterValue(values![i]!)]));
    return { statement: bindParameters(widget.QueryStatement, names, bound) };
  }
  throw invalid(`QueryAlias ${alias} does not identify a query template.`);
}

/** The query a dashboard refresh ran for a widget (DescribeQuery by QueryAlias and RefreshId). */
export function refreshQuery(call: Call, alias: string, refreshId: string): QueryRecord {
  for (const d of Object.values(regionDashboards(call))) {
    const refresh = d.refreshes.find((r) => r.refreshId === refreshId);
    const id = refresh && Object.hasOwn(refresh.queryIds, alias) ? refresh.queryIds[alias] : undefined;
    const queries = call.state.cloudtrail.lake.queries;
    if (id !== undefined && Object.hasOwn(queries, id)) return queries[id]!;
  }
  throw queryNotFound();
}
