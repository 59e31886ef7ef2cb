import { AwsError } from '../errors.js';
import { decodeToken, encodeToken } from '../tokens.js';

/** The page size of the Describe operations when the caller gives no `limit` ("up to 50 items"). */
const DEFAULT_DESCRIBE_LIMIT = 50;

const BAD_TOKEN = 'The specified nextToken is invalid.';

interface PageToken {
  /** The sort key of the last item returned. */
  after: string[];
  /** The query the token belongs to: a token is only good for the query that issued it. */
  query: string;
}

/** One page of `items` and the token of the next page, if there is one. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Pages through items in sort-key order. The token carries the last key returned rather than an
 * offset, so items created or deleted between calls neither repeat nor vanish from later pages.
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string[],
  query: unknown,
  limit: number | undefined,
  nextToken: string | undefined,
): Page<T> {
  const fingerprint = JSON.stringify(query);
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compareKeys(a.key, b.key));
  let start = 0;
  if (nextToken !== undefined) {
    const token = decodeToken<PageToken>(nextToken, 'InvalidParameterException', BAD_TOKEN);
    if (token.query !== fingerprint || !Array.isArray(token.after)) {
      throw new AwsError('InvalidParameterException', BAD_TOKEN);
    }
    start = sorted.findIndex((entry) => compareKeys(entry.key, token.after) > 0);
    if (start < 0) start = sorted.length;
  }
  const size = limit ?? DEFAULT_DESCRIBE_LIMIT;
  const page = sorted.slice(start, start + size);
  const more = start + size < sorted.length;
  return {
    items: page.map((entry) => entry.item),
    ...(more && { nextToken: encodeToken({ after: page[page.length - 1].key, query: fingerprint } satisfies PageToken) }),
  };
}

/** ASCII order, key part by key part (the names are ASCII, so code-unit order is ASCII order). */
function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
