import { AwsError } from '../errors.js';
import { putEntry } from '../own.js';

/** A tag as the API carries it; a tag without Value has a null value in AWS. */
export interface TagInput {
  Key: string;
  Value?: string;
}

/** Tags per trail, event data store or channel. */
const TAG_LIMIT = 50;

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalidTag = (message: string) => new AwsError('InvalidTagParameterException', message);

/**
 * Checks the tags of one request: keys and values in the tag character set, no key in the reserved
 * `aws:` namespace, and no key given twice with different values.
 */
function checkTags(tags: TagInput[]): void {
  const seen = new Map<string, string | undefined>();
  for (const { Key: key, Value: value } of tags) {
    if (!TAG_CHARS.test(key)) {
      throw invalidTag(`Tag key ${key} contains characters that are not allowed. Tag keys can contain letters, numbers, spaces, and _ . : / = + - @`);
    }
    if (value !== undefined && !TAG_CHARS.test(value)) {
      throw invalidTag(`Tag value ${value} contains characters that are not allowed. Tag values can contain letters, numbers, spaces, and _ . : / = + - @`);
    }
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag(`Tag key ${key} uses the reserved prefix aws:`);
    if (seen.has(key) && seen.get(key) !== value) {
      throw invalidTag(`Tag key ${key} is given more than once with different values. Tag keys must be unique.`);
    }
    seen.set(key, value);
  }
}

/** `tags` with `added` merged in (a new value overwrites); more than 50 fails TagsLimitExceededException. */
export function mergeTags(tags: Record<string, string>, added: TagInput[]): Record<string, string> {
  checkTags(added);
  const merged = { ...tags };
  for (const { Key, Value } of added) putEntry(merged, Key, Value ?? '');
  if (Object.keys(merged).length > TAG_LIMIT) {
    throw new AwsError('TagsLimitExceededException', `The number of tags on the resource exceeds the limit of ${TAG_LIMIT}.`);
  }
  return merged;
}

/** The `TagsList` AWS returns: keys in insertion order, Value omitted for a tag created without one. */
export function tagList(tags: Record<string, string>): TagInput[] {
  return Object.entries(tags).map(([Key, Value]) => (Value === '' ? { Key } : { Key, Value }));
}
