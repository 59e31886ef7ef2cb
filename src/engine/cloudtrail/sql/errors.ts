/**
 * A statement the Lake SQL engine rejects, positioned as Trino positions its errors: the message
 * reads `line 1:23: …` (1-based line and column). The query operations turn it into
 * InvalidQueryStatementException; the engine raises nothing else for a bad statement.
 */
export class SqlError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    detail: string,
  ) {
    super(`line ${line}:${col}: ${detail}`);
    this.name = 'SqlError';
  }
}
