import { AwsError } from '../errors.js';
import type { FilterPattern } from './pattern/index.js';
import type { MetricTransformationRecord } from './state.js';

/** A metric transformation as PutMetricFilter receives it: the stored shape (the model's constraints already hold). */
export type MetricTransformationInput = MetricTransformationRecord;

/** "One metric filter can include as many as three dimensions" (system field dimensions count too). */
const MAX_DIMENSIONS = 3;

/** The system fields a filter may emit or select on. */
const SYSTEM_FIELDS = ['@aws.account', '@aws.region'];

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/**
 * The semantic rules of PutMetricFilter's transformations: a value that is a number or a field the
 * pattern can yield (`$.path` of a JSON pattern, `$name`/`$3` of a space-delimited one); dimensions
 * only on those two kinds of pattern, only as such fields, never with a default value, at most
 * three including the emitted system fields.
 */
export function checkMetricTransformations(
  transformations: MetricTransformationInput[],
  filterPattern: FilterPattern,
  emitSystemFieldDimensions: string[] = [],
): MetricTransformationRecord[] {
  checkSystemFields(emitSystemFieldDimensions);
  return transformations.map((t) => checkTransformation(t, filterPattern, emitSystemFieldDimensions.length));
}

function checkTransformation(
  t: MetricTransformationInput,
  filterPattern: FilterPattern,
  systemDimensions: number,
): MetricTransformationRecord {
  if (!NUMBER.test(t.metricValue) && !filterPattern.canResolve(t.metricValue)) {
    throw invalid(`Invalid metric transformation: metric value ${t.metricValue} must be a valid number`);
  }
  const dimensions = Object.entries(t.dimensions ?? {});
  if (dimensions.length > 0) {
    if (t.defaultValue !== undefined) {
      throw invalid('Invalid metric transformation: dimensions and default value are mutually exclusive properties');
    }
    if (filterPattern.kind !== 'json' && filterPattern.kind !== 'delimited') {
      throw invalid('The specified filter pattern does not support dimensions');
    }
    if (dimensions.some(([, value]) => !filterPattern.canResolve(value))) {
      throw invalid('Invalid metric transformation: dimension value must be valid selector');
    }
  }
  if (dimensions.length + systemDimensions > MAX_DIMENSIONS) {
    throw invalid(`Invalid metric transformation: the number of dimensions cannot exceed ${MAX_DIMENSIONS}`);
  }
  return {
    metricName: t.metricName,
    metricNamespace: t.metricNamespace,
    metricValue: t.metricValue,
    ...(t.defaultValue !== undefined && { defaultValue: t.defaultValue }),
    ...(dimensions.length > 0 && { dimensions: { ...t.dimensions } }),
    ...(t.unit !== undefined && { unit: t.unit }),
  };
}

/** System fields are `@aws.account` and `@aws.region`, each at most once. */
export function checkSystemFields(fields: string[]): void {
  for (const field of fields) {
    if (!SYSTEM_FIELDS.includes(field)) {
      throw invalid(`Invalid system field: ${field}. Valid values are ${SYSTEM_FIELDS.join(' and ')}`);
    }
  }
  if (new Set(fields).size !== fields.length) throw invalid('System fields must not be repeated');
}
