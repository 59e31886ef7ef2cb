import { ALL_KINDS } from '../kinds/index.js';
import { str, strings, type Field, type ObjectField } from '../model/schema.js';
import { BUILTIN_RULES } from './evaluate.js';

/** What every rule takes beside its own parameters: how much it matters, and which names it covers. */
const COMMON: Record<string, Field> = {
  severity: str('error (the default) fails plan, validate and audit; warning only reports.', { enum: ['error', 'warning'] }),
  names: strings('Resource names (globs: * any characters, ? one) the rule covers; default all.'),
  excludeNames: strings('Resource names (globs) the rule leaves out.'),
};

const builtinField = (name: string): Field => {
  const rule = BUILTIN_RULES.get(name)!;
  const aws = rule.identifier ? ` (AWS Config ${rule.identifier})` : ' (logwarden\'s own)';
  return { kind: 'object', doc: `${rule.doc}${aws}`, fields: { ...COMMON, ...rule.parameters } };
};

const customField: ObjectField = {
  kind: 'object',
  doc: 'A custom rule: resources of a kind, by name glob, must (not) have attribute values.',
  fields: {
    kind: str('The kind of resource the rule reads, as the plan names kinds.', { enum: [...ALL_KINDS], required: true }),
    ...COMMON,
    description: str('What the rule is for (shown with its violations).'),
    require: { kind: 'json', doc: 'Attribute path (dotted: tags.team) → a value, or a list of values, one of which it must have; strings are globs, "*" any value, null absent.' },
    forbid: { kind: 'json', doc: 'Attribute path → a value, or a list of values, it must not have.' },
  },
};

/** The `guardrails:` section of a manifest: built-in rules by AWS Config name, and custom rules. */
export const GUARDRAILS_FIELD: ObjectField = {
  kind: 'object',
  doc: 'Checks of the configuration at plan and validate time, and of the target by `logwarden audit`.',
  fields: {
    rules: {
      kind: 'object',
      doc: 'Built-in rules, named as AWS Config\'s managed rules; present = on ({} for the defaults).',
      fields: Object.fromEntries([...BUILTIN_RULES.keys()].map((name) => [name, builtinField(name)])),
    },
    custom: { kind: 'map', doc: 'Custom rules by name.', values: customField },
  },
};
