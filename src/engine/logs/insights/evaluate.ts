import type { Expr } from './ast.js';
import { scalarFunction } from './functions.js';
import type { Row } from './record.js';
import { compareValues, isTrue, toNumber, toText, valuesEqual, type Value } from './values.js';

/** Results of a group's aggregate calls, by call node (set while `stats` computes its columns). */
export type AggregateResults = ReadonlyMap<Expr, Value>;

/** The value of an expression for one row. */
export function evaluate(expr: Expr, row: Row, aggregates?: AggregateResults): Value {
  switch (expr.kind) {
    case 'field':
      return row.fields.get(expr.name);
    case 'string':
    case 'number':
    case 'boolean':
      return expr.value;
    case 'duration':
    case 'regex':
      return undefined;
    case 'unary':
      return unary(expr.op, evaluate(expr.operand, row, aggregates));
    case 'binary':
      return binary(expr, row, aggregates);
    case 'like':
      return like(expr, row, aggregates);
    case 'in': {
      const v = evaluate(expr.subject, row, aggregates);
      const found = expr.list.some((item) => valuesEqual(v, evaluate(item, row, aggregates)));
      return v === undefined ? false : found !== expr.negated;
    }
    case 'call':
      return call(expr, row, aggregates);
  }
}

function unary(op: 'not' | '-', v: Value): Value {
  if (op === 'not') return !isTrue(v);
  const n = toNumber(v);
  return n === undefined ? undefined : -n;
}

function binary(expr: Extract<Expr, { kind: 'binary' }>, row: Row, aggregates?: AggregateResults): Value {
  const left = evaluate(expr.left, row, aggregates);
  if (expr.op === 'and') return isTrue(left) && isTrue(evaluate(expr.right, row, aggregates));
  if (expr.op === 'or') return isTrue(left) || isTrue(evaluate(expr.right, row, aggregates));
  const right = evaluate(expr.right, row, aggregates);
  switch (expr.op) {
    case '=':
      return valuesEqual(left, right);
    case '!=':
      return left !== undefined && right !== undefined && !valuesEqual(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(expr.op, left, right);
    default:
      return arithmetic(expr.op, toNumber(left), toNumber(right));
  }
}

function compare(op: '<' | '<=' | '>' | '>=', left: Value, right: Value): boolean {
  if (left === undefined || right === undefined) return false;
  const c = compareValues(left, right);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

function arithmetic(op: string, a: number | undefined, b: number | undefined): Value {
  if (a === undefined || b === undefined) return undefined;
  const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : op === '%' ? a % b : a ** b;
  return Number.isFinite(r) ? r : undefined;
}

/** `like "text"` matches a substring; `like /regex/` (and `=~`) a regular expression. */
function like(expr: Extract<Expr, { kind: 'like' }>, row: Row, aggregates?: AggregateResults): Value {
  const subject = toText(evaluate(expr.subject, row, aggregates));
  if (subject === undefined) return false;
  const matched = expr.pattern.kind === 'regex'
    ? expr.pattern.regex.test(subject)
    : subject.includes(toText(evaluate(expr.pattern, row, aggregates)) ?? '');
  return matched !== expr.negated;
}

function call(expr: Extract<Expr, { kind: 'call' }>, row: Row, aggregates?: AggregateResults): Value {
  if (aggregates?.has(expr)) return aggregates.get(expr);
  const fn = scalarFunction(expr.name);
  if (!fn) return undefined;
  const periodExpr = fn.periodArg === undefined ? undefined : expr.args[fn.periodArg];
  const period = periodExpr?.kind === 'duration' ? periodExpr.period : undefined;
  const args = expr.args.map((a) => evaluate(a, row, aggregates));
  return fn.fn(args, { period, timestamp: row.fields.get('@timestamp') });
}
