import type { ValueDiff } from '../model/change.js';

/** Colours, injected: identity functions when colour is off. */
export interface Style {
  add(s: string): string;
  change(s: string): string;
  remove(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const NO_COLOR: Style = { add: (s) => s, change: (s) => s, remove: (s) => s, bold: (s) => s, dim: (s) => s };
export const COLOR: Style = { add: wrap(32), change: wrap(33), remove: wrap(31), bold: wrap(1), dim: wrap(2) };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const pad = (n: number) => ' '.repeat(n);

/** A scalar the way plans show it: strings quoted, numbers and booleans bare. */
export function scalar(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'null' : JSON.stringify(v);
}

/** A whole value, one line per member, every line prefixed with `sign`. */
export function valueLines(v: unknown, indent: number, sign: string, style: (s: string) => string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return ['[]'];
    return ['[', ...v.flatMap((item) => nested(valueLines(item, indent + 4, sign, style), indent + 4, `${sign} `, style, ',')), `${pad(indent + 2)}]`];
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return ['{}'];
    const width = Math.max(...keys.map((k) => key(k).length));
    return [
      '{',
      ...keys.flatMap((k) => nested(valueLines(v[k], indent + 4, sign, style), indent + 4, `${sign} ${key(k).padEnd(width)} = `, style)),
      `${pad(indent + 2)}}`,
    ];
  }
  return [scalar(v)];
}

/** Prefixes the first line of a nested rendering; later lines are already indented. */
function nested(lines: string[], indent: number, head: string, style: (s: string) => string, tail = ''): string[] {
  const [first, ...rest] = lines;
  const out = [`${pad(indent)}${style(head)}${first}`, ...rest];
  if (tail) out[out.length - 1] += tail;
  return out;
}

const key = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k));

/**
 * A diff (computed by the planner) as plan lines: objects member by member (unchanged ones folded
 * into a count), lists element by element (common scalars shown, common documents folded),
 * scalars as `old -> new`.
 */
export function diffLines(diff: ValueDiff, indent: number, s: Style): string[] {
  switch (diff.op) {
    case 'object':
      return objectLines(diff.members, indent, s);
    case 'list':
      return listLines(diff.items, indent, s);
    case 'same':
      return valueLines(diff.value, indent, ' ', (x) => x);
    case 'add':
      return valueLines(diff.value, indent, '+', s.add);
    case 'remove':
      return [...valueLines(diff.value, indent, '-', s.remove).slice(0, -1), `${valueLines(diff.value, indent, '-', s.remove).slice(-1)[0]} -> null`];
    case 'change': {
      const { before, after } = diff;
      if (isObj(before) || Array.isArray(before) || isObj(after) || Array.isArray(after)) {
        const old = valueLines(before, indent, '-', s.remove);
        const neu = valueLines(after, indent, '+', s.add);
        return [...old.slice(0, -1), `${old[old.length - 1]} -> ${neu[0]}`, ...neu.slice(1)];
      }
      return [`${scalar(before)} -> ${scalar(after)}${diff.whitespaceOnly ? ` ${s.dim('# whitespace changes only')}` : ''}`];
    }
  }
}

function objectLines(members: { key: string; diff: ValueDiff }[], indent: number, s: Style): string[] {
  const width = Math.max(...members.map((m) => key(m.key).length));
  const out = ['{'];
  let unchanged = 0;
  for (const { key: k, diff } of members) {
    const name = key(k).padEnd(width);
    if (diff.op === 'same') unchanged++;
    else if (diff.op === 'add') out.push(...nested(valueLines(diff.value, indent + 4, '+', s.add), indent + 4, s.add(`+ ${name} = `), (x) => x));
    else if (diff.op === 'remove') out.push(...nested(valueLines(diff.value, indent + 4, '-', s.remove), indent + 4, s.remove(`- ${name} = `), (x) => x));
    else out.push(...nested(diffLines(diff, indent + 4, s), indent + 4, s.change(`~ ${name} = `), (x) => x));
  }
  if (unchanged) out.push(`${pad(indent + 6)}${s.dim(`# (${unchanged} unchanged ${unchanged === 1 ? 'member' : 'members'} hidden)`)}`);
  out.push(`${pad(indent + 2)}}`);
  return out;
}

function listLines(items: ValueDiff[], indent: number, s: Style): string[] {
  const out = ['['];
  let folded = 0;
  const fold = () => {
    if (folded) out.push(`${pad(indent + 6)}${s.dim(`# (${folded} unchanged ${folded === 1 ? 'element' : 'elements'} hidden)`)}`);
    folded = 0;
  };
  const item = (lines: string[], head: string) => {
    fold();
    out.push(...nested(lines, indent + 4, head, (x) => x, ','));
  };
  for (const diff of items) {
    if (diff.op === 'same') {
      if (isObj(diff.value) || Array.isArray(diff.value)) folded++;
      else item([scalar(diff.value)], '  ');
    } else if (diff.op === 'add') item(valueLines(diff.value, indent + 4, '+', s.add), s.add('+ '));
    else if (diff.op === 'remove') item(valueLines(diff.value, indent + 4, '-', s.remove), s.remove('- '));
    else item(diffLines(diff, indent + 4, s), s.change('~ '));
  }
  fold();
  out.push(`${pad(indent + 2)}]`);
  return out;
}
