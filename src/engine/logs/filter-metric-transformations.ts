import { AwsError } from '../errors.js';
import type { MetricTransformationRecord } from './state.js';

/** A metric transformation as PutMetricFilter receives it (the model's constraints already hold). */
export interface MetricTransformationInput {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

/** "One metric filter can include as many as three dimensions" (system field dimensions count too). */
const MAX_DIMENSIONS = 3;

/** The system fields a filter may emit or select on. */
const SYSTEM_FIELDS = ['@aws.account', '@aws.region'];

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/** `$.path` of a JSON pattern, or `$name`/`$1` of a space-delimited one. */
const SELECTOR = /^\$(\.\S+|[A-Za-z0-9_]+)$/;

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/**
 * The semantic rules of PutMetricFilter's transformations: a value that is a number or a field
 * selector; dimensions only on JSON and space-delimited patterns, only as selectors, never with a
 * default value, at most three including the emitted system fields.
 */
export function checkMetricTransformations(
  transformations: MetricTransformationInput[],
  filterPattern: string,
  emitSystemFieldDimensions: string[] = [],
): MetricTransformationRecord[] {
  checkSystemFields(emitSystemFieldDimensions);
  return transformations.map((t) => checkTransformation(t, filterPattern, emitSystemFieldDimensions.length));
}

function checkTransformation(
  t: MetricTransformationInput,
  filterPattern: string,
  systemDimensions: number,
): MetricTransformationRecord {
  if (!NUMBER.test(t.metricValue) && !SELECTOR.test(t.metricValue)) {
    throw invalid(`Invalid metric transformation: metric value ${t.metricValue} must be a valid number`);
  }
  const dimensions = Object.entries(t.dimensions ?? {});
  if (dimensions.length > 0) {
    if (t.defaultValue !== undefined) {
      throw invalid('Invalid metric transformation: dimensions and default value are mutually exclusive properties');
    }
    if (!supportsDimensions(filterPattern)) throw invalid('The specified filter pattern does not support dimensions');
    if (dimensions.some(([, value]) => !SELECTOR.test(value))) {
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

/** Dimensions need named fields, which only JSON (`{…}`) and space-delimited (`[…]`) patterns have. */
function supportsDimensions(filterPattern: string): boolean {
  const start = filterPattern.trimStart()[0];
  return start === '{' || start === '[';
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
