import type { CloudTrailEvent } from '../event-types.js';
import { SqlError } from './errors.js';
import { compareValues } from './expressions.js';
import { parseStatement } from './parser.js';
import { planStatement, produce, type QueryPlan } from './plan.js';
import { renderValue, type SqlValue } from './schema.js';

/** What a finished query yields: result rows as GetQueryResults returns them, and statistics. */
interface QueryOutcome {
  /** Each row a list of single-key objects `{column: value}`, in select-list order. */
  rows: Record<string, string>[][];
  eventsScanned: number;
  eventsMatched: number;
  bytesScanned: number;
}

/** A statement checked and ready to run over the events of the store its FROM names. */
export interface CompiledQuery {
  /** The FROM table as written (an event data store id or ARN). */
  table: string;
  run(events: CloudTrailEvent[]): QueryOutcome;
}

/**
 * Parses and checks a statement of the subset (see parser.ts). Throws SqlError for anything
 * outside it — nothing else: unexpected internal failures are reported as SqlError too, so a bad
 * statement can never surface as anything but InvalidQueryStatementException.
 */
export function compileQuery(sql: string): CompiledQuery {
  let plan: QueryPlan;
  try {
    plan = planStatement(parseStatement(sql));
  } catch (error) {
    if (error instanceof SqlError) throw error;
    throw new SqlError(1, 1, `Query could not be analyzed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { table: plan.table.name, run: (events) => runPlan(plan, events) };
}

interface ResultRow {
  values: SqlValue[];
  keys: SqlValue[];
}

function runPlan(plan: QueryPlan, events: CloudTrailEvent[]): QueryOutcome {
  const matched = plan.where ? events.filter((e) => plan.where!.eval(e) === true) : events;
  const groups = plan.groupBy ? groupEvents(plan, matched) : matched.map((e) => [e]);
  let rows: ResultRow[] = groups.map((group) => ({
    values: plan.columns.map((c) => produce(c.producer, group)),
    keys: plan.orderBy.map((k) => produce(k.producer, group)),
  }));
  if (plan.orderBy.length) rows = sortRows(plan, rows);
  if (plan.limit !== undefined) rows = rows.slice(0, plan.limit);
  return {
    rows: rows.map((r) => r.values.map((v, i) => ({ [plan.columns[i].name]: renderValue(v, plan.columns[i].family) }))),
    eventsScanned: events.length,
    eventsMatched: matched.length,
    bytesScanned: events.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0),
  };
}

/** Groups by the grouping keys, in order of first appearance; no keys means one group of all. */
function groupEvents(plan: QueryPlan, events: CloudTrailEvent[]): CloudTrailEvent[][] {
  const keys = plan.groupBy!;
  if (keys.length === 0) return [events];
  const groups = new Map<string, CloudTrailEvent[]>();
  for (const event of events) {
    const id = JSON.stringify(keys.map((k) => k.eval(event)));
    const group = groups.get(id);
    if (group) group.push(event);
    else groups.set(id, [event]);
  }
  return [...groups.values()];
}

/** Stable sort on the ORDER BY keys; NULLs last in both directions, as Trino orders them. */
function sortRows(plan: QueryPlan, rows: ResultRow[]): ResultRow[] {
  return [...rows].sort((a, b) => {
    for (let i = 0; i < plan.orderBy.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const c = compareValues(x, y) ?? 0;
      if (c !== 0) return plan.orderBy[i].descending ? -c : c;
    }
    return 0;
  });
}
