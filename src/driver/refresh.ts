import { ALL_KINDS, childAddress, childKinds, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import type { Detail, Facts, KindSpec } from '../kinds/types.js';
import { addressKey } from '../model/address.js';
import type { Request } from '../model/calls.js';
import { emptyResourceSet, putResource, type Present, type ResourceSet } from '../model/resources.js';
import type { PacedSender } from './pacing.js';

/** Which names to read in depth (details, nested resources), per top-level kind: declared ∪ owned. */
export type RefreshScope = Partial<Record<ResourceKind, ReadonlySet<string>>>;

/** Names to read in depth that need not be known before the listing (a rule's globs): anything that answers `has`. */
export type NameSelection = Pick<ReadonlySet<string>, 'has' | 'size'>;

/** Everything in the target read in depth, unmanaged resources included (`audit`). */
export const EVERYTHING = 'everything';

/** What the target holds: in-scope resources read in full, and the names of everything present of the kinds in scope. */
export interface Observed {
  resources: ResourceSet;
  present: Present;
  /** What the listings measured of the in-scope resources, by address key (never diffed). */
  facts: Map<string, Facts>;
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
export async function refresh(sender: PacedSender, scope: Partial<Record<ResourceKind, NameSelection>> | typeof EVERYTHING): Promise<Observed> {
  const observed: Observed = { resources: emptyResourceSet(), present: {}, facts: new Map() };
  const present = observed.present;
  // a kind nothing declares or owns is not listed at all: its names would serve no one, and an API
  // a region lacks (or a policy type it does not know yet) must not fail every plan there
  const needed = (kind: ResourceKind) => scope === EVERYTHING || (scope[rootOf(kind)]?.size ?? 0) > 0;
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
      const wanted = scope === EVERYTHING ? undefined : (scope[kind] ?? new Set());
      const inScope = wanted === undefined ? listed : listed.filter((l) => wanted.has(spec.read.name(l.item)));
      await Promise.all([
        observeAll(sender, kind, inScope, (item) => ({ kind, name: spec.read.name(item) }), observed),
        ...childKinds(kind).map((child) => readChildren(sender, child, inScope.map((l) => ({ name: spec.read.name(l.item), item: l.item })), accountNested.get(child), observed)),
      ]);
    }),
  ]);
  return observed;
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
  observed: Observed,
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
        const items = await listItems(sender, request, list.items, list.paging).catch((e: { code?: string }) => {
          if (list.absentWhen?.includes(e.code ?? '')) return [];
          throw e;
        });
        return items.map((item) => ({ item, parent: parent.name }));
      }),
    );
    listed = perParent.flat();
  } else listed = [];
  const address = (item: any, parent: string) => childAddress(kind, parent, spec.read.name(item));
  await observeAll(sender, kind, listed, address, observed);
  // deeper kinds, below these
  for (const child of childKinds(kind)) {
    await readChildren(sender, child, listed.map((l) => ({ name: address(l.item, l.parent!).name, item: l.item })), undefined, observed);
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

/** Reads each item's details (batched where the kind says so) and records its canonical value and facts. */
async function observeAll(
  sender: PacedSender,
  kind: ResourceKind,
  listed: Listed[],
  address: (item: any, parent: string) => { kind: string; name: string; parent?: string },
  observed: Observed,
): Promise<void> {
  const spec = kindSpec(kind);
  const details = await Promise.all(Object.entries(spec.read.details ?? {}).map(async ([name, detail]) => [name, await readDetail(sender, detail, listed.map((l) => l.item))] as const));
  listed.forEach((l, i) => {
    const value = spec.read.observe(l.item, Object.fromEntries(details.map(([name, values]) => [name, values[i]])));
    if (value === undefined) return;
    const at = address(l.item, l.parent!);
    putResource(observed.resources, at, value);
    const facts = spec.read.facts?.(l.item);
    if (facts && Object.keys(facts).length) observed.facts.set(addressKey(at), facts);
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
