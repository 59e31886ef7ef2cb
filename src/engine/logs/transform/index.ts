import type { Processor } from './config.js';
import { TransformEvent, TransformFailure, type TransformContext } from './event.js';
import { stringifyJson } from './json.js';
import { processorOf } from './registry.js';
import { fieldCount } from './value.js';

/**
 * CloudWatch Logs transformers: one pure function that transforms a log event, for TestTransformer
 * and for ingestion (metric and subscription filters with `applyOnTransformedLogs` read its
 * output), plus the configuration rules and stored form PutTransformer uses.
 */

export type { Processor } from './config.js';
export type { TransformContext } from './event.js';
export { checkTransformerConfig } from './rules.js';
export { normalizeTransformerConfig } from './normalize.js';

/** What transforming one event gives. */
export interface TransformResult {
  /**
   * The transformed message: the event's fields as compact JSON. Undefined when the
   * transformation failed, or extracted no field at all.
   */
  transformed?: string;
  /**
   * Why the transformation failed. AWS keeps such an event untransformed and marks it with a
   * `@transformationError` system field; the text here is the engine's own (AWS's is unpublished).
   */
  error?: string;
}

/** "Each log event MUST be below 512KB." */
const MAX_EVENT_BYTES = 512 * 1024;
/** "Each transformer can extract up to 200 fields from a log event." */
const MAX_FIELDS = 200;

/**
 * Runs a transformer (a configuration checkTransformerConfig accepted) over one message. A
 * failure to transform is data, never an exception, so one bad event cannot stop a batch.
 */
export function transformLogEvent(config: readonly Processor[], message: string, context: TransformContext): TransformResult {
  if (Buffer.byteLength(message, 'utf8') >= MAX_EVENT_BYTES) return { error: 'The log event is 512 KB or larger, too large to transform.' };
  const event = new TransformEvent(message, context);
  for (const processor of config) {
    const step = processorOf(processor);
    if (!step) continue;
    try {
      step.spec.apply(event, step.config);
    } catch (e) {
      if (e instanceof TransformFailure) return { error: e.message };
      throw e;
    }
  }
  if (event.fields.size === 0) return {};
  if (fieldCount(event.fields) > MAX_FIELDS) return { error: `The transformed log event has more than ${MAX_FIELDS} fields.` };
  return { transformed: stringifyJson(event.fields) };
}
