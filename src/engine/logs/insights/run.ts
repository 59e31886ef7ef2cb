import { aggregateFunction, type Accumulator } from './aggregates.js';
import type { Command, Expr, NamedExpr, QueryAst, SortKey } from './ast.js';
import { evaluate } from './evaluate.js';
import { MAX_LIMIT, parseQuery } from './parse-query.js';
import { encodePointer, type Row } from './record.js';
import { compareValues, formatValue, isTrue, toText, valueKey, type Value } from './values.js';

/** One `{field, value}` of a result row, as GetQueryResults returns it. */
export interface ResultField {
  field: string;
  value: string;
}

/** What a query produced: its rows, and the counts GetQueryResults reports as statistics. */
export interface QueryOutcome {
  rows: ResultField[][];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** A query that compiled: run it over events (as rows) with StartQuery's `limit`. */
export interface CompiledInsightsQuery {
  run(rows: Row[], limit?: number): QueryOutcome;
}

/** The rows flowing through the pipeline, the columns to show, and whether `stats` made them. */
interface Table {
  rows: Row[];
  columns?: string[];
  aggregated: boolean;
  limited: boolean;
  matched?: number;
}

/** Compiles a query (throws QueryError when it does not); compile once, run many times. */
export function compileInsightsQuery(query: string): CompiledInsightsQuery {
  const ast = parseQuery(query);
  return { run: (rows, limit) => runQuery(ast, rows, limit) };
}

function runQuery(ast: QueryAst, input: Row[], limit: number | undefined): QueryOutcome {
  // Without a sort, results come newest first.
  const rows = [...input].sort((a, b) => b.timestamp - a.timestamp);
  let table: Table = { rows, aggregated: false, limited: false };
  for (const command of ast.commands) table = apply(command, table);
  const matched = table.matched ?? table.rows.length;
  const shown = table.limited ? table.rows : table.rows.slice(0, limit ?? MAX_LIMIT);
  return {
    rows: shown.map((row) => resultRow(row, table)),
    recordsMatched: matched,
    recordsScanned: input.length,
    bytesScanned: input.reduce((n, r) => n + Buffer.byteLength(toText(r.fields.get('@message')) ?? '', 'utf8'), 0),
  };
}

function apply(command: Command, table: Table): Table {
  switch (command.kind) {
    case 'fields':
      return { ...table, columns: project(table, command.items, [...(table.columns ?? [])]) };
    case 'display':
      return { ...table, columns: project(table, command.items, []) };
    case 'filter':
      return { ...table, rows: table.rows.filter((row) => isTrue(evaluate(command.condition, row))) };
    case 'parse':
      for (const row of table.rows) parseInto(row, command);
      return table;
    case 'sort':
      return { ...table, rows: sortRows(table.rows, command.keys) };
    case 'limit':
      return { ...settle(table), rows: table.rows.slice(0, command.count), limited: true };
    case 'dedup':
      return { ...settle(table), rows: dedup(table.rows, command.fields) };
    case 'stats':
      return stats(settle(table), command.aggregates, command.groups);
  }
}

/** Fixes recordsMatched at the first command that stops counting events one by one. */
const settle = (table: Table): Table => (table.matched === undefined ? { ...table, matched: table.rows.length } : table);

/** Computes each item into its row (under its name) and adds the names to the columns shown. */
function project(table: Table, items: NamedExpr[], columns: string[]): string[] {
  for (const row of table.rows) {
    for (const item of items) {
      if (item.expr.kind === 'field' && item.expr.name === item.name) continue;
      const v = evaluate(item.expr, row);
      if (v === undefined) row.fields.delete(item.name);
      else row.fields.set(item.name, v);
    }
  }
  for (const item of items) if (!columns.includes(item.name)) columns.push(item.name);
  return columns;
}

function parseInto(row: Row, command: Extract<Command, { kind: 'parse' }>): void {
  const text = toText(evaluate(command.source, row));
  const m = text === undefined ? null : command.pattern.regex.exec(text);
  if (!m) return;
  command.pattern.names.forEach((name, i) => {
    const v = command.pattern.kind === 'glob' ? m[i + 1] : m.groups?.[name];
    if (v !== undefined) row.fields.set(name, v);
  });
}

/** Stable sort on the keys in turn; rows without a key's value go last either way. */
function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  const values = new Map(rows.map((row) => [row, keys.map((k) => evaluate(k.expr, row))]));
  return [...rows].sort((a, b) => {
    const va = values.get(a)!;
    const vb = values.get(b)!;
    for (let i = 0; i < keys.length; i++) {
      const c = compareAbsentLast(va[i], vb[i], keys[i]!.descending);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function compareAbsentLast(a: Value, b: Value, descending: boolean): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const c = compareValues(a, b);
  return descending ? -c : c;
}

/** Keeps the first row of each combination of the fields' values (rows missing one all stay). */
function dedup(rows: Row[], fields: Expr[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = fields.map((f) => evaluate(f, row));
    if (values.some((v) => v === undefined)) return true;
    const key = values.map(valueKey).join('\u0001');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The aggregate calls inside an expression (not nested: the parser forbids that). */
function aggregateCalls(e: Expr, out: Extract<Expr, { kind: 'call' }>[] = []): Extract<Expr, { kind: 'call' }>[] {
  if (e.kind === 'call' && aggregateFunction(e.name)) out.push(e);
  else if (e.kind === 'call') e.args.forEach((a) => aggregateCalls(a, out));
  else if (e.kind === 'unary') aggregateCalls(e.operand, out);
  else if (e.kind === 'binary') (aggregateCalls(e.left, out), aggregateCalls(e.right, out));
  return out;
}

interface Group {
  first: Row;
  accumulators: Map<Expr, Accumulator>;
}

/** Groups rows by the `by` values (in order of first appearance) and aggregates each group. */
function stats(table: Table, aggregates: NamedExpr[], groupBy: NamedExpr[]): Table {
  const calls = aggregates.flatMap((a) => aggregateCalls(a.expr));
  const groups = new Map<string, Group>();
  for (const row of table.rows) {
    const keyValues = groupBy.map((g) => evaluate(g.expr, row));
    const key = keyValues.map(valueKey).join('\u0001');
    let group = groups.get(key);
    if (!group) {
      const fields = new Map<string, Value>();
      groupBy.forEach((g, i) => keyValues[i] !== undefined && fields.set(g.name, keyValues[i]));
      group = { first: { fields, timestamp: row.timestamp }, accumulators: new Map(calls.map((c) => [c, aggregateFunction(c.name)!.create()])) };
      groups.set(key, group);
    }
    for (const c of calls) group.accumulators.get(c)!.add(c.star ? [] : c.args.map((a) => evaluate(a, row)), row.timestamp);
  }
  const rows = [...groups.values()].map(({ first, accumulators }) => {
    const results = new Map([...accumulators].map(([c, acc]) => [c, acc.result()]));
    for (const a of aggregates) {
      const v = evaluate(a.expr, first, results);
      if (v !== undefined) first.fields.set(a.name, v);
    }
    return first;
  });
  const columns = [...groupBy.map((g) => g.name), ...aggregates.map((a) => a.name)];
  return { rows, columns, aggregated: true, limited: false, matched: table.matched };
}

function resultRow(row: Row, table: Table): ResultField[] {
  const out: ResultField[] = [];
  for (const field of table.columns ?? row.fields.keys()) {
    const value = formatValue(row.fields.get(field));
    if (value !== undefined) out.push({ field, value });
  }
  if (!table.aggregated && row.address) out.push({ field: '@ptr', value: encodePointer(row.address) });
  return out;
}
