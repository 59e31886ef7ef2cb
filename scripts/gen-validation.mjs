#!/usr/bin/env node
// Generates the engine's input-validation tables from the official Smithy models in
// ../shared/aws-models/. Output is checked in (src/engine/validation/*.gen.ts); rerun after a model
// update:  node scripts/gen-validation.mjs [path/to/aws-models]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const models = resolve(process.argv[2] ?? join(root, '..', 'shared', 'aws-models'));

/**
 * CloudTrail answers a constraint violation of these top-level input members with the member's own
 * error instead of the generic InvalidParameterException, in the operations that declare that error
 * (each error shape's documentation says which input it is about). `tooMany`: the error for more
 * items than the member's length allows, where declared (TagsLimitExceededException: "the number
 * of tags … has exceeded the permitted amount"); otherwise `error` covers it too
 * (InvalidTagParameterException: "… or too many tags on the resource").
 */
const CLOUDTRAIL_MEMBER_ERRORS = {
  Name: { error: 'InvalidTrailNameException' },
  TrailName: { error: 'InvalidTrailNameException' },
  MaxResults: { error: 'InvalidMaxResultsException' },
  MaxQueryResults: { error: 'InvalidMaxResultsException' },
  NextToken: { error: 'InvalidNextTokenException' },
  LookupAttributes: { error: 'InvalidLookupAttributesException' },
  EventCategory: { error: 'InvalidEventCategoryException' },
  EventSelectors: { error: 'InvalidEventSelectorsException' },
  AdvancedEventSelectors: { error: 'InvalidEventSelectorsException' },
  InsightSelectors: { error: 'InvalidInsightSelectorsException' },
  TagsList: { error: 'InvalidTagParameterException', tooMany: 'TagsLimitExceededException' },
  Tags: { error: 'InvalidTagParameterException', tooMany: 'TagsLimitExceededException' },
};

/**
 * The services' models. Every operation of a model gets its table (the engine follows the current
 * models). `patternValue`: whether the service's pattern violations quote the value (recorded from
 * AWS: CloudWatch Logs leaves it out, `Value at 'logGroupIdentifier' failed to satisfy …`).
 */
const SERVICES = {
  logs: { file: 'cloudwatch-logs.smithy.json', patternValue: 'omitted', memberErrors: {} },
  cloudtrail: { file: 'cloudtrail.smithy.json', patternValue: 'shown', memberErrors: CLOUDTRAIL_MEMBER_ERRORS },
};

/** The member errors of one operation: the rules for members its input has, errors it declares. */
function memberErrorsOf(rules, inputShape, declared) {
  const out = {};
  for (const member of Object.keys(inputShape?.members ?? {})) {
    const rule = Object.hasOwn(rules, member) ? rules[member] : undefined;
    if (!rule || !declared.includes(rule.error)) continue;
    out[member] = { error: rule.error, ...(rule.tooMany && declared.includes(rule.tooMany) && { tooMany: rule.tooMany }) };
  }
  return out;
}

const local = (id) => id.slice(id.indexOf('#') + 1);
const PRELUDE = {
  String: 'string', Boolean: 'boolean', PrimitiveBoolean: 'boolean', Integer: 'integer',
  PrimitiveInteger: 'integer', Long: 'long', PrimitiveLong: 'long', Double: 'double', PrimitiveDouble: 'double',
  Float: 'float', PrimitiveFloat: 'float', Timestamp: 'timestamp', Blob: 'blob', Document: 'document', Unit: 'structure',
};

function generate(service, { file, patternValue, memberErrors }) {
  const model = JSON.parse(readFileSync(join(models, file), 'utf8')).shapes;
  const operations = Object.keys(model).filter((id) => model[id].type === 'operation').map(local).sort();
  const shapes = {};
  const t = (traits, name) => traits?.[`smithy.api#${name}`];

  // A member reference: the target plus the constraints in force (member traits override the target's).
  function ref(member) {
    const target = model[member.target];
    const traits = { ...target?.traits, ...member.traits };
    const r = { s: visit(member.target) };
    if (t(member.traits, 'required') !== undefined) r.required = true;
    const length = t(traits, 'length');
    if (length) r.length = [length.min ?? null, length.max ?? null];
    const range = t(traits, 'range');
    if (range) r.range = [range.min ?? null, range.max ?? null];
    const pattern = t(traits, 'pattern');
    if (pattern) r.pattern = pattern;
    if (target?.type === 'enum' || target?.type === 'intEnum') {
      r.enum = Object.entries(target.members).map(([k, m]) => t(m.traits, 'enumValue') ?? k);
    } else if (t(traits, 'enum')) {
      r.enum = t(traits, 'enum').map((e) => e.value);
    }
    return r;
  }

  // Registers a shape by its local name and returns that name (prelude shapes map to their kind).
  function visit(id) {
    const shape = model[id];
    if (!shape) return PRELUDE[local(id)] ?? local(id);
    const name = local(id);
    if (name in shapes) return name;
    shapes[name] = null; // reserve against recursion
    switch (shape.type) {
      case 'structure':
      case 'union': {
        const members = {};
        for (const [k, m] of Object.entries(shape.members ?? {})) members[k] = ref(m);
        shapes[name] = { type: shape.type, members };
        break;
      }
      case 'list':
      case 'set':
        shapes[name] = { type: 'list', member: ref(shape.member) };
        break;
      case 'map':
        shapes[name] = { type: 'map', key: ref(shape.key), value: ref(shape.value) };
        break;
      case 'enum':
        shapes[name] = { type: 'string' };
        break;
      case 'intEnum':
        shapes[name] = { type: 'integer' };
        break;
      default:
        shapes[name] = { type: shape.type };
    }
    return name;
  }

  const ops = {};
  for (const op of operations) {
    const id = Object.keys(model).find((k) => local(k) === op && model[k].type === 'operation');
    if (!id) throw new Error(`${service}: operation ${op} is not in ${file}`);
    const o = model[id];
    ops[op] = {
      input: o.input ? visit(o.input.target) : null,
      errors: (o.errors ?? []).map((e) => local(e.target)).sort(),
    };
    const pag = t(o.traits, 'paginated');
    if (pag) ops[op].paginated = pag;
    const own = memberErrorsOf(memberErrors, o.input && model[o.input.target], ops[op].errors);
    if (Object.keys(own).length > 0) ops[op].memberErrors = own;
  }

  const errors = {};
  for (const [id, s] of Object.entries(model)) {
    if (s.type !== 'structure' || !t(s.traits, 'error')) continue;
    errors[local(id)] = {
      fault: t(s.traits, 'error'),
      status: t(s.traits, 'httpError') ?? (t(s.traits, 'error') === 'server' ? 500 : 400),
    };
  }
  return { operations: ops, shapes, errors, patternValue };
}

for (const [service, spec] of Object.entries(SERVICES)) {
  const table = generate(service, spec);
  const out = join(root, 'src', 'engine', 'validation', `${service}.gen.ts`);
  writeFileSync(
    out,
    `// Generated by scripts/gen-validation.mjs from ../shared/aws-models/${spec.file}. Do not edit.\n` +
      `import type { ServiceTable } from './types.js';\n\n` +
      `export const ${service}Table: ServiceTable = ${JSON.stringify(table, null, 1)};\n`,
  );
  console.log(`${out}: ${Object.keys(table.operations).length} operations, ${Object.keys(table.shapes).length} shapes`);
}
