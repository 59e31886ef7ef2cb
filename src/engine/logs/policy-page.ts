import { AwsError } from '../errors.js';
import { decodeToken, encodeToken } from '../tokens.js';

/** One page of a Describe* listing and the token of the next one, if any. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const DEFAULT_LIMIT = 50;
const BAD_TOKEN = ['InvalidParameterException', 'The specified nextToken is invalid.'] as const;

/**
 * Pages a listing by offset. The token names the operation it came from, so a token of another
 * listing is rejected like a forged one, with CloudWatch Logs' InvalidParameterException.
 */
export function paginate<T>(operation: string, items: T[], input: { limit?: number; nextToken?: string }): Page<T> {
  let start = 0;
  if (input.nextToken !== undefined) {
    const token = decodeToken<{ op?: string; offset?: number }>(input.nextToken, BAD_TOKEN[0], BAD_TOKEN[1]);
    if (token.op !== operation || !Number.isInteger(token.offset)) throw new AwsError(...BAD_TOKEN);
    start = token.offset as number;
  }
  const end = start + (input.limit ?? DEFAULT_LIMIT);
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = encodeToken({ op: operation, offset: end });
  return page;
}
