import { childKinds, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import type { Declaration, MemberPath, Scope } from '../kinds/types.js';
import { addressKey, type Address } from '../model/address.js';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import { emptyResourceSet, putResource, type Externals, type ResourceSet } from '../model/resources.js';
import { formatSource } from '../model/diagnostics.js';
import { parseScopeKey, scopeKey } from '../model/scope.js';
import type { Manifest, ScopeManifest } from './load.js';
import { pathKey, type SourceMap } from './read.js';
import type { DeclaredScope } from './scope.js';

/** The desired state of a manifest, in the kinds' canonical forms, with a way back to the YAML. */
export interface Desired {
  resources: ResourceSet;
  /** Every name declared per top-level kind in this scope, valid or not. */
  declared: Map<ResourceKind, Set<string>>;
  externals: Externals;
  diagnostics: Diagnostic[];
  /** Where a resource (or one of its members) is declared. */
  sourceOf(address: Address, member?: string): SourceRange | undefined;
}

type Path = (string | number)[];

/** The scope a declared scope stands for: what it leaves out is the default's (the target's own). */
export const concreteScope = (declared: DeclaredScope, defaults: Scope): Scope => ({ account: declared.account ?? defaults.account, region: declared.region ?? defaults.region });

/** Every scope the manifests place resources in. */
export function scopesOf(manifest: Manifest, defaults: Scope): Scope[] {
  const keys = new Set([...manifest.scopes.values()].map((s) => scopeKey(concreteScope(s.declared, defaults))));
  return [...keys].map(parseScopeKey).sort((a, b) => (a.account === b.account ? (a.region < b.region ? -1 : 1) : a.account < b.account ? -1 : 1));
}

/**
 * Builds the desired resources of one scope (`defaults`: what the manifests leave out, normally the
 * target's own account and region): every declaration through its kind's `resolve`, nested ones
 * below their parents. A name declared in two places that end up in one scope is an error naming both.
 */
export function resolveManifest(manifest: Manifest, scope: Scope, defaults: Scope = scope): Desired {
  const parts = [...manifest.scopes.values()].filter((s) => scopeKey(concreteScope(s.declared, defaults)) === scopeKey(scope));
  const resources = emptyResourceSet();
  const diagnostics: Diagnostic[] = [];
  const paths = new Map<string, { path: Path; sources: SourceMap }>();
  let sources: SourceMap = new Map();
  const at = (path: Path, map = sources) => map.get(pathKey(path));
  const fail = (address: Address, path: Path, summary: string) => diagnostics.push({ severity: 'error', summary, address, source: at(path) });
  const isDeclared = (kind: string, name: string, where: Scope = scope) =>
    [...manifest.scopes.values()].some((p) => scopeKey(concreteScope(p.declared, defaults)) === scopeKey(where) && (p.names.get(kind as ResourceKind)?.has(name) ?? false));
  const accountId = (idOrAlias: string) => (/^\d{12}$/.test(idOrAlias) ? idOrAlias : manifest.settings.accounts.get(idOrAlias)?.id);

  const resolveOne = (kind: ResourceKind, decl: Declaration, path: Path) => {
    const spec = kindSpec(kind);
    const address: Address = { kind, name: decl.name, ...(decl.parent !== undefined ? { parent: decl.parent } : {}) };
    paths.set(addressKey(address), { path, sources });
    const value = spec.resolve(decl, {
      ...scope,
      defaultTags: manifest.defaultTags,
      isDeclared,
      accountId,
      fail: (summary, member) => fail(address, member === undefined ? path : [...path, ...(typeof member === 'string' ? [member] : (member as MemberPath))], summary),
    });
    if (value !== undefined) putResource(resources, address, value);
    for (const child of childKinds(kind)) resolveChildren(child, decl, path);
  };

  const resolveChildren = (kind: ResourceKind, parent: Declaration, parentPath: Path) => {
    const spec = kindSpec(kind);
    if (!Object.hasOwn(parent.spec as object, spec.section)) return;
    const given = (parent.spec as Record<string, unknown>)[spec.section];
    const path = [...parentPath, spec.section];
    if (spec.nesting === 'single') return resolveOne(kind, { name: parent.name, parent: parent.name, spec: given }, path);
    const entries = Object.entries(given as Record<string, unknown>);
    if (spec.limit?.per === 'parent' && entries.length > spec.limit.max) {
      const parentSpec = kindSpec(spec.parent!);
      // point at the first one over the limit
      fail({ kind: spec.parent!, name: parent.name }, [...path, entries[spec.limit.max]![0]], `${parentSpec.noun} '${parent.name}' declares ${entries.length} ${spec.section}; AWS allows at most ${spec.limit.max} per ${parentSpec.noun}`);
    }
    for (const [key, value] of entries) resolveOne(kind, { name: `${parent.name}/${key}`, key, parent: parent.name, spec: value }, [...path, key]);
  };

  for (const kind of TOP_LEVEL_KINDS) {
    const spec = kindSpec(kind);
    const declarations = declarationsOf(parts, kind, spec.section, diagnostics);
    if (spec.limit?.per === 'region' && declarations.length > spec.limit.max) {
      const { name, part } = declarations[spec.limit.max]!;
      sources = part.sources;
      fail({ kind, name }, [spec.section, name], `the manifests declare ${declarations.length} ${spec.section} in ${scope.account} ${scope.region}; AWS allows at most ${spec.limit.max} per region`);
    }
    for (const { name, value, part } of declarations) {
      sources = part.sources;
      resolveOne(kind, { name, spec: value }, [spec.section, name]);
    }
  }

  return {
    resources,
    declared: new Map(TOP_LEVEL_KINDS.map((k) => [k, new Set(parts.flatMap((p) => [...p.names.get(k)!]))])),
    externals: externals(mergedExternals(parts)),
    diagnostics,
    sourceOf(address, member) {
      const where = paths.get(addressKey(address));
      if (!where) return undefined;
      return (member !== undefined ? at([...where.path, member], where.sources) : undefined) ?? at(where.path, where.sources);
    },
  };
}

/** The declarations of a kind across the parts of one scope; one name in two parts is reported (the first wins). */
function declarationsOf(parts: ScopeManifest[], kind: ResourceKind, section: string, diagnostics: Diagnostic[]) {
  const out: { name: string; value: unknown; part: ScopeManifest }[] = [];
  const first = new Map<string, ScopeManifest>();
  for (const part of parts) {
    for (const [name, value] of part.declarations.get(kind)!) {
      const earlier = first.get(name);
      if (earlier) {
        const a = earlier.sources.get(pathKey([section, name]));
        const b = part.sources.get(pathKey([section, name]));
        diagnostics.push({ severity: 'error', summary: `${section} '${name}' is declared twice for the same account and region: at ${a ? formatSource(a) : '?'} and at ${b ? formatSource(b) : '?'}`, source: b });
        continue;
      }
      first.set(name, part);
      out.push({ name, value, part });
    }
  }
  return out;
}

function mergedExternals(parts: ScopeManifest[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const part of parts) for (const [k, v] of Object.entries(part.externals)) (out[k] ??= []).push(...v);
  return out;
}

function externals(raw: Record<string, unknown[]>): Externals {
  const list = (k: string) => [...new Set((raw[k] ?? []) as string[])];
  return {
    s3Buckets: list('s3Buckets'),
    kmsKeys: ((raw.kmsKeys ?? []) as { arn: string; enabled?: boolean }[]).map((k) => ({ arn: k.arn, enabled: k.enabled ?? true })),
    iamRoles: list('iamRoles'),
    kinesisStreams: list('kinesisStreams'),
    firehoseStreams: list('firehoseStreams'),
    lambdaFunctions: list('lambdaFunctions'),
    snsTopics: list('snsTopics'),
    resources: list('resources'),
  };
}
