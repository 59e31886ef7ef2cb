/**
 * The CloudTrail Lake SQL the engine runs. AWS runs Lake queries on Trino; the engine implements
 * the subset below and rejects everything else with InvalidQueryStatementException and a message
 * positioned as Trino's are (`line 1:23: mismatched input 'x'. Expecting: …`).
 *
 *   statement  := SELECT item (',' item)* FROM table [WHERE expr] [GROUP BY expr (',' expr)*]
 *                 [ORDER BY key (',' key)*] [LIMIT integer] [';']
 *   item       := '*' | expr [[AS] alias]
 *   table      := an event data store id (the last part of its ARN), or the ARN itself
 *   expr       := expr OR expr | expr AND expr | NOT expr | '(' expr ')' | predicate
 *   predicate  := value [ compare value | [NOT] LIKE 'pattern' | [NOT] IN '(' value, … ')'
 *                 | [NOT] BETWEEN value AND value | IS [NOT] NULL ]
 *   compare    := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>='
 *   value      := column | 'string' | number | TRUE | FALSE | NULL | COUNT '(' ('*' | column) ')'
 *   column     := name ('.' name)*     e.g. eventName, userIdentity.arn ("quoted" names too)
 *   key        := (column | alias | COUNT(*) | position) [ASC | DESC]
 *
 * Names are case-insensitive; `eventTime` compares with timestamp strings such as
 * '2026-01-01 00:00:00' (or '2026-01-01'); LIKE takes % and _. Functions other than COUNT,
 * joins, subqueries, DISTINCT and HAVING are not part of the subset.
 */
import type { CompareOp, Expr, OrderKey, Pos, SelectItem, SelectStatement } from './ast.js';
import { SqlError } from './errors.js';
import { isWord, tokenize, type Token } from './lexer.js';

/** Trino's reserved words (and the subset's own clause words): never a column name or alias. */
const RESERVED = new Set(
  ('ALTER AND AS ASC BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_DATE CURRENT_TIME ' +
    'CURRENT_TIMESTAMP DEALLOCATE DELETE DESC DESCRIBE DISTINCT DROP ELSE END ESCAPE EXCEPT EXECUTE ' +
    'EXISTS EXTRACT FALSE FOR FROM FULL GROUP GROUPING HAVING IN INNER INSERT INTERSECT INTO IS JOIN ' +
    'LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT NULL ON OR ORDER OUTER PREPARE ' +
    'RECURSIVE RIGHT ROLLUP SELECT TABLE THEN TRUE UESCAPE UNION UNNEST USING VALUES WHEN WHERE WITH').split(' '),
);

const COMPARE_OPS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);
const VALUE = ["'('", "'COUNT'", "'FALSE'", "'NULL'", "'TRUE'", '<identifier>', '<number>', '<string>'];

