import { AwsError } from '../errors.js';

/** One field a field index policy indexes, and how (FieldsV2 types; `Fields` entries are FIELD_INDEX). */
export interface IndexField {
  name: string;
  type: 'FIELD_INDEX' | 'FACET';
}

/** "As many as 20 fields can be included in the policy. Each field name can include as many as 100 characters." */
const MAX_FIELDS = 20;
const MAX_FIELD_NAME = 100;
const TYPES = ['FIELD_INDEX', 'FACET'];

// AWS's exact wordings for a broken index policy document were not found; these messages are unverified.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The fields of a field index policy document (PutIndexPolicy, and PutAccountPolicy's
 * FIELD_INDEX_POLICY): `Fields`, a list of names, and `FieldsV2`, names to `{"type": …}`; the two
 * name sets are disjoint, and together hold 1 to 20 names of at most 100 characters.
 */
export function parseIndexPolicyDocument(document: string): IndexField[] {
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch {
    throw invalid('The index policy document is not valid JSON.');
  }
  if (!isObject(policy)) throw invalid('The index policy document must be a JSON object.');
  const fields = [...plainFields(policy.Fields), ...typedFields(policy.FieldsV2)];
  if (fields.length === 0) throw invalid('The index policy document must include at least one field index.');
  const names = new Set<string>();
  for (const { name } of fields) {
    if (names.has(name)) throw invalid(`The field "${name}" appears more than once; field names within Fields and FieldsV2 must be mutually exclusive.`);
    names.add(name);
    if ([...name].length > MAX_FIELD_NAME) throw invalid(`The field name "${name}" is longer than ${MAX_FIELD_NAME} characters.`);
  }
  if (fields.length > MAX_FIELDS) {
    throw new AwsError('LimitExceededException', `An index policy can include at most ${MAX_FIELDS} fields.`);
  }
  return fields;
}

function plainFields(value: unknown): IndexField[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((f) => typeof f !== 'string' || f === '')) {
    throw invalid('Fields in the index policy document must be an array of non-empty strings.');
  }
  return value.map((name: string) => ({ name, type: 'FIELD_INDEX' }));
}

function typedFields(value: unknown): IndexField[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw invalid('FieldsV2 in the index policy document must be a JSON object.');
  return Object.entries(value).map(([name, spec]) => {
    if (name === '' || !isObject(spec) || !TYPES.includes(spec.type as string)) {
      throw invalid(`The field "${name}" in FieldsV2 must have a type of FIELD_INDEX or FACET.`);
    }
    return { name, type: spec.type as IndexField['type'] };
  });
}
