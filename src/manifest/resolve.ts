import { childKinds, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import type { Declaration, MemberPath, Scope } from '../kinds/types.js';
import { addressKey, type Address } from '../model/address.js';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import { emptyResourceSet, putResource, type Externals, type ResourceSet } from '../model/resources.js';
import type { Manifest } from './load.js';
import { pathKey } from './read.js';

/** The desired state of a manifest, in the kinds' canonical forms, with a way back to the YAML. */
export interface Desired {
  resources: ResourceSet;
  externals: Externals;
  diagnostics: Diagnostic[];
  /** Where a resource (or one of its members) is declared. */
  sourceOf(address: Address, member?: string): SourceRange | undefined;
}

type Path = (string | number)[];

/** Builds the desired resources: every declaration through its kind's `resolve`, nested ones below their parents. */
export function resolveManifest(manifest: Manifest, scope: Scope): Desired {
  const resources = emptyResourceSet();
  const diagnostics: Diagnostic[] = [];
  const paths = new Map<string, Path>();
  const at = (path: Path) => manifest.sources.get(pathKey(path));
  const fail = (address: Address, path: Path, summary: string) => diagnostics.push({ severity: 'error', summary, address, source: at(path) });

  const resolveOne = (kind: ResourceKind, decl: Declaration, path: Path) => {
    const spec = kindSpec(kind);
    const address: Address = { kind, name: decl.name, ...(decl.parent !== undefined ? { parent: decl.parent } : {}) };
    paths.set(addressKey(address), path);
    const value = spec.resolve(decl, {
      ...scope,
      defaultTags: manifest.defaultTags,
      isDeclared: (k, name) => manifest.declared.get(k as ResourceKind)?.has(name) ?? false,
      fail: (summary, member) => fail(address, member === undefined ? path : [...path, ...(typeof member === 'string' ? [member] : (member as MemberPath))], summary),
    });
    if (value !== undefined) putResource(resources, address, value);
    for (const child of childKinds(kind)) resolveChildren(child, decl, path);
  };

  const resolveChildren = (kind: ResourceKind, parent: Declaration, parentPath: Path) => {
    const spec = kindSpec(kind);
    const given = (parent.spec as Record<string, unknown>)[spec.section];
    if (given === undefined || !Object.hasOwn(parent.spec as object, spec.section)) return;
    const path = [...parentPath, spec.section];
    if (spec.nesting === 'single') return resolveOne(kind, { name: parent.name, parent: parent.name, spec: given }, path);
    const entries = Object.entries(given as Record<string, unknown>);
    if (spec.limit?.per === 'parent' && entries.length > spec.limit.max) {
      const parentSpec = kindSpec(kindSpec(kind).parent!);
      // point at the first one over the limit
      fail({ kind: spec.parent!, name: parent.name }, [...path, entries[spec.limit.max]![0]], `${parentSpec.noun} '${parent.name}' declares ${entries.length} ${spec.section}; AWS allows at most ${spec.limit.max} per ${parentSpec.noun}`);
    }
    for (const [key, value] of entries) resolveOne(kind, { name: `${parent.name}/${key}`, key, parent: parent.name, spec: value }, [...path, key]);
  };

  for (const kind of TOP_LEVEL_KINDS) {
    const spec = kindSpec(kind);
    const declarations = [...manifest.declarations.get(kind)!];
    if (spec.limit?.per === 'region' && declarations.length > spec.limit.max) {
      const [name] = declarations[spec.limit.max]!;
      fail({ kind, name }, [spec.section, name], `the manifests declare ${declarations.length} ${spec.section}; AWS allows at most ${spec.limit.max} per region`);
    }
    for (const [name, value] of declarations) resolveOne(kind, { name, spec: value }, [spec.section, name]);
  }

  return {
    resources,
    externals: externals(manifest.externals),
    diagnostics,
    sourceOf(address, member) {
      const path = paths.get(addressKey(address));
      if (!path) return undefined;
      return (member !== undefined ? at([...path, member]) : undefined) ?? at(path);
    },
  };
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
