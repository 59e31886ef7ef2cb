import { BUILTIN_RULES } from '../guardrails/evaluate.js';
import type { Condition, RuleInstance, Severity } from '../guardrails/types.js';
import { kindSpec, type ResourceKind } from '../kinds/index.js';
import { formatSource, type Diagnostic, type SourceRange } from '../model/diagnostics.js';
import type { Json } from '../model/resources.js';
import type { Manifest } from './load.js';
import { describe, didYouMean, pathKey, type SourceMap } from './read.js';

/** The `guardrails:` sections of every file, merged: each rule's settings by name, as read. */
export interface GuardrailDeclarations {
  rules: Map<string, Record<string, unknown>>;
  custom: Map<string, Record<string, unknown>>;
  /** Where each setting was configured (`['guardrails', 'rules', name, …]` → file:line:col). */
  sources: SourceMap;
}

export const emptyGuardrails = (): GuardrailDeclarations => ({ rules: new Map(), custom: new Map(), sources: new Map() });

type Section = 'rules' | 'custom';

/** One document's `guardrails:` into the manifest; a rule configured twice is an error naming both places. */
export function mergeGuardrails(manifest: Manifest, read: unknown, declared: Map<string, SourceRange>, documentSources: SourceMap): void {
  const section = (read ?? {}) as Partial<Record<Section, Record<string, Record<string, unknown>>>>;
  const sources = manifest.guardrails.sources;
  for (const [key, at] of documentSources) if (key.startsWith('["guardrails"')) sources.set(key, at);
  for (const kind of ['rules', 'custom'] as const) {
    for (const [name, settings] of Object.entries(section[kind] ?? {})) {
      const here = documentSources.get(pathKey(['guardrails', kind, name]));
      const first = declared.get(`guardrails.${kind}:${name}`);
      if (first && here) {
        manifest.diagnostics.push({ severity: 'error', summary: `guardrails.${kind} '${name}' is configured twice: at ${formatSource(first)} and at ${formatSource(here)}`, source: here });
        sources.set(pathKey(['guardrails', kind, name]), first);
        continue;
      }
      if (here) declared.set(`guardrails.${kind}:${name}`, here);
      manifest.guardrails[kind].set(name, settings);
    }
  }
}

/** The configured rules, ready to evaluate; a custom rule's mistakes are diagnostics at its lines. */
export function resolveGuardrails(manifest: Manifest): { rules: RuleInstance[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]) => manifest.guardrails.sources.get(pathKey(path));
  const rules: RuleInstance[] = [];
  for (const [name, settings] of manifest.guardrails.rules) {
    if (!BUILTIN_RULES.has(name)) continue;
    const { severity, names, excludeNames, ...parameters } = settings;
    rules.push({ ...common(severity, names, excludeNames), name, parameters, source: at(['guardrails', 'rules', name]) });
  }
  for (const [name, settings] of manifest.guardrails.custom) {
    const path = ['guardrails', 'custom', name];
    const fail = (summary: string, member: string) => diagnostics.push({ severity: 'error', summary, source: at([...path, member]) ?? at(path) });
    const kind = settings.kind as ResourceKind;
    const require = conditions(settings.require, kind, [...path, 'require'], fail);
    const forbid = conditions(settings.forbid, kind, [...path, 'forbid'], fail);
    if (require.length + forbid.length === 0) fail(`custom rule '${name}' checks nothing: give it 'require' or 'forbid'`, 'kind');
    const description = typeof settings.description === 'string' ? { description: settings.description } : {};
    rules.push({ ...common(settings.severity, settings.names, settings.excludeNames), name, custom: { kind, require, forbid }, ...description, source: at(path) });
  }
  return { rules, diagnostics };
}

function common(severity: unknown, names: unknown, excludeNames: unknown) {
  return { severity: (severity ?? 'error') as Severity, names: (names ?? []) as string[], excludeNames: (excludeNames ?? []) as string[] };
}

/**
 * A custom rule's `require` or `forbid`: attribute path → a value or a list of values. The path's
 * first segment must be an attribute of the kind (with a suggestion when it is not).
 */
function conditions(given: unknown, kind: ResourceKind, path: (string | number)[], fail: (summary: string, member: string) => void): Condition[] {
  if (given === undefined) return [];
  const member = String(path[path.length - 1]);
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    fail(`${describe(path)} must be a mapping of attribute paths to values`, member);
    return [];
  }
  const fields = kindSpec(kind).fields;
  const attributes = fields.kind === 'object' ? Object.keys(fields.fields) : undefined;
  const out: Condition[] = [];
  for (const [attribute, value] of Object.entries(given as Record<string, Json>)) {
    const head = attribute.split('.')[0]!;
    if (attributes && !attributes.includes(head)) {
      const hint = didYouMean(head, attributes);
      fail(`${describe(path)}: '${head}' is not an attribute of a ${kindSpec(kind).noun}${hint ? `; did you mean '${hint}'?` : ''} (attributes: ${attributes.join(', ')})`, member);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some((v) => v !== null && typeof v === 'object')) {
      fail(`${describe([...path, attribute])} must be a value (string, number, true/false, null) or a list of them`, member);
      continue;
    }
    out.push({ path: attribute, values });
  }
  return out;
}
