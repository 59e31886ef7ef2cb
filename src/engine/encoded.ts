/**
 * Output pieces encoded once. A Describe* page is mostly the same views call after call; a view
 * that did not change is returned as the very object of the previous call, with its JSON bytes
 * kept beside it, and the protocol layer splices those bytes into the response instead of
 * stringifying the view again. Shared views are frozen, so no caller can change one.
 */
const encodings = new WeakMap<object, Buffer>();

/** Views of records, one per record, reused while every member is the same. */
export class SharedViews<R extends object, V extends object> {
  private readonly last = new WeakMap<R, V>();

  /** `view` (just built for `record`), or the equal one returned before. Members must be primitives. */
  share(record: R, view: V): V {
    const before = this.last.get(record);
    if (before && sameMembers(before, view)) return before;
    encodings.set(Object.freeze(view), Buffer.from(JSON.stringify(view)));
    this.last.set(record, view);
    return view;
  }
}

function sameMembers(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

const isSharedList = (value: unknown): value is object[] =>
  Array.isArray(value) && value.length > 0 && encodings.has(value[0] as object);

/**
 * An operation's output as JSON bytes, exactly as `JSON.stringify` writes it, with the shared views
 * in its top-level lists spliced in from their encodings.
 */
export function encodeJson(output: object): Buffer {
  const members = Object.entries(output);
  if (!members.some(([, value]) => isSharedList(value))) return Buffer.from(JSON.stringify(output));
  const parts: Buffer[] = [];
  let text = '{';
  let first = true;
  for (const [key, value] of members) {
    const shared = isSharedList(value);
    const json = shared ? '' : JSON.stringify(value);
    if (json === undefined) continue; // undefined members are left out, as JSON.stringify does
    text += `${first ? '' : ','}${JSON.stringify(key)}:${json}`;
    first = false;
    if (!shared) continue;
    parts.push(Buffer.from(text));
    text = '';
    value.forEach((item, i) => parts.push(i === 0 ? OPEN : COMMA, encodings.get(item) ?? Buffer.from(JSON.stringify(item) ?? 'null')));
    parts.push(CLOSE);
  }
  parts.push(Buffer.from(`${text}}`));
  return Buffer.concat(parts);
}
