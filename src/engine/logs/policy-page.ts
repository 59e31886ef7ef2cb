import { AwsError } from '../errors.js';
import { decodeToken, encodeToken } from '../tokens.js';

/** One page of a Describe* listing and the token of the next one, if any. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const DEFAULT_LIMIT = 50;
const BAD_TOKEN = 'The specified nextToken is invalid.';

/**
 * Pages a listing by offset. The token names the operation it came from, so a token of another
 * listing is rejected like a forged one, with CloudWatch Logs' InvalidParameterException (or the
 * error code the listing's API answers a bad token with).
 */
export function paginate<T>(operation: string, items: T[], input: { limit?: number; nextToken?: string }, badTokenCode = 'InvalidParameterException'): Page<T> {
  let start = 0;
  if (input.nextToken !== undefined) {
    const token = decodeToken<{ op?: string; offset?: number }>(input.nextToken, badTokenCode, BAD_TOKEN);
    if (token.op !== operation || !Number.isInteger(token.offset)) throw new AwsError(badTokenCode, BAD_TOKEN);
    start = token.offset as number;
  }
  const end = start + (input.limit ?? DEFAULT_LIMIT);
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = encodeToken({ op: operation, offset: end });
  return page;
}
