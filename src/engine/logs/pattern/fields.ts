/**
 * Splits a space-delimited log event into fields: runs of non-whitespace, except that text between
 * double quotes or between square brackets is one field (without its delimiters), as AWS documents.
 */

interface Field {
  value: string;
  start: number;
  end: number;
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

function nextField(message: string, from: number): Field | undefined {
  let start = from;
  while (start < message.length && isSpace(message.charCodeAt(start))) start++;
  if (start >= message.length) return undefined;
  const c = message.charAt(start);
  const closing = c === '"' ? '"' : c === '[' ? ']' : '';
  if (closing) {
    const close = message.indexOf(closing, start + 1);
    if (close >= 0) return { value: message.slice(start + 1, close), start, end: close + 1 };
    return { value: message.slice(start + 1), start, end: message.length };
  }
  let end = start;
  while (end < message.length && !isSpace(message.charCodeAt(end))) end++;
  return { value: message.slice(start, end), start, end };
}

/** Every field of the line. */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  for (let f = nextField(message, 0); f; f = nextField(message, f.end)) fields.push(f.value);
  return fields;
}

/**
 * The first `count` fields, the last of them taking the rest of the line — a pattern without an
 * ellipsis ends with a field that absorbs whatever follows (`[w1=ERROR, w2]`). Undefined when the
 * line has fewer fields.
 */
export function splitFieldsWithRest(message: string, count: number): string[] | undefined {
  const fields: string[] = [];
  let pos = 0;
  while (fields.length < count - 1) {
    const f = nextField(message, pos);
    if (!f) return undefined;
    fields.push(f.value);
    pos = f.end;
  }
  const last = nextField(message, pos);
  if (!last) return undefined;
  const rest = message.slice(last.start).trimEnd();
  // A single remaining field keeps its own unwrapped value; several are kept as written.
  fields.push(last.start + rest.length === last.end ? last.value : rest);
  return fields;
}
