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
  let after: string[] | undefined;
  if (nextToken !== undefined) {
    const token = decodeToken<PageToken>(nextToken, 'InvalidParameterException', BAD_TOKEN);
    if (token.query !== fingerprint || !Array.isArray(token.after)) {
      throw new AwsError('InvalidParameterException', BAD_TOKEN);
    }
    after = token.after;
  }
  const size = limit ?? DEFAULT_DESCRIBE_LIMIT;
  // one more than the page tells whether another page follows
  const next = smallestAfter(items, keyOf, after, size + 1);
  const page = next.slice(0, size);
  return {
    items: page.map((entry) => entry.item),
    ...(next.length > size && { nextToken: encodeToken({ after: page[page.length - 1].key, query: fingerprint } satisfies PageToken) }),
  };
}

/**
 * The `count` items with the smallest keys above `after`, in key order (equal keys in input order).
 * A bounded insertion instead of sorting everything: account-wide listings are paged through
 * 50 at a time, and a full sort per page made reading N filters cost N²·log N.
 */
function smallestAfter<T>(items: T[], keyOf: (item: T) => string[], after: string[] | undefined, count: number) {
  const best: { item: T; key: string[] }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (after !== undefined && compareKeys(key, after) <= 0) continue;
    if (best.length === count && compareKeys(key, best[count - 1]!.key) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(best[mid]!.key, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { item, key });
    if (best.length > count) best.pop();
  }
  return best;
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
