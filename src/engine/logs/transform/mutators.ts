import { AwsError } from '../../errors.js';
import type { AddKeys, CopyValue, ListToMap, MoveKeys, RenameKeys, WithKeys } from './config.js';
import { deletePath, getPath, setPath, type TransformEvent } from './event.js';
import { cloneJson, isObject, scalarText, type JObject, type Json } from './value.js';

/**
 * The JSON mutators: addKeys, deleteKeys, moveKeys, renameKeys, copyValue and listToMap. They
 * rearrange fields the parsers made; a key that is not there is simply left alone, and an existing
 * key is replaced only when the entry says `overwriteIfExists`.
 */

export function addKeys(event: TransformEvent, config: AddKeys): void {
  for (const e of config.entries) setPath(event.fields, e.key, e.value, e.overwriteIfExists ?? false);
}

export function deleteKeys(event: TransformEvent, config: WithKeys): void {
  for (const key of config.withKeys) deletePath(event.fields, key);
}

/**
 * Moves a value to a target key. As the documented example shows, a target that is an existing
 * object receives the value under the source's own key (`outer_key1.inner_key1` moved to
 * `outer_key2` becomes `outer_key2.inner_key1`).
 */
export function moveKeys(event: TransformEvent, config: MoveKeys): void {
  for (const e of config.entries) {
    const into = getPath(event.fields, e.target);
    const target = isObject(into) ? `${e.target}.${lastKey(e.source)}` : e.target;
    relocate(event.fields, e.source, target, e.overwriteIfExists ?? false);
  }
}

/** Renames a key: its value moves to `renameTo`, a path like every target. */
export function renameKeys(event: TransformEvent, config: RenameKeys): void {
  for (const e of config.entries) relocate(event.fields, e.key, e.renameTo, e.overwriteIfExists ?? false);
}

const lastKey = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/** Moves the value at `from` to `to`; a key is never moved into itself. */
function relocate(fields: JObject, from: string, to: string, overwrite: boolean): void {
  if (to === from || to.startsWith(`${from}.`)) return;
  const value = getPath(fields, from);
  if (value === undefined || !setPath(fields, to, value, overwrite)) return;
  // Moving a value onto its own ancestor replaced the ancestor: the source is gone already.
  if (!from.startsWith(`${to}.`)) deletePath(fields, from);
}

/** Copies values, also of the metadata keys `@logGroupName`, `@logGroupStream`, `@accountId`, `@regionName`. */
export function copyValue(event: TransformEvent, config: CopyValue): void {
  for (const e of config.entries) {
    const value = event.readWithMetadata(e.source);
    if (value === undefined) continue;
    setPath(event.fields, e.target, cloneJson(value), e.overwriteIfExists ?? false);
  }
}

/** "You must specify this parameter if flatten is true" (message unverified). */
export function checkListToMap(config: ListToMap): void {
  if (config.flatten && config.flattenedElement === undefined) {
    throw new AwsError('InvalidParameterException', 'flattenedElement must be specified when flatten is true.');
  }
}

/**
 * Turns a list of objects into a map keyed by each object's `key` field. Values are lists of the
 * objects (or of their `valueKey` field) sharing a key; `flatten` keeps only the first or last.
 */
export function listToMap(event: TransformEvent, config: ListToMap): void {
  const list = getPath(event.fields, config.source);
  if (!Array.isArray(list)) return;
  const grouped: JObject = new Map();
  for (const item of list) {
    if (!isObject(item)) continue;
    const key = scalarText(item.get(config.key) ?? null);
    const value = config.valueKey === undefined ? item : item.get(config.valueKey);
    if (key === undefined || value === undefined) continue;
    const seen = grouped.get(key);
    if (Array.isArray(seen)) seen.push(cloneJson(value));
    else grouped.set(key, [cloneJson(value)]);
  }
  const map: JObject = new Map();
  for (const [k, values] of grouped as Map<string, Json[]>) {
    map.set(k, !config.flatten ? values : config.flattenedElement === 'last' ? values[values.length - 1]! : values[0]!);
  }
  if (config.target === undefined) for (const [k, v] of map) event.fields.set(k, v);
  else setPath(event.fields, config.target, map, true);
}
