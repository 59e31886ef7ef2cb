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
 * The diff of two values as plan lines: objects member by member (unchanged ones folded into a
 * count), lists element by element (see diffList), scalars as `old -> new`.
 */
export function diffLines(before: unknown, after: unknown, indent: number, s: Style): string[] {
  if (isObj(before) && isObj(after)) return diffObject(before, after, indent, s);
  if (Array.isArray(before) && Array.isArray(after)) return diffList(before, after, indent, s);
  if (isObj(before) || Array.isArray(before) || isObj(after) || Array.isArray(after)) {
    const old = valueLines(before, indent, '-', s.remove);
    const neu = valueLines(after, indent, '+', s.add);
    return [...old.slice(0, -1), `${old[old.length - 1]} -> ${neu[0]}`, ...neu.slice(1)];
  }
  const note = typeof before === 'string' && typeof after === 'string' && before.replace(/\s+/g, '') === after.replace(/\s+/g, '')
    ? ` ${s.dim('# whitespace changes only')}`
    : '';
  return [`${scalar(before)} -> ${scalar(after)}${note}`];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffObject(before: Obj, after: Obj, indent: number, s: Style): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const width = Math.max(...keys.map((k) => key(k).length));
  const out = ['{'];
  let unchanged = 0;
  for (const k of keys) {
    const name = key(k).padEnd(width);
    if (!(k in before)) out.push(...nested(valueLines(after[k], indent + 4, '+', s.add), indent + 4, s.add(`+ ${name} = `), (x) => x));
    else if (!(k in after)) out.push(...nested(valueLines(before[k], indent + 4, '-', s.remove), indent + 4, s.remove(`- ${name} = `), (x) => x));
    else if (same(before[k], after[k])) unchanged++;
    else out.push(...nested(diffLines(before[k], after[k], indent + 4, s), indent + 4, s.change(`~ ${name} = `), (x) => x));
  }
  if (unchanged) out.push(`${pad(indent + 6)}${s.dim(`# (${unchanged} unchanged ${unchanged === 1 ? 'member' : 'members'} hidden)`)}`);
  out.push(`${pad(indent + 2)}}`);
  return out;
}

/**
 * Lists are aligned on their longest common subsequence: common elements stay (scalars shown,
 * documents folded into a count), and between two common elements the removed and added ones are
 * paired as changes, the rest shown as removed or added — so one statement or action more or less
 * reads as just that.
 */
function diffList(before: unknown[], after: unknown[], indent: number, s: Style): string[] {
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
  let i = 0;
  let j = 0;
  for (const [bi, aj] of [...commonSubsequence(before, after), [before.length, after.length]]) {
    for (; i < bi && j < aj; i++, j++) item(diffLines(before[i], after[j], indent + 4, s), s.change('~ '));
    for (; i < bi; i++) item(valueLines(before[i], indent + 4, '-', s.remove), s.remove('- '));
    for (; j < aj; j++) item(valueLines(after[j], indent + 4, '+', s.add), s.add('+ '));
    if (i >= before.length) break;
    if (isObj(before[i]) || Array.isArray(before[i])) folded++;
    else item([scalar(before[i])], '  ');
    i++;
    j++;
  }
  fold();
  out.push(`${pad(indent + 2)}]`);
  return out;
}

/** Index pairs of a longest common subsequence of two lists (elements compared as JSON). */
function commonSubsequence(a: unknown[], b: unknown[]): [number, number][] {
  const ka = a.map((v) => JSON.stringify(v));
  const kb = b.map((v) => JSON.stringify(v));
  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = ka[i] === kb[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (ka[i] === kb[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}
