import { ALL_KINDS, childAddress, childKinds, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import type { Detail, KindSpec } from '../kinds/types.js';
import type { Request } from '../model/calls.js';
import { emptyResourceSet, putResource, type Present, type ResourceSet } from '../model/resources.js';
import type { PacedSender } from './pacing.js';

/** Which names to read in depth (details, nested resources), per top-level kind: declared ∪ owned. */
export type RefreshScope = Partial<Record<ResourceKind, ReadonlySet<string>>>;

/** What the target holds: in-scope resources read in full, and the names of everything present of the kinds in scope. */
export interface Observed {
  resources: ResourceSet;
  present: Present;
}

/** A listed item of a kind, with its parent's name when it is nested. */
interface Listed {
  item: any;
  parent?: string;
}

/**
 * Reads the target with as few calls as AWS allows, as each kind's read plan declares: the top-level
 * kinds listed across the account (pages of 50 where AWS takes a limit), nested kinds either
 * across the account too or per in-scope parent, and each in-scope item's extra reads (one call
 * each, or batched). Everything runs concurrently under the sender's pacing.
 */
export async function refresh(sender: PacedSender, scope: RefreshScope): Promise<Observed> {
  const resources = emptyResourceSet();
  const present: Present = {};
  // a kind nothing declares or owns is not listed at all: its names would serve no one, and an API
  // a region lacks (or a policy type it does not know yet) must not fail every plan there
  const needed = (kind: ResourceKind) => (scope[rootOf(kind)]?.size ?? 0) > 0;
  // account-wide listings of nested kinds need no parent: they start with the top-level ones
  const accountNested = new Map(
    ALL_KINDS.filter((k) => kindSpec(k).parent !== undefined && kindSpec(k).read.list.from === 'account' && needed(k)).map((k) => [k, listAccount(sender, kindSpec(k))] as const),
  );
  // the account-wide listings are awaited here too: a failure of one is never left unhandled
  await Promise.all([
    ...accountNested.values(),
    ...TOP_LEVEL_KINDS.filter(needed).map(async (kind) => {
      const spec = kindSpec(kind);
      const listed = await listAccount(sender, spec);
      present[kind] = listed.map((l) => spec.read.name(l.item));
      const wanted = scope[kind] ?? new Set();
      const inScope = listed.filter((l) => wanted.has(spec.read.name(l.item)));
      await Promise.all([
        observeAll(sender, kind, inScope, (item) => ({ kind, name: spec.read.name(item) }), resources),
        ...childKinds(kind).map((child) => readChildren(sender, child, inScope.map((l) => ({ name: spec.read.name(l.item), item: l.item })), accountNested.get(child), resources)),
      ]);
    }),
  ]);
  return { resources, present };
}

/** The top-level kind a kind lives in (itself, for a top-level one). */
function rootOf(kind: ResourceKind): ResourceKind {
  const parent = kindSpec(kind).parent as ResourceKind | undefined;
  return parent === undefined ? kind : rootOf(parent);
}

/** The nested kind's items of the given parents, observed. */
async function readChildren(
  sender: PacedSender,
  kind: ResourceKind,
  parents: { name: string; item: any }[],
  accountWide: Promise<Listed[]> | undefined,
  resources: ResourceSet,
): Promise<void> {
  const spec = kindSpec(kind);
  const list = spec.read.list;
  let listed: Listed[];
  if (accountWide) {
    const names = new Set(parents.map((p) => p.name));
    listed = (await accountWide).filter((l) => names.has(l.parent!));
  } else if (list.from === 'parent') {
    const perParent = await Promise.all(
      parents.map(async (parent) => {
        const request = list.request(parent);
        if (!request) return [];
        const items = await listItems(sender, request, list.items, list.paging);
        return items.map((item) => ({ item, parent: parent.name }));
      }),
    );
    listed = perParent.flat();
  } else listed = [];
  const address = (item: any, parent: string) => childAddress(kind, parent, spec.read.name(item));
  await observeAll(sender, kind, listed, address, resources);
  // deeper kinds, below these
  for (const child of childKinds(kind)) {
    await readChildren(sender, child, listed.map((l) => ({ name: address(l.item, l.parent!).name, item: l.item })), undefined, resources);
  }
}

/** Every item of an account-wide listing (several requests, each paged). */
async function listAccount(sender: PacedSender, spec: KindSpec<unknown>): Promise<Listed[]> {
  const list = spec.read.list;
  if (list.from !== 'account') return [];
  const pages = await Promise.all(list.requests.map((r) => listItems(sender, r, list.items, list.paging)));
  return pages.flat().map((item) => ({ item, ...(list.parentName ? { parent: list.parentName(item) } : {}) }));
}

/** The items of one listing request, page after page; no `items` member: the output is the one item. */
async function listItems(sender: PacedSender, request: Request, items: string | undefined, paging: string | undefined): Promise<any[]> {
  const out: any[] = [];
  let token: string | undefined;
  do {
    const page = await sender.send(request.service, request.operation, { ...request.input, ...(token ? { [paging!]: token } : {}) });
    if (items === undefined) out.push(page);
    else out.push(...(page[items] ?? []));
    token = paging ? page[paging] : undefined;
  } while (token);
  return out;
}

/** Reads each item's details (batched where the kind says so) and records its canonical value. */
async function observeAll(
  sender: PacedSender,
  kind: ResourceKind,
  listed: Listed[],
  address: (item: any, parent: string) => { kind: string; name: string; parent?: string },
  resources: ResourceSet,
): Promise<void> {
  const spec = kindSpec(kind);
  const details = await Promise.all(Object.entries(spec.read.details ?? {}).map(async ([name, detail]) => [name, await readDetail(sender, detail, listed.map((l) => l.item))] as const));
  listed.forEach((l, i) => {
    const value = spec.read.observe(l.item, Object.fromEntries(details.map(([name, values]) => [name, values[i]])));
    if (value !== undefined) putResource(resources, address(l.item, l.parent!), value);
  });
}

/** One detail for every item, in item order: a call each, or one call per batch. */
async function readDetail(sender: PacedSender, detail: Detail, items: any[]): Promise<unknown[]> {
  if ('each' in detail) {
    return Promise.all(items.map((item) => {
      const r = detail.each(item);
      return r ? sender.send(r.service, r.operation, r.input) : undefined;
    }));
  }
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i += detail.batch) {
    const batch = items.slice(i, i + detail.batch);
    const r = detail.request(batch);
    const output = await sender.send(r.service, r.operation, r.input);
    out.push(...batch.map((item) => detail.pick(output, item)));
  }
  return out;
}
