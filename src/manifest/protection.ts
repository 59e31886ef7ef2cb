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
