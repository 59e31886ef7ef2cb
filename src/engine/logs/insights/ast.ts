import type { Period } from './durations.js';

/** The syntax tree of a Logs Insights query: commands in pipeline order, over expressions. */

/** Where a node lies in the query: [start, end) offsets. */
export interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ kind: 'field'; name: string } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  | ({ kind: 'duration'; period: Period } & Span)
  | ({ kind: 'regex'; regex: RegExp } & Span)
  | ({ kind: 'unary'; op: 'not' | '-'; operand: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'like'; negated: boolean; subject: Expr; pattern: Expr } & Span)
  | ({ kind: 'in'; negated: boolean; subject: Expr; list: Expr[] } & Span)
  | ({ kind: 'call'; name: string; args: Expr[]; star: boolean } & Span);

export type BinaryOp = 'and' | 'or' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** An expression with the name its column gets: the alias after `as`, or its source text. */
export interface NamedExpr {
  name: string;
  expr: Expr;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
}

export type Command =
  | ({ kind: 'fields'; items: NamedExpr[] } & Span)
  | ({ kind: 'display'; items: NamedExpr[] } & Span)
  | ({ kind: 'filter'; condition: Expr } & Span)
  | ({ kind: 'stats'; aggregates: NamedExpr[]; groups: NamedExpr[] } & Span)
  | ({ kind: 'sort'; keys: SortKey[] } & Span)
  | ({ kind: 'limit'; count: number } & Span)
  | ({ kind: 'dedup'; fields: Expr[] } & Span)
  | ({ kind: 'parse'; source: Expr; pattern: ParsePattern } & Span);

/** `parse` extracts either glob captures (`*`, named by `as`) or a regex's named groups. */
export type ParsePattern = { kind: 'glob'; regex: RegExp; names: string[] } | { kind: 'regex'; regex: RegExp; names: string[] };

export interface QueryAst {
  commands: Command[];
}
