import { canonicalTags } from '../model/normalize.js';
import { str } from '../model/schema.js';
import { canonicalFilterOptions, canonicalSystemFields, FILTER_OPTION_FIELDS, systemFieldsField, type FilterOptions, type FilterOptionsDeclaration } from './filter-options.js';
import { declared, logs } from './shared.js';
import type { KindSpec } from './types.js';

/** A metric transformation of a metric filter. */
export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

/**
 * A metric filter of a log group; identity `group/filterName`. AWS's defaults read back as absent:
 * `applyOnTransformedLogs` false, no field selection, no system field dimensions.
 */
export interface MetricFilter extends FilterOptions {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformation[];
  /** `@aws.account` / `@aws.region`, sorted: a set. */
  emitSystemFieldDimensions?: string[];
}

interface MetricFilterDeclaration extends FilterOptionsDeclaration {
  filterPattern: string;
  metricTransformations: (Omit<MetricTransformation, 'metricValue'> & { metricValue: string | number })[];
  emitSystemFieldDimensions?: string[];
}

/** Metric filters: `logGroups.<group>.metricFilters.<name>`. */
export const metricFilterKind: KindSpec<MetricFilter> = {
  section: 'metricFilters',
  noun: 'metric filter',
  parent: 'logGroup',
  nesting: 'map',
  doc: 'Metric filters by name (at most 100).',
  fields: {
    kind: 'object',
    doc: 'A metric filter.',
    fields: {
      filterPattern: str('Filter pattern; "" matches every event.', { required: true, allowEmpty: true }),
      metricTransformations: {
        kind: 'list',
        doc: 'Exactly one transformation.',
        minItems: 1,
        maxItems: 1,
        required: true,
        items: {
          kind: 'object',
          doc: 'How matching events become a metric.',
          fields: {
            metricName: str('Metric name.', { required: true }),
            metricNamespace: str('Metric namespace.', { required: true }),
            metricValue: str('The value published per match: a number, or `$.field` / `$name` from the pattern.', { required: true }),
            defaultValue: { kind: 'number', doc: 'Value emitted when nothing matches (not with dimensions).' },
            dimensions: { kind: 'map', doc: 'Up to 3 dimensions: name → `$.field` / `$name`.', values: str('') },
            unit: str('Metric unit, e.g. Count, Milliseconds.'),
          },
        },
      },
      ...FILTER_OPTION_FIELDS,
      emitSystemFieldDimensions: systemFieldsField('System fields published as dimensions (they count towards the 3 dimensions).'),
    },
  },
  phase: 3,
  limit: { max: 100, per: 'parent' },

  resolve(decl) {
    const spec = decl.spec as MetricFilterDeclaration;
    return {
      filterName: decl.key!,
      filterPattern: spec.filterPattern,
      metricTransformations: spec.metricTransformations.map((t) => {
        const out: MetricTransformation = { metricName: t.metricName, metricNamespace: t.metricNamespace, metricValue: String(t.metricValue) };
        if (t.defaultValue !== undefined) out.defaultValue = t.defaultValue;
        if (t.dimensions !== undefined) out.dimensions = canonicalTags(t.dimensions);
        if (t.unit !== undefined) out.unit = t.unit;
        return out;
      }),
      ...canonicalFilterOptions(spec),
      ...canonicalSystemFields('emitSystemFieldDimensions', spec.emitSystemFieldDimensions),
    };
  },

  declare: ({ filterName: _, ...f }) => declared({ ...f }),

  read: {
    // account-wide, 50 a page: one listing for every group instead of one per group
    list: { from: 'account', requests: [logs('DescribeMetricFilters', { limit: 50 })], items: 'metricFilters', paging: 'nextToken', parentName: (f) => f.logGroupName },
    name: (f) => f.filterName,
    observe: (f) => ({
      filterName: f.filterName,
      filterPattern: f.filterPattern ?? '',
      metricTransformations: ((f.metricTransformations ?? []) as any[]).map((t) => {
        const out: MetricTransformation = { metricName: t.metricName, metricNamespace: t.metricNamespace, metricValue: t.metricValue };
        if (t.defaultValue !== undefined) out.defaultValue = t.defaultValue;
        if (t.dimensions && Object.keys(t.dimensions).length > 0) out.dimensions = canonicalTags(t.dimensions);
        if (t.unit !== undefined && t.unit !== 'None') out.unit = t.unit;
        return out;
      }),
      ...canonicalFilterOptions(f),
      ...canonicalSystemFields('emitSystemFieldDimensions', f.emitSystemFieldDimensions),
    }),
  },

  steps(change) {
    const logGroupName = change.address.parent;
    if (change.action === 'delete') return [logs('DeleteMetricFilter', { logGroupName, filterName: change.before!.filterName })];
    return [logs('PutMetricFilter', { logGroupName, ...change.after! })];
  },
};
