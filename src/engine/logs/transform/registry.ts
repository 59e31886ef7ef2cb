import type { Processor, ProcessorName } from './config.js';
import { checkDateTimeConverter, dateTimeConverter } from './datetime.js';
import type { TransformEvent } from './event.js';
import { checkGrok, grok } from './grok.js';
import { addKeys, checkListToMap, copyValue, deleteKeys, listToMap, moveKeys, renameKeys } from './mutators.js';
import { checkParseToOcsf, parseToOCSF } from './ocsf.js';
import { checkCsv, checkParseJSON, csv, parseJSON, parseKeyValue } from './parsers.js';
import { checkSubstituteString, lowerCaseString, splitString, substituteString, trimString, upperCaseString } from './strings.js';
import { typeConverter } from './types.js';
import { checkVendedSource, parseCloudfront, parsePostgres, parseRoute53, parseVPC, parseWAF } from './vended.js';

/**
 * Every processor of the model, by its member name in `Processor`: what kind it is (which decides
 * where a transformer may use it), how it transforms an event, its own PutTransformer rules, and
 * the keys its configuration names (held to the documented nesting depth of 3).
 */

/** `vended`: the built-in parsers of AWS vended logs, which must come first and alone. */
export type Family = 'parser' | 'vended' | 'processor';

export interface ProcessorSpec<C> {
  family: Family;
  apply(event: TransformEvent, config: C): void;
  /** Its own PutTransformer rules (throws AwsError); `position` is its index in the transformer. */
  check?(config: C, position: number): void;
  /** The dotted keys of the configuration that the nesting-depth limit applies to. */
  keys?(config: C): (string | undefined)[];
}

type Specs = { [N in ProcessorName]-?: ProcessorSpec<NonNullable<Processor[N]>> };

const SPECS: Specs = {
  parseJSON: { family: 'parser', apply: parseJSON, check: checkParseJSON, keys: (c) => [c.source, c.destination] },
  grok: { family: 'parser', apply: grok, check: checkGrok, keys: (c) => [c.source] },
  csv: { family: 'parser', apply: csv, check: checkCsv, keys: (c) => [c.source, c.destination, ...(c.columns ?? [])] },
  parseKeyValue: { family: 'parser', apply: parseKeyValue, keys: (c) => [c.source] },
  parseToOCSF: { family: 'parser', apply: parseToOCSF, check: checkParseToOcsf, keys: (c) => [c.source] },
  parseCloudfront: { family: 'vended', apply: parseCloudfront, check: checkVendedSource },
  parsePostgres: { family: 'vended', apply: parsePostgres, check: checkVendedSource },
  parseRoute53: { family: 'vended', apply: parseRoute53, check: checkVendedSource },
  parseVPC: { family: 'vended', apply: parseVPC, check: checkVendedSource },
  parseWAF: { family: 'vended', apply: parseWAF, check: checkVendedSource },
  lowerCaseString: { family: 'processor', apply: lowerCaseString },
  upperCaseString: { family: 'processor', apply: upperCaseString },
  trimString: { family: 'processor', apply: trimString },
  splitString: { family: 'processor', apply: splitString },
  substituteString: { family: 'processor', apply: substituteString, check: checkSubstituteString, keys: (c) => c.entries.map((e) => e.source) },
  addKeys: { family: 'processor', apply: addKeys, keys: (c) => c.entries.map((e) => e.key) },
  deleteKeys: { family: 'processor', apply: deleteKeys },
  moveKeys: { family: 'processor', apply: moveKeys, keys: (c) => c.entries.flatMap((e) => [e.source, e.target]) },
  renameKeys: { family: 'processor', apply: renameKeys, keys: (c) => c.entries.map((e) => e.renameTo) },
  copyValue: { family: 'processor', apply: copyValue, keys: (c) => c.entries.flatMap((e) => [e.source, e.target]) },
  listToMap: { family: 'processor', apply: listToMap, check: checkListToMap, keys: (c) => [c.source, c.target] },
  typeConverter: { family: 'processor', apply: typeConverter, keys: (c) => c.entries.map((e) => e.key) },
  dateTimeConverter: { family: 'processor', apply: dateTimeConverter, check: checkDateTimeConverter, keys: (c) => [c.target] },
};

/** The registry, keyed by member name (a Map: names come from caller input). */
const PROCESSORS: ReadonlyMap<ProcessorName, ProcessorSpec<unknown>> = new Map(
  Object.entries(SPECS) as [ProcessorName, ProcessorSpec<unknown>][],
);

/** The one processor type a Processor sets, or undefined when it sets none or several. */
export function processorOf(p: Processor): { name: ProcessorName; config: unknown; spec: ProcessorSpec<unknown> } | undefined {
  const set = [...PROCESSORS].filter(([name]) => p[name] !== undefined && p[name] !== null);
  if (set.length !== 1) return undefined;
  const [name, spec] = set[0]!;
  return { name, config: p[name], spec };
}
