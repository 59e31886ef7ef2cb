import { aggregateFunction } from './aggregates.js';
import type { BinaryOp, Expr } from './ast.js';
import type { Cursor } from './cursor.js';
import { periodOf } from './durations.js';
import { scalarFunction } from './functions.js';
import type { Token } from './lexer.js';

/** Where an expression stands: only `stats` aggregations may call aggregate functions. */
export interface ExprContext {
  aggregates: boolean;
}

const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='];
/** Words that are never field names (unless backquoted): operators, clauses and commands. */
const KEYWORDS = new Set([
  'and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc', 'true', 'false',
  'fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'display', 'dedup',
]);

/** Parses one expression at the cursor (lowest precedence: `or`). */
export function parseExpr(c: Cursor, ctx: ExprContext): Expr {
  return new ExprParser(c, ctx).or();
}

/** A regex literal as a RegExp: `(?i)` at its start, like the `i` flag, ignores case. */
export function regexOf(c: Cursor, token: Token): RegExp {
  let pattern = token.text;
  let flags = token.flags ?? '';
  if (pattern.startsWith('(?i)')) {
    pattern = pattern.slice(4);
    if (!flags.includes('i')) flags += 'i';
  }
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw c.error(`invalid regular expression: ${token.text}`, token.start, token.end);
  }
}

class ExprParser {
  private inAggregate = false;

  constructor(
    private readonly c: Cursor,
    private readonly ctx: ExprContext,
  ) {}

  or(): Expr {
    let left = this.and();
    while (this.c.takeWord('or')) left = this.binary('or', left, this.and());
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.c.takeWord('and')) left = this.binary('and', left, this.not());
    return left;
  }

  private not(): Expr {
    const t = this.c.peek();
    if (!this.c.takeWord('not')) return this.comparison();
    const operand = this.not();
    return { kind: 'unary', op: 'not', operand, start: t.start, end: operand.end };
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.c.peek();
    if (t.kind === 'op' && COMPARISONS.includes(t.text)) {
      this.c.next();
      return this.binary(t.text as BinaryOp, left, this.additive());
    }
    if (t.kind === 'op' && t.text === '=~') {
      this.c.next();
      return this.like(left, false);
    }
    const negated = this.c.isWord('not') && (this.c.isWord('like', 1) || this.c.isWord('in', 1));
    if (negated) this.c.next();
    if (this.c.takeWord('like')) return this.like(left, negated);
    if (this.c.takeWord('in')) return this.inList(left, negated);
    if (negated) throw this.c.unexpected();
    return left;
  }

  private like(subject: Expr, negated: boolean): Expr {
    const t = this.c.peek();
    if (t.kind !== 'string' && t.kind !== 'regex') throw this.c.unexpected();
    const pattern = this.primary();
    return { kind: 'like', negated, subject, pattern, start: subject.start, end: pattern.end };
  }

  private inList(subject: Expr, negated: boolean): Expr {
    this.c.expectOp('[');
    const list: Expr[] = [];
    if (!this.c.isOp(']')) {
      do list.push(this.additive());
      while (this.c.takeOp(','));
    }
    const close = this.c.expectOp(']');
    return { kind: 'in', negated, subject, list, start: subject.start, end: close.end };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.c.isOp('+') || this.c.isOp('-')) left = this.binary(this.c.next().text as BinaryOp, left, this.multiplicative());
    return left;
  }

  private multiplicative(): Expr {
    let left = this.power();
    while (this.c.isOp('*') || this.c.isOp('/') || this.c.isOp('%')) {
      left = this.binary(this.c.next().text as BinaryOp, left, this.power());
    }
    return left;
  }

  private power(): Expr {
    const base = this.unary();
    if (!this.c.takeOp('^')) return base;
    return this.binary('^', base, this.power());
  }

  private unary(): Expr {
    const t = this.c.peek();
    if (!this.c.takeOp('-')) return this.primary();
    const operand = this.unary();
    return { kind: 'unary', op: '-', operand, start: t.start, end: operand.end };
  }

  private binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, start: left.start, end: right.end };
  }

  private primary(): Expr {
    const t = this.c.peek();
    const span = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'number':
        this.c.next();
        return { kind: 'number', value: t.value!, ...span };
      case 'string':
        this.c.next();
        return { kind: 'string', value: t.text, ...span };
      case 'regex':
        this.c.next();
        return { kind: 'regex', regex: regexOf(this.c, t), ...span };
      case 'name':
        return this.name(t);
      case 'op':
        if (t.text === '(') return this.parenthesized();
        throw this.c.unexpected();
      default:
        throw this.c.unexpected();
    }
  }

  private parenthesized(): Expr {
    this.c.expectOp('(');
    const inner = this.or();
    this.c.expectOp(')');
    return inner;
  }

  private name(t: Token): Expr {
    if (!t.quoted && this.c.peek(1).kind === 'op' && this.c.peek(1).text === '(') return this.call(t);
    const word = t.text.toLowerCase();
    if (!t.quoted && (word === 'true' || word === 'false')) {
      this.c.next();
      return { kind: 'boolean', value: word === 'true', start: t.start, end: t.end };
    }
    if (!t.quoted && KEYWORDS.has(word)) throw this.c.unexpected();
    this.c.next();
    return { kind: 'field', name: t.text, start: t.start, end: t.end };
  }

  private call(t: Token): Expr {
    const aggregate = aggregateFunction(t.text);
    const scalar = aggregate ? undefined : scalarFunction(t.text);
    if (!aggregate && !scalar) throw this.c.error(`Unknown function: ${t.text}`, t.start, t.end);
    if (aggregate && (!this.ctx.aggregates || this.inAggregate) && !this.c.statsColumns.size) {
      throw this.c.error(`Aggregate function ${t.text} can only be used in a stats command`, t.start, t.end);
    }
    this.c.next();
    this.c.expectOp('(');
    const outer = this.inAggregate;
    this.inAggregate ||= aggregate !== undefined;
    let star = false;
    const args: Expr[] = [];
    if (aggregate?.allowsStar && this.c.isOp('*') && this.c.peek(1).text === ')') {
      this.c.next();
      star = true;
    } else if (!this.c.isOp(')')) {
      do args.push(scalar?.periodArg === args.length ? this.period() : this.or());
      while (this.c.takeOp(','));
    }
    this.inAggregate = outer;
    const close = this.c.expectOp(')');
    const spec = aggregate ?? scalar!;
    if (args.length < spec.min || args.length > spec.max) {
      throw this.c.error(`Invalid number of arguments for function ${t.text}: ${args.length}`, t.start, close.end);
    }
    const text = this.c.query.slice(t.start, close.end);
    // After stats, a call spelled like one of its columns names that column.
    if (!this.ctx.aggregates && this.c.statsColumns.has(text)) return { kind: 'field', name: text, start: t.start, end: close.end };
    if (aggregate && (!this.ctx.aggregates || outer)) {
      throw this.c.error(`Aggregate function ${t.text} can only be used in a stats command`, t.start, t.end);
    }
    return { kind: 'call', name: t.text.toLowerCase(), args, star, start: t.start, end: close.end };
  }

  private period(): Expr {
    const t = this.c.peek();
    if (t.kind !== 'duration') throw this.c.unexpected();
    const period = periodOf(t.value!, t.unit!);
    if (!period) throw this.c.error(`Invalid time period: ${t.text}`, t.start, t.end);
    this.c.next();
    return { kind: 'duration', period, start: t.start, end: t.end };
  }
}
