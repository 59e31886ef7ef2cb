import type { Expr, OrderKey, Pos, SelectStatement } from './ast.js';
import { SqlError } from './errors.js';
import { compileExpr, countText, exprText, type Typed } from './expressions.js';
import { EVENT_COLUMNS, type Family, type SqlValue } from './schema.js';

/**
 * How one output value is computed: from one source event, or (in an aggregate query) from a
 * group — its first event stands for the grouping keys, `count` counts its events.
 */
type Producer =
  | { kind: 'scalar'; typed: Typed }
  | { kind: 'count'; arg?: Typed };

/** An output column of a query result. */
interface OutputColumn {
  name: string;
  family: Family;
  producer: Producer;
}

/** A sort key: an output column by index, or an expression over the (first) event. */
interface SortKey {
  producer: Producer;
  descending: boolean;
}

/** A statement ready to run: resolved names, checked types, aggregation shape. */
export interface QueryPlan {
  table: { name: string; pos: Pos };
  columns: OutputColumn[];
  where?: Typed;
  /** Present for aggregate queries (GROUP BY, or COUNT in the select list): the grouping keys. */
  groupBy?: Typed[];
  orderBy: SortKey[];
  limit?: number;
}

const fail = (pos: Pos, detail: string): never => {
  throw new SqlError(pos.line, pos.col, detail);
};

/** Resolves and type-checks a parsed statement against the event schema. */
export function planStatement(stmt: SelectStatement): QueryPlan {
  const where = stmt.where ? compileExpr(stmt.where, 'WHERE') : undefined;
  if (where && where.family !== 'boolean' && where.family !== 'unknown') {
    fail(stmt.where!.pos, `WHERE clause must evaluate to a boolean: actual type ${where.type}`);
  }
  const columns = selectColumns(stmt);
  const aggregate = stmt.groupBy.length > 0 || columns.some((c) => c.producer.kind === 'count');
  const groupExprs = stmt.groupBy.map((g) => groupingExpr(g, stmt));
  if (aggregate) checkGrouped(stmt, groupExprs);
  const orderBy = stmt.orderBy.map((key) => sortKey(key, stmt, columns, aggregate ? groupExprs : undefined));
  return {
    table: stmt.from,
    columns,
    where,
    groupBy: aggregate ? groupExprs.map((g) => compileExpr(g, 'GROUP BY')) : undefined,
    orderBy,
    limit: stmt.limit,
  };
}

function producerOf(expr: Expr, clause: string): Producer {
  if (expr.kind === 'count') {
    return { kind: 'count', arg: expr.arg === '*' ? undefined : compileExpr(expr.arg, clause) };
  }
  return { kind: 'scalar', typed: compileExpr(expr, clause) };
}

/** The output columns: `*` expands to the schema; others keep their alias or Trino's name. */
function selectColumns(stmt: SelectStatement): OutputColumn[] {
  const columns: OutputColumn[] = [];
  for (const item of stmt.items) {
    if (item.kind === 'star') {
      for (const field of EVENT_COLUMNS) {
        columns.push({ name: field.name, family: field.family, producer: producerOf({ kind: 'column', path: [field.name], pos: item.pos }, 'SELECT') });
      }
      continue;
    }
    const producer = producerOf(item.expr, 'SELECT');
    const family: Family = producer.kind === 'count' ? 'number' : producer.typed.family;
    const name = item.alias ?? (item.expr.kind === 'column' ? item.expr.path[item.expr.path.length - 1] : `_col${columns.length}`);
    columns.push({ name, family, producer });
  }
  return columns;
}

/** A GROUP BY entry: a column, or a position in the select list. */
function groupingExpr(expr: Expr, stmt: SelectStatement): Expr {
  if (expr.kind === 'count') {
    return fail(expr.pos, `GROUP BY clause cannot contain aggregations, window functions or grouping operations: [${countText(expr)}]`);
  }
  if (expr.kind !== 'number') return expr;
  const item = stmt.items[expr.value - 1];
  if (!Number.isInteger(expr.value) || !item) return fail(expr.pos, `GROUP BY position ${expr.text} is not in select list`);
  if (item.kind === 'star') return fail(expr.pos, `GROUP BY position ${expr.text} is not in select list`);
  if (item.expr.kind === 'count') {
    return fail(expr.pos, `GROUP BY position ${expr.text} cannot reference an aggregate function`);
  }
  return item.expr;
}

const sameExpr = (a: Expr, b: Expr): boolean =>
  a.kind === 'column' && b.kind === 'column'
    ? a.path.map((p) => p.toLowerCase()).join('.') === b.path.map((p) => p.toLowerCase()).join('.')
    : exprText(a) === exprText(b) && a.kind === b.kind;

/** In an aggregate query every other select item must be a grouping key. */
function checkGrouped(stmt: SelectStatement, groupExprs: Expr[]): void {
  for (const item of stmt.items) {
    if (item.kind === 'star') {
      const first = EVENT_COLUMNS.find((f) => !groupExprs.some((g) => sameExpr(g, { kind: 'column', path: [f.name], pos: item.pos })));
      if (first) fail(item.pos, `'${first.name.toLowerCase()}' must be an aggregate expression or appear in GROUP BY clause`);
      continue;
    }
    if (item.expr.kind === 'count') continue;
    if (!groupExprs.some((g) => sameExpr(g, item.expr))) {
      fail(item.expr.pos, `'${exprText(item.expr)}' must be an aggregate expression or appear in GROUP BY clause`);
    }
  }
}

/** ORDER BY: a position, an output alias, COUNT, or an expression (a grouping key when grouped). */
function sortKey(key: OrderKey, stmt: SelectStatement, columns: OutputColumn[], groupExprs?: Expr[]): SortKey {
  const { expr, descending } = key;
  if (expr.kind === 'number') {
    const column = columns[expr.value - 1];
    if (!Number.isInteger(expr.value) || !column) return fail(expr.pos, `ORDER BY position ${expr.text} is not in select list`);
    return { producer: column.producer, descending };
  }
  if (expr.kind === 'column' && expr.path.length === 1) {
    const aliased = stmt.items.findIndex((i) => i.kind === 'expr' && i.alias?.toLowerCase() === expr.path[0].toLowerCase());
    if (aliased >= 0) return { producer: columns[outputIndex(stmt, aliased)].producer, descending };
  }
  if (groupExprs && expr.kind !== 'count' && !groupExprs.some((g) => sameExpr(g, expr))) {
    fail(expr.pos, `ORDER BY expression '${exprText(expr)}' must be an aggregate expression or appear in GROUP BY clause`);
  }
  if (!groupExprs && expr.kind === 'count') {
    return fail(expr.pos, `ORDER BY clause cannot contain aggregations, window functions or grouping operations: [${countText(expr)}]`);
  }
  return { producer: producerOf(expr, 'ORDER BY'), descending };
}

/** The output index of a select item (a `*` before it expands to the whole schema). */
function outputIndex(stmt: SelectStatement, itemIndex: number): number {
  let n = 0;
  for (let i = 0; i < itemIndex; i++) n += stmt.items[i].kind === 'star' ? EVENT_COLUMNS.length : 1;
  return n;
}

/** Computes a producer's value for a group of events (or one event: a group of one). */
export function produce(producer: Producer, events: unknown[]): SqlValue {
  if (producer.kind === 'scalar') return events.length ? producer.typed.eval(events[0]) : null;
  if (!producer.arg) return events.length;
  const arg = producer.arg;
  return events.filter((e) => arg.eval(e) !== null).length;
}
