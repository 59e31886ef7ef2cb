import type { CompareOp, Expr, Pos } from './ast.js';
import { SqlError } from './errors.js';
import { COLUMNS_BY_NAME, type Family, type Field, type SqlValue } from './schema.js';
import { ownEntry } from '../../own.js';

/** A resolved, type-checked expression: evaluates against one event (the source record). */
export interface Typed {
  type: string;
  family: Family;
  eval(source: unknown): SqlValue;
  /** Set for string literals: a timestamp comparison reads them as timestamps. */
  literal?: string;
}

const fail = (pos: Pos, detail: string): never => {
  throw new SqlError(pos.line, pos.col, detail);
};

/**
 * Compiles an expression of the subset over the event schema; `count` is not allowed here (the
 * planner handles aggregates), so `where` names the clause for Trino's message.
 */
export function compileExpr(expr: Expr, clause: string): Typed {
  switch (expr.kind) {
    case 'column':
      return compileColumn(expr.path, expr.pos);
    case 'string':
      return { type: `varchar(${[...expr.value].length})`, family: 'varchar', eval: () => expr.value, literal: expr.value };
    case 'number':
      return { type: numberType(expr.text), family: 'number', eval: () => expr.value };
    case 'boolean':
      return { type: 'boolean', family: 'boolean', eval: () => expr.value };
    case 'null':
      return { type: 'unknown', family: 'unknown', eval: () => null };
    case 'count':
      return fail(expr.pos, `${clause} clause cannot contain aggregations, window functions or grouping operations: [${countText(expr)}]`);
    case 'compare':
      return compileCompare(expr.op, compileExpr(expr.left, clause), compileExpr(expr.right, clause), expr.pos);
    case 'like':
      return compileLike(expr, clause);
    case 'in':
      return compileIn(expr, clause);
    case 'between':
      return compileBetween(expr, clause);
    case 'isNull': {
      const value = compileExpr(expr.value, clause);
      return bool((s) => (value.eval(s) === null) !== expr.negated);
    }
    case 'not': {
      const value = logical(compileExpr(expr.value, clause), 'Value of logical NOT expression', expr.pos);
      return bool((s) => not(value.eval(s) as boolean | null));
    }
    case 'and':
    case 'or':
      return compileLogical(expr.kind, compileExpr(expr.left, clause), compileExpr(expr.right, clause), expr.pos);
  }
}

/** How Trino prints COUNT in messages. */
export function countText(expr: Extract<Expr, { kind: 'count' }>): string {
  return expr.arg === '*' ? 'count(*)' : `count(${exprText(expr.arg)})`;
}

/** A short text of an expression for messages (`userIdentity.arn`, `count(*)`). */
export function exprText(expr: Expr): string {
  if (expr.kind === 'column') return expr.path.join('.');
  if (expr.kind === 'count') return countText(expr);
  if (expr.kind === 'string') return `'${expr.value}'`;
  if (expr.kind === 'number') return expr.text;
  return expr.kind;
}

/** Resolves `name` or `row.field…` against the schema. */
function resolveColumn(path: string[], pos: Pos): Field {
  let field: Field | undefined = ownEntry(COLUMNS_BY_NAME, path[0].toLowerCase());
  if (!field) return fail(pos, `Column '${path[0]}' cannot be resolved`);
  for (let i = 1; i < path.length; i++) {
    if (!field.fields) return fail(pos, `Expression ${path.slice(0, i).join('.')} is not of type ROW`);
    field = ownEntry(field.fields, path[i].toLowerCase());
    if (!field) return fail(pos, `Column '${path.slice(0, i + 1).join('.')}' cannot be resolved`);
  }
  return field;
}

function compileColumn(path: string[], pos: Pos): Typed {
  const fields = path.map((_, i) => resolveColumn(path.slice(0, i + 1), pos));
  const last = fields[fields.length - 1];
  return {
    type: last.type,
    family: last.family,
    eval: (source) => {
      // A nested field reads from the raw object of its parent row; a missing parent is NULL.
      let parent: unknown = source;
      for (let i = 0; i < fields.length - 1; i++) {
        const key = fields[i].key;
        parent = key && parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
        if (parent === undefined || parent === null) return null;
      }
      return last.read(parent);
    },
  };
}

function numberType(text: string): string {
  if (!text.includes('.')) return Math.abs(Number(text)) <= 2147483647 ? 'integer' : 'bigint';
  const [whole, frac] = text.split('.');
  return `decimal(${whole.replace(/^0+(?=\d)/, '').length + frac.length},${frac.length})`;
}

const bool = (evalFn: (source: unknown) => boolean | null): Typed => ({ type: 'boolean', family: 'boolean', eval: evalFn });

const not = (v: boolean | null): boolean | null => (v === null ? null : !v);

function logical(value: Typed, what: string, pos: Pos): Typed {
  if (value.family !== 'boolean' && value.family !== 'unknown') {
    fail(pos, `${what} must evaluate to a boolean (actual: ${value.type})`);
  }
  return value;
}

