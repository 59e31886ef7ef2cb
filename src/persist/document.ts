import { readFileSync } from 'node:fs';

/**
 * Reads a versioned JSON state document (the engine's world, logwarden's ownership state). A file
 * that does not parse, or parses into something else, is an error that says which. `formats`
 * names the formats the reader knows, for the message.
 */
export function readJsonDocument<T>(file: string, kind: string, isValid: (doc: T) => boolean, formats = '1'): T {
  let doc: T;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${file} is not a readable ${kind}: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || !isValid(doc)) {
    throw new Error(`${file} is not ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} of format ${formats}`);
  }
  return doc;
}
