import type { Field } from '../model/schema.js';
import { MANIFEST } from './schema.js';
import { SETTINGS } from './scope.js';

/** The published JSON Schema of the manifest (schema/manifest.schema.json), from the same table. */
export function manifestJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'logwarden manifest', ...toSchema(MANIFEST) };
}

/** The published JSON Schema of the repository's logwarden.yaml (schema/logwarden.schema.json). */
export function settingsJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'logwarden repository settings (logwarden.yaml)', ...toSchema(SETTINGS) };
}

function toSchema(field: Field): Record<string, unknown> {
  const base: Record<string, unknown> = field.doc ? { description: field.doc } : {};
  switch (field.kind) {
    case 'string':
      return { ...base, type: 'string', ...(field.enum ? { enum: field.enum } : {}), ...(field.allowEmpty ? {} : { minLength: 1 }) };
    case 'integer':
      return {
        ...base,
        type: 'integer',
        ...(field.enum ? { enum: field.enum } : {}),
        ...(field.min !== undefined ? { minimum: field.min } : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'number':
      return { ...base, type: 'number' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'json':
      return { ...base, type: 'object' };
    case 'map':
      return { ...base, type: 'object', additionalProperties: toSchema(field.values) };
    case 'list':
      return {
        ...base,
        type: 'array',
        items: toSchema(field.items),
        ...(field.minItems !== undefined ? { minItems: field.minItems } : {}),
        ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
      };
    case 'object': {
      const required = Object.entries(field.fields).filter(([, f]) => f.required).map(([k]) => k);
      const out: Record<string, unknown> = {
        ...base,
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(field.fields).map(([k, f]) => [k, toSchema(f)])),
      };
      if (required.length > 0) out.required = required;
      // Each oneOf group: at most one of its keys may be present.
      if (field.oneOf?.length) out.allOf = field.oneOf.map((group) => ({ not: { required: group } }));
      return out;
    }
  }
}
