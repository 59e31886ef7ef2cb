import { AwsError } from '../errors.js';

/**
 * The `fieldSelectionCriteria` of metric and subscription filters: which events a filter processes,
 * by their system fields — `@aws.region = "us-east-1"`, `@aws.account IN ["123456789012"]`,
 * `!=`, `NOT IN`, joined by AND / OR (AND binds tighter) and grouped with parentheses.
 */
export type SystemFields = Record<'@aws.account' | '@aws.region', string>;

/** A compiled criteria: whether an event with these system fields is selected. */
export type FieldSelection = (fields: SystemFields) => boolean;

const FIELDS = ['@aws.account', '@aws.region'];
const TOKEN = /\s*(?:(\()|(\))|(\[)|(\])|(,)|(!=|=)|("(?:[^"\\]|\\.)*")|([@\w.-]+))/y;

type Token = { kind: 'open' | 'close' | 'lbracket' | 'rbracket' | 'comma' | 'op' | 'string' | 'word'; text: string };

// AWS's wording for malformed criteria was not found; this message is unverified.
const invalid = (criteria: string, why: string) => new AwsError('InvalidParameterException', `Invalid fieldSelectionCriteria "${criteria}": ${why}`);

function tokenize(criteria: string): Token[] {
  const kinds = ['open', 'close', 'lbracket', 'rbracket', 'comma', 'op', 'string', 'word'] as const;
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < criteria.length) {
    if (/^\s*$/.test(criteria.slice(TOKEN.lastIndex))) break;
    const position = TOKEN.lastIndex;
    const m = TOKEN.exec(criteria);
    if (!m) throw invalid(criteria, `unexpected character at position ${position + 1}`);
    const i = m.slice(1).findIndex((g) => g !== undefined);
    tokens.push({ kind: kinds[i]!, text: m[i + 1]! });
  }
  return tokens;
}

/** Compiles criteria once (at PutMetricFilter / PutSubscriptionFilter); malformed ones are refused. */
export function compileFieldSelection(criteria: string): FieldSelection {
  const parser = new Parser(criteria, tokenize(criteria));
  const selection = parser.or();
  parser.end();
  return selection;
}

/** A recursive-descent parser over the tokens: or → and (OR and)*, and → unary (AND unary)*. */
class Parser {
  private at = 0;

  constructor(private readonly criteria: string, private readonly tokens: Token[]) {}

  or(): FieldSelection {
    const parts = [this.and()];
    while (this.skipWord('OR')) parts.push(this.and());
    return parts.length === 1 ? parts[0]! : (f) => parts.some((p) => p(f));
  }

  end(): void {
    const rest = this.tokens[this.at];
    if (rest) throw invalid(this.criteria, `unexpected ${rest.text}`);
  }

  private and(): FieldSelection {
    const parts = [this.unary()];
    while (this.skipWord('AND')) parts.push(this.unary());
    return parts.length === 1 ? parts[0]! : (f) => parts.every((p) => p(f));
  }

  private unary(): FieldSelection {
    if (this.tokens[this.at]?.kind !== 'open') return this.comparison();
    this.at++;
    const inner = this.or();
    this.expect('close', ')');
    return inner;
  }

  private comparison(): FieldSelection {
    const field = this.expect('word', 'a system field').text;
    if (!FIELDS.includes(field)) throw invalid(this.criteria, `${field} is not a system field (use @aws.account or @aws.region)`);
    const key = field as keyof SystemFields;
    if (this.tokens[this.at]?.kind === 'op') {
      const op = this.tokens[this.at++]!.text;
      const value = this.string();
      return op === '=' ? (f) => f[key] === value : (f) => f[key] !== value;
    }
    const negated = this.skipWord('NOT');
    if (!this.skipWord('IN')) throw invalid(this.criteria, 'expected =, !=, IN or NOT IN');
    this.expect('lbracket', '[');
    const values = [this.string()];
    while (this.tokens[this.at]?.kind === 'comma') {
      this.at++;
      values.push(this.string());
    }
    this.expect('rbracket', ']');
    return (f) => values.includes(f[key]) !== negated;
  }

  private string(): string {
    const text = this.expect('string', 'a quoted value').text;
    try {
      return JSON.parse(text) as string;
    } catch {
      throw invalid(this.criteria, `${text} is not a valid quoted value`);
    }
  }

  private skipWord(word: string): boolean {
    const t = this.tokens[this.at];
    if (t?.kind !== 'word' || t.text.toUpperCase() !== word) return false;
    this.at++;
    return true;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.tokens[this.at++];
    if (!t || t.kind !== kind) throw invalid(this.criteria, `expected ${what}`);
    return t;
  }
}

const compiled = new Map<string, FieldSelection>();

/** The compiled criteria of a stored filter (valid by construction), cached by text. */
export function fieldSelectionOf(criteria: string): FieldSelection {
  let selection = compiled.get(criteria);
  if (!selection) {
    if (compiled.size >= 500) compiled.clear();
    selection = compileFieldSelection(criteria);
    compiled.set(criteria, selection);
  }
  return selection;
}
