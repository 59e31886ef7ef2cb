import { AwsError } from '../../errors.js';
import type { Processor, ProcessorName } from './config.js';
import { keyDepth } from './event.js';
import { processorOf, type ProcessorSpec } from './registry.js';

/**
 * The rules PutTransformer and TestTransformer enforce on a whole configuration, from "Create
 * and manage log transformers": the first processor is a parser; at most five parsers; a parser
 * of AWS vended logs comes first and alone; one grok, one addKeys, one copyValue (and, as the CDK
 * also enforces, one parseToOCSF); keys nest at most three deep. AWS does not publish its messages
 * for these rules, so the messages here are unverified, written in its style.
 */

const MAX_PARSERS = 5;
const MAX_KEY_DEPTH = 3;
const ONLY_ONE: readonly ProcessorName[] = ['grok', 'addKeys', 'copyValue', 'parseToOCSF'];

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

interface Step {
  name: ProcessorName;
  config: unknown;
  spec: ProcessorSpec<unknown>;
}

export function checkTransformerConfig(config: readonly Processor[]): void {
  const steps = config.map((p, i): Step => {
    const step = processorOf(p);
    if (!step) throw invalid(`Processor ${i + 1} of the transformer must specify exactly one processor type.`);
    return step;
  });
  checkOrder(steps);
  checkCounts(steps);
  steps.forEach((s, i) => {
    s.spec.check?.(s.config, i);
    checkKeyDepth(s);
  });
}

function checkOrder(steps: readonly Step[]): void {
  if (steps[0]!.spec.family === 'processor') {
    throw invalid(`The first processor in a transformer must be a parser; ${steps[0]!.name} is not a parser.`);
  }
  steps.forEach((s, i) => {
    if (s.spec.family === 'vended' && i > 0) throw invalid(`The ${s.name} processor must be the first processor in the transformer.`);
  });
}

function checkCounts(steps: readonly Step[]): void {
  const parsers = steps.filter((s) => s.spec.family !== 'processor').length;
  if (parsers > MAX_PARSERS) throw invalid(`A transformer can include at most ${MAX_PARSERS} parser-type processors; this one has ${parsers}.`);
  for (const name of ONLY_ONE) {
    if (steps.filter((s) => s.name === name).length > 1) throw invalid(`A transformer can include only one ${name} processor.`);
  }
}

function checkKeyDepth({ name, config, spec }: Step): void {
  for (const key of spec.keys?.(config) ?? []) {
    if (key !== undefined && keyDepth(key) > MAX_KEY_DEPTH) {
      throw invalid(`The key '${key}' in the ${name} processor is nested more than ${MAX_KEY_DEPTH} levels deep.`);
    }
  }
}
