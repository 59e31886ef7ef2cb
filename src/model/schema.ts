/**
 * The manifest's shape as data: kinds declare their fields with these (src/kinds/), the loader
 * checks YAML against them (types, unknown keys with "did you mean", required keys, enums) and the
 * published JSON Schema is generated from them. Member names are AWS's, camelCased (DESIGN.md).
 */
export type Field =
  | { kind: 'string'; doc: string; required?: boolean; enum?: string[]; allowEmpty?: boolean }
  | { kind: 'integer'; doc: string; required?: boolean; enum?: number[]; min?: number; max?: number }
  | { kind: 'number'; doc: string; required?: boolean }
  | { kind: 'boolean'; doc: string; required?: boolean }
  | { kind: 'object'; doc: string; required?: boolean; fields: Record<string, Field>; oneOf?: string[][] }
  | { kind: 'map'; doc: string; required?: boolean; values: Field; keyDoc?: string }
  | { kind: 'list'; doc: string; required?: boolean; items: Field; minItems?: number; maxItems?: number }
  /** A JSON document kept as data (policies). */
  | { kind: 'json'; doc: string; required?: boolean };

/** An object field: the shape of one declaration. */
export type ObjectField = Field & { kind: 'object' };

export const str = (doc: string, extra: Partial<{ required: boolean; enum: string[]; allowEmpty: boolean }> = {}): Field => ({
  kind: 'string',
  doc,
  ...extra,
});
export const bool = (doc: string): Field => ({ kind: 'boolean', doc });
export const strings = (doc: string): Field => ({ kind: 'list', doc, items: str('') });
export const tagsField: Field = { kind: 'map', doc: 'Tags: key → value.', values: str('Tag value.', { allowEmpty: true }) };
