import { childKinds, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import type { DeclareContext } from '../kinds/types.js';
import { addressKey, type Address } from '../model/address.js';
import { emptyExternals, nestedByParent, resourcesOf, type Externals, type Resource, type ResourceSet, type Tags } from '../model/resources.js';
import { scopeKey, type Scope } from '../model/scope.js';

/** One scope of the target, read in depth. */
export interface ImportScope {
  scope: Scope;
  observed: ResourceSet;
}

/** What to import and what the manifest directory already says. */
export interface ImportOptions {
  /** Top-level kinds to import (all that can be declared when absent). */
  kinds?: readonly ResourceKind[];
  /** Only resources whose name starts with this. */
  prefix?: string;
  /** What DIR's manifests declare already (left out of the import, referred to by name). */
  isDeclared(kind: string, name: string, scope: Scope): boolean;
  /** DIR's `defaults.tags`; none: the import factors out the tags every resource shares. */
  defaultTags: Tags;
  accountName(id: string): string;
}

/** One resource's declaration, as a manifest section holds it under its name. */
export interface ImportedDeclaration {
  address: Address;
  declaration: unknown;
}

/** What the import declares in one scope, by top-level kind, and what it references outside logwarden. */
export interface ImportedScope {
  scope: Scope;
  declarations: Map<ResourceKind, ImportedDeclaration[]>;
  externals: Externals;
}

/** A resource the import could not declare, and why. */
export interface LeftOut {
  scope: Scope;
  address: Address;
  reason: string;
}

export interface ImportResult {
  scopes: ImportedScope[];
  /** The `defaults.tags` the declarations leave unsaid: DIR's, or the ones every imported resource shares. */
  defaultTags: Tags;
  /** Whether `defaultTags` were factored out by the import (and need writing). */
  newDefaults: boolean;
  leftOut: LeftOut[];
  /** Resources DIR's manifests declare already, left out. */
  alreadyDeclared: number;
  /** Imported resources that lack one of DIR's default tags: the next plan adds it. */
  lackingDefaults: { scope: Scope; address: Address }[];
}

/** Kinds whose declarations `defaults.tags` applies to: those with a `tags` member. */
export const isTaggable = (kind: string): boolean => {
  const fields = kindSpec(kind).fields;
  return fields.kind === 'object' && Object.hasOwn(fields.fields, 'tags');
};

/**
 * Turns what the target holds into declarations, kind by kind (each kind's `declare`, nested kinds
 * inside their parents): the inverse of loading, so that the declarations resolve to exactly what
 * was read. References to what the import (or DIR) declares are written by name.
 */
export function importResources(scopes: ImportScope[], options: ImportOptions): ImportResult {
  const kinds = TOP_LEVEL_KINDS.filter((k) => kindSpec(k).declare !== undefined && (options.kinds === undefined || options.kinds.includes(k)));
  let alreadyDeclared = 0;
  const selected = scopes.map(({ scope, observed }) => {
    const chosen = kinds.flatMap((kind) => resourcesOf(observed, kind).filter((r) => options.prefix === undefined || r.address.name.startsWith(options.prefix)));
    const fresh = chosen.filter((r) => !options.isDeclared(r.address.kind, r.address.name, scope));
    alreadyDeclared += chosen.length - fresh.length;
    return { scope, observed, resources: fresh.sort((a, b) => (a.address.name < b.address.name ? -1 : a.address.name > b.address.name ? 1 : 0)) };
  });
  const imported = new Set(selected.flatMap((s) => s.resources.map((r) => `${scopeKey(s.scope)}|${addressKey(r.address)}`)));
  const isDeclared = (kind: string, name: string, where: Scope) => imported.has(`${scopeKey(where)}|${kind}:${name}`) || options.isDeclared(kind, name, where);
  const newDefaults = Object.keys(options.defaultTags).length === 0;
  // what can be declared does not depend on the defaults: the tags shared are those of what is
  const first = declareScopes(selected, newDefaults ? {} : options.defaultTags, isDeclared, options.accountName);
  const shared = newDefaults ? sharedTags(first.scopes.flatMap((s) => [...s.declarations.values()].flat().map((d) => resourceOf(selected, s.scope, d.address)))) : {};
  const declared = Object.keys(shared).length ? declareScopes(selected, shared, isDeclared, options.accountName) : first;
  return { ...declared, defaultTags: newDefaults ? shared : options.defaultTags, newDefaults, alreadyDeclared };
}

/** Every selected resource declared (in name order, per scope), with `defaultTags` left unsaid. */
function declareScopes(selected: { scope: Scope; observed: ResourceSet; resources: Resource[] }[], defaultTags: Tags, isDeclared: (kind: string, name: string, where: Scope) => boolean, accountName: (id: string) => string) {
  const leftOut: LeftOut[] = [];
  const lackingDefaults: ImportResult['lackingDefaults'] = [];
  const scopes = selected.map(({ scope, observed, resources }): ImportedScope => {
    const ctx = (address: Address): DeclareContext => ({
      ...scope,
      defaultTags,
      isDeclared: (kind, name, where = scope) => isDeclared(kind, name, where),
      accountName,
      leaveOut: (reason) => void leftOut.push({ scope, address, reason }),
    });
    const declarations = new Map<ResourceKind, ImportedDeclaration[]>();
    const externals = emptyExternals();
    const nested = nestedByParent(observed);
    for (const r of resources) {
      const before = leftOut.length;
      const declaration = declareTree(r, nested, ctx(r.address), externals);
      if (declaration === undefined || leftOut.length > before) continue;
      if (isTaggable(r.address.kind) && !includesTags((r.value as { tags: Tags }).tags, defaultTags)) lackingDefaults.push({ scope, address: r.address });
      const kind = r.address.kind as ResourceKind;
      const list = declarations.get(kind);
      if (list) list.push({ address: r.address, declaration });
      else declarations.set(kind, [{ address: r.address, declaration }]);
    }
    return { scope, declarations, externals: distinct(externals) };
  });
  return { scopes, leftOut, lackingDefaults };
}

const resourceOf = (selected: { scope: Scope; observed: ResourceSet }[], scope: Scope, address: Address): Resource =>
  selected.find((s) => s.scope === scope)!.observed.get(addressKey(address))!;

/** A resource's declaration with its nested kinds' sections, from what lives in it; its externals noted. */
function declareTree(r: Resource, nested: Map<string, Resource[]>, ctx: DeclareContext, externals: Externals): unknown {
  const spec = kindSpec(r.address.kind);
  const own = spec.declare!(r.value, ctx);
  if (own === undefined) return undefined;
  addExternals(externals, spec.externals?.(r.value, ctx) ?? {});
  const children = childKinds(r.address.kind);
  if (children.length === 0) return own;
  const out: Record<string, unknown> = { ...(own as Record<string, unknown>) };
  const inside = nested.get(r.address.name) ?? [];
  for (const child of children) {
    const c = kindSpec(child);
    const mine = inside.filter((x) => x.address.kind === child).sort((a, b) => (a.address.name < b.address.name ? -1 : 1));
    if (mine.length === 0) continue;
    if (c.nesting === 'single') out[c.section] = declareTree(mine[0]!, nested, ctx, externals);
    else out[c.section] = Object.fromEntries(mine.map((x) => [x.address.name.slice(r.address.name.length + 1), declareTree(x, nested, ctx, externals)]));
  }
  return out;
}

/** The tags every taggable resource carries with the same value (two resources at least, else none). */
function sharedTags(resources: Resource[]): Tags {
  const tagged = resources.filter((r) => isTaggable(r.address.kind)).map((r) => (r.value as { tags: Tags }).tags);
  if (tagged.length < 2) return {};
  const [first, ...rest] = tagged;
  return Object.fromEntries(Object.entries(first!).filter(([k, v]) => rest.every((t) => Object.hasOwn(t, k) && t[k] === v)));
}

const includesTags = (tags: Tags, defaults: Tags) => Object.entries(defaults).every(([k, v]) => Object.hasOwn(tags, k) && tags[k] === v);

function addExternals(into: Externals, more: Partial<Externals>): void {
  for (const [key, values] of Object.entries(more) as [keyof Externals, unknown[]][]) (into[key] as unknown[]).push(...values);
}

/** Each external once, sorted (KMS keys by ARN). */
function distinct(e: Externals): Externals {
  const names = (list: string[]) => [...new Set(list)].sort();
  const keys = new Map(e.kmsKeys.map((k) => [k.arn, k]));
  return {
    s3Buckets: names(e.s3Buckets),
    kmsKeys: [...keys.keys()].sort().map((arn) => keys.get(arn)!),
    iamRoles: names(e.iamRoles),
    kinesisStreams: names(e.kinesisStreams),
    firehoseStreams: names(e.firehoseStreams),
    lambdaFunctions: names(e.lambdaFunctions),
    snsTopics: names(e.snsTopics),
    resources: names(e.resources),
  };
}
