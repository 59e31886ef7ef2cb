import { bool, type Field, type ObjectField } from '../model/schema.js';
import type { Manifest } from './load.js';
import { concreteScope } from './resolve.js';
import { scopeKey, type Scope } from '../model/scope.js';

/** `protected` of the log groups the manifests declare in a scope, where they set it. */
export function declaredProtection(manifest: Manifest, scope: Scope, defaults: Scope): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const part of manifest.scopes.values()) {
    if (scopeKey(concreteScope(part.declared, defaults)) !== scopeKey(scope)) continue;
    for (const [name, spec] of part.declarations.get('logGroup') ?? []) {
      const given = (spec as { protected?: unknown }).protected;
      if (typeof given === 'boolean') out.set(name, given);
    }
  }
  return out;
}

/**
 * A log group declaration's `protected`: logwarden's own setting, no AWS attribute (so no part of
 * the kind's value, nor of what guardrails check).
 */
export const PROTECTED_FIELD = bool(
  "logwarden's own guard of the group's stored events (default true): while on, a plan that deletes or replaces the group while it holds data needs --allow-destroy. Set it to false and apply to lift it; state remembers it after the declaration is removed.",
);

/** A log group's declaration schema with `protected` beside the kind's attributes. */
export const withProtectedField = (field: Field): Field => ({ ...(field as ObjectField), fields: { ...(field as ObjectField).fields, protected: PROTECTED_FIELD } });
