/**
 * How deep a request body may nest (objects and arrays, the top-level object being 1). The deepest
 * input of either model is 6 (PutTransformer, CreateEventDataStore) and no member is a free-form
 * document, so this is far above any real request while keeping every recursive walk of a request
 * (validation, the CloudTrail event of the call, its JSON) a few frames deep.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * True when a parsed JSON value nests deeper than `max`. The walk never goes below `max` levels, so
 * it is safe on any input (V8's JSON.parse itself does not recurse, and accepts any depth); it
 * visits only objects and arrays, which keeps it a fraction of the parse for a 1 MB PutLogEvents.
 */
export function nestsDeeperThan(value: unknown, max: number, depth = 1): boolean {
  if (depth > max) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === 'object' && nestsDeeperThan(item, max, depth + 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object' && nestsDeeperThan(item, max, depth + 1)) return true;
  }
  return false;
}
