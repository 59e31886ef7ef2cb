import { AwsError } from '../errors.js';

/** "You can associate as many as 50 tags with a CloudWatch Logs resource." */
export const MAX_TAGS_PER_RESOURCE = 50;

/**
 * The tag rules the model's constraints cannot express. Key and value length and characters, and
 * at most 50 tags per request, are checked by the generated validation before a handler runs.
 */
export function checkTagKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    if (key.toLowerCase().startsWith('aws:')) {
      throw new AwsError('InvalidParameterException', `Tag keys beginning with 'aws:' are reserved: ${key}`);
    }
  }
}

/** The tags a resource would carry after adding `added` to `existing` (added values win). */
export function mergedTags(existing: Record<string, string>, added: Record<string, string>): Record<string, string> {
  return { ...existing, ...added };
}

/** True when a resource would carry more tags than AWS allows. */
export function tooManyTags(tags: Record<string, string>): boolean {
  return Object.keys(tags).length > MAX_TAGS_PER_RESOURCE;
}

/** AWS's wording of the per-resource tag limit (the model's TooManyTagsException documentation). */
export const TOO_MANY_TAGS_MESSAGE = 'A resource can have no more than 50 tags.';
