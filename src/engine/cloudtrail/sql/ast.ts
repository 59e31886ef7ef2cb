/** Where a node starts in the statement (1-based), for positioned errors. */
export interface Pos {
  line: number;
  col: number;
}

/** A comparison operator as written (`<>` and `!=` both mean "not equal"). */
export type CompareOp = '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=';

/** An expression of the WHERE clause or the select list. */
export type Expr =
  | { kind: 'column'; path: string[]; pos: Pos }
  | { kind: 'string'; value: string; pos: Pos }
  | { kind: 'number'; value: number; text: string; pos: Pos }
  | { kind: 'boolean'; value: boolean; pos: Pos }
  | { kind: 'null'; pos: Pos }
  | { kind: 'count'; arg: Expr | '*'; pos: Pos }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr; pos: Pos }
  | { kind: 'like'; value: Expr; pattern: Expr; negated: boolean; pos: Pos }
  | { kind: 'in'; value: Expr; list: Expr[]; negated: boolean; pos: Pos }
  | { kind: 'between'; value: Expr; low: Expr; high: Expr; negated: boolean; pos: Pos }
  | { kind: 'isNull'; value: Expr; negated: boolean; pos: Pos }
  | { kind: 'and' | 'or'; left: Expr; right: Expr; pos: Pos }
  | { kind: 'not'; value: Expr; pos: Pos };

/** One entry of the select list. */
export type SelectItem = { kind: 'star'; pos: Pos } | { kind: 'expr'; expr: Expr; alias?: string; pos: Pos };

/** One ORDER BY key: an expression, an output alias, or a 1-based position in the select list. */
export interface OrderKey {
  expr: Expr;
  descending: boolean;
  pos: Pos;
}

/** A parsed SELECT statement, before names are resolved against the event schema. */
export interface SelectStatement {
  items: SelectItem[];
  /** The FROM table as written: an event data store id or ARN. */
  from: { name: string; pos: Pos };
  where?: Expr;
  groupBy: Expr[];
  orderBy: OrderKey[];
  limit?: number;
}
