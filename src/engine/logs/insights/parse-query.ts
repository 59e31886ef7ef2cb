import { aggregateFunction } from './aggregates.js';
import type { Command, Expr, NamedExpr, ParsePattern, QueryAst, SortKey } from './ast.js';
import { Cursor } from './cursor.js';
import { tokenize, type Token } from './lexer.js';
import { parseExpr, regexOf } from './parse-expr.js';

/** The most rows a `limit` command may ask for. */
export const MAX_LIMIT = 10_000;

/**
 * Parses a Logs Insights query: commands separated by `|`. Anything outside the supported subset
 * is a QueryError at the token that starts it.
 */
export function parseQuery(query: string): QueryAst {
  const c = new Cursor(query, tokenize(query));
  const commands: Command[] = [];
  do commands.push(parseCommand(c));
  while (c.takeOp('|'));
  if (c.peek().kind !== 'eof') throw c.unexpected();
  return { commands };
}

const COMMANDS: Record<string, (c: Cursor, start: number) => Command> = {
  fields: (c, start) => ({ kind: 'fields', items: namedList(c, false), start, end: c.lastEnd }),
  display: (c, start) => ({ kind: 'display', items: namedList(c, false), start, end: c.lastEnd }),
  filter: (c, start) => ({ kind: 'filter', condition: parseExpr(c, { aggregates: false }), start, end: c.lastEnd }),
  stats: (c, start) => parseStats(c, start),
  sort: (c, start) => ({ kind: 'sort', keys: sortKeys(c), start, end: c.lastEnd }),
  limit: (c, start) => ({ kind: 'limit', count: limitCount(c), start, end: c.lastEnd }),
  dedup: (c, start) => ({ kind: 'dedup', fields: fieldList(c), start, end: c.lastEnd }),
  parse: (c, start) => parseParse(c, start),
};

function parseCommand(c: Cursor): Command {
  const t = c.peek();
  const word = t.kind === 'name' && !t.quoted ? t.text.toLowerCase() : '';
  if (!Object.hasOwn(COMMANDS, word)) throw c.unexpected();
  c.next();
  return COMMANDS[word]!(c, t.start);
}

/** The column name of an expression: its alias, a field's own name, or the expression's text. */
function named(c: Cursor, expr: Expr): NamedExpr {
  if (c.takeWord('as')) return { name: aliasName(c), expr };
  return { name: expr.kind === 'field' ? expr.name : c.query.slice(expr.start, expr.end), expr };
}

function aliasName(c: Cursor): string {
  const t = c.peek();
  if (t.kind !== 'name') throw c.unexpected();
  c.next();
  return t.text;
}

function namedList(c: Cursor, aggregates: boolean): NamedExpr[] {
  const items: NamedExpr[] = [];
  do items.push(named(c, parseExpr(c, { aggregates })));
  while (c.takeOp(','));
  return items;
}

function fieldList(c: Cursor): Expr[] {
  const fields: Expr[] = [];
  do {
    const t = c.peek();
    if (t.kind !== 'name') throw c.unexpected();
    c.next();
    fields.push({ kind: 'field', name: t.text, start: t.start, end: t.end });
  } while (c.takeOp(','));
  return fields;
}

function parseStats(c: Cursor, start: number): Command {
  const aggregates = namedList(c, true);
  for (const a of aggregates) {
    if (!containsAggregate(a.expr)) throw c.error('stats requires an aggregate function', a.expr.start, a.expr.end);
  }
  const groups = c.takeWord('by') ? namedList(c, false) : [];
  c.statsColumns = new Set([...groups, ...aggregates].map((g) => g.name));
  return { kind: 'stats', aggregates, groups, start, end: c.lastEnd };
}

function containsAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return aggregateFunction(e.name) !== undefined || e.args.some(containsAggregate);
    case 'unary':
      return containsAggregate(e.operand);
    case 'binary':
      return containsAggregate(e.left) || containsAggregate(e.right);
    default:
      return false;
  }
}

function sortKeys(c: Cursor): SortKey[] {
  const keys: SortKey[] = [];
  do {
    const expr = parseExpr(c, { aggregates: false });
    const descending = c.takeWord('desc') ? true : (c.takeWord('asc'), false);
    keys.push({ expr, descending });
  } while (c.takeOp(','));
  return keys;
}

function limitCount(c: Cursor): number {
  const t = c.peek();
  if (t.kind !== 'number') throw c.unexpected();
  c.next();
  if (!Number.isInteger(t.value) || t.value! < 1 || t.value! > MAX_LIMIT) {
    throw c.error(`limit must be an integer between 1 and ${MAX_LIMIT}`, t.start, t.end);
  }
  return t.value!;
}

/** `parse [field] "glob*" as a, b` or `parse [field] /(?<a>…)/`; the field defaults to @message. */
function parseParse(c: Cursor, start: number): Command {
  let t = c.peek();
  let source: Expr = { kind: 'field', name: '@message', start: t.start, end: t.start };
  if (t.kind === 'name') {
    c.next();
    source = { kind: 'field', name: t.text, start: t.start, end: t.end };
    t = c.peek();
  }
  if (t.kind === 'string') return { kind: 'parse', source, pattern: globPattern(c, t), start, end: c.lastEnd };
  if (t.kind === 'regex') return { kind: 'parse', source, pattern: regexPattern(c, t), start, end: c.lastEnd };
  throw c.unexpected();
}

function globPattern(c: Cursor, t: Token): ParsePattern {
  c.next();
  const parts = t.text.split('*');
  const source = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.*?)');
  c.expectWord('as');
  const names: string[] = [];
  do names.push(aliasName(c));
  while (c.takeOp(','));
  if (names.length !== parts.length - 1) {
    throw c.error(`parse pattern has ${parts.length - 1} wildcards but ${names.length} fields`, t.start, c.lastEnd);
  }
  // The last wildcard takes the rest of the value when the pattern ends with it.
  return { kind: 'glob', regex: new RegExp(source.endsWith('(.*?)') ? `${source.slice(0, -5)}(.*)` : source, 's'), names };
}

function regexPattern(c: Cursor, t: Token): ParsePattern {
  c.next();
  const regex = regexOf(c, t);
  const names = [...t.text.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
  if (names.length === 0) throw c.error('parse with a regular expression needs named capturing groups', t.start, t.end);
  return { kind: 'regex', regex, names };
}
