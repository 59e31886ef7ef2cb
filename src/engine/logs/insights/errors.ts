import { AwsError } from '../../errors.js';

/**
 * A query that does not compile, with the characters it points at: [start, end] offsets into the
 * query string, inclusive, as AWS reports them in `queryCompileError.location`.
 */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Line (1-based) and position in that line (0-based) of an offset, as AWS words its errors. */
function lineAndPosition(query: string, offset: number): [number, number] {
  const before = query.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return [before.split('\n').length, offset - lineStart];
}

/**
 * AWS's syntax error: `unexpected symbol found sort at line 1 and position 43` (the wording is
 * AWS's, seen verbatim in MalformedQueryException messages; the position's base is unverified).
 */
export function unexpectedSymbol(query: string, symbol: string, start: number, end: number): QueryError {
  const [line, position] = lineAndPosition(query, start);
  return new QueryError(`unexpected symbol found ${symbol} at line ${line} and position ${position}`, start, end);
}

/** The MalformedQueryException StartQuery raises for a query that does not compile. */
export function malformedQuery(error: QueryError): AwsError {
  return new AwsError('MalformedQueryException', error.message, {
    queryCompileError: {
      location: { startCharOffset: error.start, endCharOffset: error.end },
      message: error.message,
    },
  });
}