/** Parses one statement; a statement outside the subset throws SqlError. */
export function parseStatement(sql: string): SelectStatement {
  return new Parser(tokenize(sql)).statement();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  statement(): SelectStatement {
    this.expectWord('SELECT', ["'SELECT'"]);
    const items = this.list(() => this.selectItem());
    this.expectWord('FROM', ["','", "'AS'", "'FROM'", '<identifier>']);
    const from = this.table();
    const where = this.acceptWord('WHERE') ? this.expr() : undefined;
    let groupBy: Expr[] = [];
    if (this.acceptWord('GROUP')) {
      this.expectWord('BY', ["'BY'"]);
      groupBy = this.list(() => this.expr());
    }
    let orderBy: OrderKey[] = [];
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY', ["'BY'"]);
      orderBy = this.list(() => this.orderKey());
    }
    const limit = this.acceptWord('LIMIT') ? this.limit() : undefined;
    if (this.peek.kind === 'punct' && this.peek.text === ';') this.i++;
    if (this.peek.kind !== 'eof') this.fail(this.trailing(where, groupBy, orderBy, limit));
    return { items, from, where, groupBy, orderBy, limit };
  }

  /** What could still follow when a statement has unexpected trailing input. */
  private trailing(where?: Expr, groupBy: Expr[] = [], orderBy: OrderKey[] = [], limit?: number): string[] {
    if (limit !== undefined) return ['<EOF>'];
    const clauses = [
      ...(where || groupBy.length || orderBy.length ? [] : ["'WHERE'"]),
      ...(groupBy.length || orderBy.length ? [] : ["'GROUP'"]),
      ...(orderBy.length ? [] : ["'ORDER'"]),
      "'LIMIT'",
    ];
    const continuing = where || groupBy.length || orderBy.length ? ["','", "'AND'", "'OR'"] : [];
    return [...continuing, ...clauses, '<EOF>'];
  }

  private selectItem(): SelectItem {
    const pos = this.pos();
    if (this.acceptPunct('*')) return { kind: 'star', pos };
    if (!this.startsValue(this.peek)) this.fail(["'*'", "'NOT'", ...VALUE]);
    const expr = this.expr();
    if (this.acceptWord('AS')) return { kind: 'expr', expr, alias: this.name(['<identifier>']), pos };
    if (this.isName(this.peek)) return { kind: 'expr', expr, alias: this.name([]), pos };
    return { kind: 'expr', expr, pos };
  }

  private table(): { name: string; pos: Pos } {
    const t = this.peek;
    if (t.kind === 'table' || t.kind === 'quoted') {
      this.i++;
      return { name: t.text, pos: this.at(t) };
    }
    return this.fail(['<identifier>']);
  }

  private orderKey(): OrderKey {
    const pos = this.pos();
    const expr = this.expr();
    if (this.acceptWord('DESC')) return { expr, descending: true, pos };
    this.acceptWord('ASC');
    return { expr, descending: false, pos };
  }

  private limit(): number {
    const t = this.peek;
    if (t.kind !== 'number' || t.text.includes('.')) return this.fail(["'ALL'", '<integer>']);
    this.i++;
    return Number(t.text);
  }

  private expr(): Expr {
    let left = this.conjunction();
    while (isWord(this.peek, 'OR')) {
      const pos = this.pos();
      this.i++;
      left = { kind: 'or', left, right: this.conjunction(), pos };
    }
    return left;
  }

  private conjunction(): Expr {
    let left = this.negation();
    while (isWord(this.peek, 'AND')) {
      const pos = this.pos();
      this.i++;
      left = { kind: 'and', left, right: this.negation(), pos };
    }
    return left;
  }

  private negation(): Expr {
    const pos = this.pos();
    if (this.acceptWord('NOT')) return { kind: 'not', value: this.negation(), pos };
    return this.predicate();
  }

  private predicate(): Expr {
    const value = this.value();
    const pos = this.pos();
    const t = this.peek;
    if (t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      this.i++;
      return { kind: 'compare', op: t.text as CompareOp, left: value, right: this.value(), pos };
    }
    if (isWord(t, 'IS')) {
      this.i++;
      const negated = this.acceptWord('NOT');
      this.expectWord('NULL', negated ? ["'NULL'"] : ["'NOT'", "'NULL'"]);
      return { kind: 'isNull', value, negated, pos };
    }
    const negated = isWord(t, 'NOT') && ['LIKE', 'IN', 'BETWEEN'].some((w) => isWord(this.tokens[this.i + 1], w));
    if (negated) this.i++;
    if (this.acceptWord('LIKE')) return { kind: 'like', value, pattern: this.value(), negated, pos };
    if (this.acceptWord('IN')) return { kind: 'in', value, list: this.inList(), negated, pos };
    if (this.acceptWord('BETWEEN')) {
      const low = this.value();
      this.expectWord('AND', ["'AND'"]);
      return { kind: 'between', value, low, high: this.value(), negated, pos };
    }
    return value;
  }

  private inList(): Expr[] {
    this.expectPunct('(', ["'('"]);
    const list = this.list(() => this.value());
    this.expectPunct(')', ["')'", "','"]);
    return list;
  }

  /** A column, literal, COUNT(…) or parenthesized condition. */
  private value(): Expr {
    const t = this.peek;
    const pos = this.at(t);
    if (t.kind === 'punct' && t.text === '(') {
      this.i++;
      const inner = this.expr();
      this.expectPunct(')', ["')'", "'AND'", "'OR'"]);
      return inner;
    }
    if (t.kind === 'string') return this.advance({ kind: 'string', value: t.text, pos });
    if (t.kind === 'number') return this.advance({ kind: 'number', value: Number(t.text), text: t.text, pos });
    if (isWord(t, 'TRUE') || isWord(t, 'FALSE')) return this.advance({ kind: 'boolean', value: isWord(t, 'TRUE'), pos });
    if (isWord(t, 'NULL')) return this.advance({ kind: 'null', pos });
    if (this.isName(t)) return this.nameOrCall(pos);
    return this.fail(VALUE);
  }

  private nameOrCall(pos: Pos): Expr {
    const first = this.tokens[this.i];
    const next = this.tokens[this.i + 1];
    if (next.kind === 'punct' && next.text === '(') {
      if (first.kind !== 'ident' || first.text.toUpperCase() !== 'COUNT') {
        throw new SqlError(pos.line, pos.col, `Function '${first.text.toLowerCase()}' not registered`);
      }
      this.i += 2;
      const arg: Expr | '*' = this.acceptPunct('*') ? '*' : this.value();
      this.expectPunct(')', ["')'"]);
      return { kind: 'count', arg, pos };
    }
    const path = [this.name([])];
    while (this.acceptPunct('.')) path.push(this.name(['<identifier>']));
    return { kind: 'column', path, pos };
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptPunct(',')) items.push(item());
    return items;
  }

  private startsValue(t: Token): boolean {
    if (t.kind === 'string' || t.kind === 'number' || this.isName(t)) return true;
    if (t.kind === 'punct') return t.text === '(';
    return ['TRUE', 'FALSE', 'NULL', 'NOT'].some((w) => isWord(t, w));
  }

  private isName(t: Token): boolean {
    return t.kind === 'quoted' || (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase()));
  }

  private name(expecting: string[]): string {
    const t = this.peek;
    if (!this.isName(t)) return this.fail(expecting);
    this.i++;
    return t.text;
  }

  private get peek(): Token {
    return this.tokens[this.i];
  }

  private pos(): Pos {
    return this.at(this.peek);
  }

  private at(t: Token): Pos {
    return { line: t.line, col: t.col };
  }

  private advance<T>(node: T): T {
    this.i++;
    return node;
  }

  private acceptWord(word: string): boolean {
    if (!isWord(this.peek, word)) return false;
    this.i++;
    return true;
  }

  private acceptPunct(p: string): boolean {
    if (this.peek.kind !== 'punct' || this.peek.text !== p) return false;
    this.i++;
    return true;
  }

  private expectWord(word: string, expecting: string[]): void {
    if (!this.acceptWord(word)) this.fail(expecting);
  }

  private expectPunct(p: string, expecting: string[]): void {
    if (!this.acceptPunct(p)) this.fail(expecting);
  }

  private fail(expecting: string[]): never {
    const t = this.peek;
    throw new SqlError(t.line, t.col, `mismatched input '${t.display}'. Expecting: ${expecting.join(', ')}`);
  }
}
