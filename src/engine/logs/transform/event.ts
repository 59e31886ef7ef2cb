import { isObject, type JObject, type Json } from './value.js';

/** Where an event was ingested: what copyValue's metadata keys and dateTimeConverter's clock read. */
export interface TransformContext {
  accountId: string;
  region: string;
  /** Engine time, epoch milliseconds (a date pattern without a year means this year). */
  now: number;
  /** Absent in TestTransformer, which runs on no log group. */
  logGroupName?: string;
  logStreamName?: string;
}

/**
 * A processor could not transform the event (unparseable input, an impossible conversion): the
 * whole transformation fails, which AWS records as the event's `@transformationError`.
 */
export class TransformFailure extends Error {}

/** The source every parser reads unless told otherwise: the original message. */
export const MESSAGE = '@message';

/** The metadata keys copyValue documents, and the context member each one reads. */
const METADATA: ReadonlyMap<string, keyof TransformContext> = new Map([
  ['@logGroupName', 'logGroupName'],
  ['@logGroupStream', 'logStreamName'],
  ['@accountId', 'accountId'],
  ['@regionName', 'region'],
] as const);

/**
 * One log event on its way through a transformer: the original message (never changed) and the
 * fields the processors have built so far, which become the transformed message.
 */
export class TransformEvent {
  readonly fields: JObject = new Map();

  constructor(
    readonly message: string,
    readonly context: TransformContext,
  ) {}

  /** The value at a source path; `@message` is the original message. */
  read(source: string): Json | undefined {
    return source === MESSAGE ? this.message : getPath(this.fields, source);
  }

  /** A metadata key's value (`@logGroupName`, …), or a path of the event. */
  readWithMetadata(source: string): Json | undefined {
    const member = METADATA.get(source);
    if (member === undefined) return this.read(source);
    const v = this.context[member];
    return typeof v === 'string' ? v : undefined;
  }
}

/** A dotted path's segments: `a.b.c` is key `c` of object `b` of object `a`. */
export const segments = (path: string): string[] => path.split('.');

/** How deep a dotted key reaches (the documented limit is 3). */
export const keyDepth = (path: string): number => segments(path).length;

export function getPath(root: JObject, path: string): Json | undefined {
  let at: Json | undefined = root;
  for (const key of segments(path)) {
    if (!isObject(at)) return undefined;
    at = at.get(key);
  }
  return at;
}

/** The object that holds a path's last key, created on the way when `create`; undefined if blocked. */
function parentOf(root: JObject, path: string, create: boolean): { parent: JObject; key: string } | undefined {
  const keys = segments(path);
  let at = root;
  for (const key of keys.slice(0, -1)) {
    const next = at.get(key);
    if (isObject(next)) {
      at = next;
    } else if (next === undefined && create) {
      const made: JObject = new Map();
      at.set(key, made);
      at = made;
    } else {
      return undefined;
    }
  }
  return { parent: at, key: keys[keys.length - 1]! };
}

/**
 * Writes a value at a path, creating missing parent objects. An existing value stays unless
 * `overwrite`; a parent that is not an object blocks the write. Says whether it wrote.
 */
export function setPath(root: JObject, path: string, value: Json, overwrite: boolean): boolean {
  const slot = parentOf(root, path, true);
  if (!slot || (slot.parent.has(slot.key) && !overwrite)) return false;
  slot.parent.set(slot.key, value);
  return true;
}

/** Removes a path's value; its parent object stays, even when left empty. */
export function deletePath(root: JObject, path: string): Json | undefined {
  const slot = parentOf(root, path, false);
  if (!slot || !slot.parent.has(slot.key)) return undefined;
  const v = slot.parent.get(slot.key);
  slot.parent.delete(slot.key);
  return v;
}

/** Merges parsed fields into a destination: the root when none is given, else an object at a path. */
export function writeFields(event: TransformEvent, fields: JObject, destination: string | undefined, overwrite: boolean): void {
  if (destination === undefined) {
    for (const [k, v] of fields) if (overwrite || !event.fields.has(k)) event.fields.set(k, v);
    return;
  }
  setPath(event.fields, destination, fields, overwrite);
}
