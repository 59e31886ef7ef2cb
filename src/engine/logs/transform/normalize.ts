import { logsTable } from '../../validation/logs.gen.js';
import type { Processor } from './config.js';

/**
 * The stored form of a transformer configuration: only the members the model defines (as AWS's
 * front end drops unknown ones), copied into plain objects so that nothing of the caller's input
 * is kept by reference, and the csv defaults AWS reads back filled in (`delimiter` `,` and
 * `quoteCharacter` `"`, as the Terraform provider's acceptance tests against AWS observe).
 */
export function normalizeTransformerConfig(config: readonly unknown[]): Processor[] {
  return config.map((p) => {
    const processor = pick('Processor', p) as Processor;
    if (processor.csv) processor.csv = { delimiter: ',', quoteCharacter: '"', ...processor.csv };
    return processor;
  });
}

function pick(shapeName: string, value: unknown): unknown {
  const shape = logsTable.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  if (shape.type === 'list' && Array.isArray(value)) return value.map((v) => pick(shape.member.s, v));
  if (shape.type !== 'structure' || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members)) {
    const v = (value as Record<string, unknown>)[name];
    if (v !== undefined && v !== null) out[name] = pick(ref.s, v);
  }
  return out;
}
