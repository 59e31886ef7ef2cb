#!/usr/bin/env node
// Generates the engine's input-validation tables from the official Smithy models in
// ../shared/aws-models/. Output is checked in (src/engine/validation/*.gen.ts); rerun after a model
// update:  node scripts/gen-validation.mjs [path/to/aws-models]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const models = resolve(process.argv[2] ?? join(root, '..', 'shared', 'aws-models'));

/** The operations the engine implements, per service (the seed documents' lists). */
const SERVICES = {
  logs: {
    file: 'cloudwatch-logs.smithy.json',
    operations: [
      'AssociateKmsKey', 'CancelExportTask', 'CreateExportTask', 'CreateLogGroup', 'CreateLogStream',
      'DeleteDestination', 'DeleteLogGroup', 'DeleteLogStream', 'DeleteMetricFilter', 'DeleteResourcePolicy',
      'DeleteRetentionPolicy', 'DeleteSubscriptionFilter', 'DescribeDestinations', 'DescribeExportTasks',
      'DescribeLogGroups', 'DescribeLogStreams', 'DescribeMetricFilters', 'DescribeResourcePolicies',
      'DescribeSubscriptionFilters', 'DisassociateKmsKey', 'FilterLogEvents', 'GetLogEvents', 'ListTagsLogGroup',
      'PutDestination', 'PutDestinationPolicy', 'PutLogEvents', 'PutMetricFilter', 'PutResourcePolicy',
      'PutRetentionPolicy', 'PutSubscriptionFilter', 'TagLogGroup', 'TestMetricFilter', 'UntagLogGroup',
      'PutDataProtectionPolicy', 'GetDataProtectionPolicy', 'DeleteDataProtectionPolicy', 'TagResource',
      'UntagResource', 'ListTagsForResource',
    ],
  },
  cloudtrail: {
    file: 'cloudtrail.smithy.json',
    operations: [
      'AddTags', 'CancelQuery', 'CreateEventDataStore', 'CreateTrail', 'DeleteEventDataStore', 'DeleteTrail',
      'DescribeQuery', 'DescribeTrails', 'GetChannel', 'GetEventDataStore', 'GetEventSelectors', 'GetImport',
      'GetInsightSelectors', 'GetQueryResults', 'GetTrail', 'GetTrailStatus', 'ListChannels',
      'ListEventDataStores', 'ListImportFailures', 'ListImports', 'ListPublicKeys', 'ListQueries', 'ListTags',
      'ListTrails', 'LookupEvents', 'PutEventSelectors', 'PutInsightSelectors', 'RemoveTags',
      'RestoreEventDataStore', 'StartImport', 'StartLogging', 'StartQuery', 'StopImport', 'StopLogging',
      'UpdateEventDataStore', 'UpdateTrail',
    ],
  },
};

const local = (id) => id.slice(id.indexOf('#') + 1);
const PRELUDE = {
  String: 'string', Boolean: 'boolean', PrimitiveBoolean: 'boolean', Integer: 'integer',
  PrimitiveInteger: 'integer', Long: 'long', PrimitiveLong: 'long', Double: 'double', PrimitiveDouble: 'double',
  Float: 'float', PrimitiveFloat: 'float', Timestamp: 'timestamp', Blob: 'blob', Document: 'document', Unit: 'structure',
};

function generate(service, { file, operations }) {
  const model = JSON.parse(readFileSync(join(models, file), 'utf8')).shapes;
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
  }

  const errors = {};
  for (const [id, s] of Object.entries(model)) {
    if (s.type !== 'structure' || !t(s.traits, 'error')) continue;
    errors[local(id)] = {
      fault: t(s.traits, 'error'),
      status: t(s.traits, 'httpError') ?? (t(s.traits, 'error') === 'server' ? 500 : 400),
    };
  }
  return { operations: ops, shapes, errors };
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
