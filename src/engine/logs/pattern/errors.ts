import { AwsError } from '../../errors.js';

/**
 * The operation a pattern is compiled for: AWS words the generic "invalid pattern" message after it
 * ("Invalid metric filter pattern", "Invalid subscription filter pattern", "Invalid filter pattern").
 */
export type PatternUsage =
  | 'PutMetricFilter'
  | 'TestMetricFilter'
  | 'PutSubscriptionFilter'
  | 'FilterLogEvents'
  | 'StartLiveTail';

const INVALID_PATTERN: Record<PatternUsage, string> = {
  PutMetricFilter: 'Invalid metric filter pattern',
  TestMetricFilter: 'Invalid metric filter pattern',
  PutSubscriptionFilter: 'Invalid subscription filter pattern',
  FilterLogEvents: 'Invalid filter pattern',
  StartLiveTail: 'Invalid filter pattern',
};

/**
 * Why a pattern failed to compile, before it is worded for an operation: `term` for characters no
 * token allows (AWS: "Invalid character(s) in term '…'", the same for every operation), `syntax` for
 * a malformed structure (worded per operation), `message` for checks AWS words on their own.
 */
export class PatternError extends Error {
  constructor(
    readonly kind: 'term' | 'syntax' | 'message',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Characters that no token of the pattern language accepts, shown as AWS shows them. */
export const invalidTerm = (text: string): PatternError => new PatternError('term', text);

/** A structural error; `why` is for debugging only, AWS's message does not carry it. */
export const syntaxError = (why: string): PatternError => new PatternError('syntax', why);

/** An error AWS reports with a message of its own. */
export const patternMessage = (message: string): PatternError => new PatternError('message', message);

/** The AwsError AWS returns for `error` when the pattern was given to `usage`. */
export function toAwsError(error: PatternError, usage: PatternUsage): AwsError {
  if (error.kind === 'message') return new AwsError('InvalidParameterException', error.detail);
  if (error.kind === 'syntax') return new AwsError('InvalidParameterException', INVALID_PATTERN[usage]);
  const term = `Invalid character(s) in term '${error.detail}'`;
  // Live Tail prefixes the character error with its generic message.
  const message = usage === 'StartLiveTail' ? `${INVALID_PATTERN[usage]}: ${term}` : term;
  return new AwsError('InvalidParameterException', message);
}