function compileLogical(kind: 'and' | 'or', l: Typed, r: Typed, pos: Pos): Typed {
  const left = logical(l, 'Left side of logical expression', pos);
  const right = logical(r, 'Right side of logical expression', pos);
  return bool((s) => {
    const a = left.eval(s) as boolean | null;
    if (kind === 'and' && a === false) return false;
    if (kind === 'or' && a === true) return true;
    const b = right.eval(s) as boolean | null;
    if (kind === 'and') return b === false ? false : a === null || b === null ? null : true;
    return b === true ? true : a === null || b === null ? null : false;
  });
}

/** Lines up two operands: same family, or a string literal read as a timestamp. */
function unify(left: Typed, right: Typed, pos: Pos, mismatch: () => never): [Typed, Typed] {
  if (left.family === 'unknown' || right.family === 'unknown') return [left, right];
  if (left.family === 'timestamp' && right.literal !== undefined) return [left, timestampLiteral(right.literal, pos)];
  if (right.family === 'timestamp' && left.literal !== undefined) return [timestampLiteral(left.literal, pos), right];
  if (left.family !== right.family || left.family === 'complex') mismatch();
  return [left, right];
}

function compileCompare(op: CompareOp, l: Typed, r: Typed, pos: Pos): Typed {
  const shown = op === '!=' ? '<>' : op;
  const [left, right] = unify(l, r, pos, () => fail(pos, `Cannot apply operator: ${l.type} ${shown} ${r.type}`));
  return bool((s) => {
    const c = compareValues(left.eval(s), right.eval(s));
    return c === null ? null : applyOp(op, c);
  });
}

function applyOp(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** Orders two values of one family; null when either is NULL (SQL's unknown). */
export function compareValues(a: SqlValue, b: SqlValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** A timestamp string ('2026-01-01 00:00:00[.000]' or '2026-01-01'), UTC, as epoch ms. */
function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m.slice(1);
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, '0')));
  const back = new Date(ms);
  if (back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return undefined;
  return ms;
}

function timestampLiteral(text: string, pos: Pos): Typed {
  const ms = parseTimestamp(text);
  if (ms === undefined) return fail(pos, `Value cannot be cast to timestamp: ${text}`);
  return { type: 'timestamp(3)', family: 'timestamp', eval: () => ms };
}

function compileLike(expr: Extract<Expr, { kind: 'like' }>, clause: string): Typed {
  const value = compileExpr(expr.value, clause);
  const pattern = compileExpr(expr.pattern, clause);
  if (value.family !== 'varchar' && value.family !== 'unknown') {
    fail(expr.pos, `Left side of LIKE expression must evaluate to a varchar (actual: ${value.type})`);
  }
  if (pattern.family !== 'varchar' && pattern.family !== 'unknown') {
    fail(expr.pos, `Pattern for LIKE expression must evaluate to a varchar (actual: ${pattern.type})`);
  }
  const cache = new Map<string, RegExp>();
  return bool((s) => {
    const v = value.eval(s);
    const p = pattern.eval(s);
    if (v === null || p === null) return null;
    let re = cache.get(p as string);
    if (!re) cache.set(p as string, (re = likeRegExp(p as string)));
    return re.test(v as string) !== expr.negated;
  });
}

/** LIKE's % (any run) and _ (one character) as an anchored regular expression. */
function likeRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function compileIn(expr: Extract<Expr, { kind: 'in' }>, clause: string): Typed {
  const given = compileExpr(expr.value, clause);
  const list = expr.list.map((item) => compileExpr(item, clause));
  const mismatch = () => fail(expr.pos, `IN value and list items must be the same type: ${given.type}`);
  const value = unify(given, list[0], expr.pos, mismatch)[0];
  const items = list.map((item) => unify(value, item, expr.pos, mismatch)[1]);
  return bool((s) => {
    const v = value.eval(s);
    if (v === null) return null;
    let unknown = false;
    for (const item of items) {
      const c = compareValues(v, item.eval(s));
      if (c === 0) return !expr.negated;
      if (c === null) unknown = true;
    }
    return unknown ? null : expr.negated;
  });
}

function compileBetween(expr: Extract<Expr, { kind: 'between' }>, clause: string): Typed {
  const v = compileExpr(expr.value, clause);
  const lo = compileExpr(expr.low, clause);
  const hi = compileExpr(expr.high, clause);
  const mismatch = () => fail(expr.pos, `Cannot check if ${v.type} is BETWEEN ${lo.type} and ${hi.type}`);
  const [value, low] = unify(v, lo, expr.pos, mismatch);
  const high = unify(value, hi, expr.pos, mismatch)[1];
  return bool((s) => {
    const x = value.eval(s);
    const a = compareValues(x, low.eval(s));
    const b = compareValues(x, high.eval(s));
    if (a === null || b === null) return null;
    return (a >= 0 && b <= 0) !== expr.negated;
  });
}
