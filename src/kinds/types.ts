import type { Address } from '../model/address.js';
import type { Request, Step } from '../model/calls.js';
import type { Change } from '../model/change.js';
import type { Externals, Tags } from '../model/resources.js';
import type { Field } from '../model/schema.js';
import type { Scope } from '../model/scope.js';

/** The account and region a plan's names and ARNs resolve in (the partition follows the region). */
export type { Scope } from '../model/scope.js';

/** A resource a value refers to: in the same scope, or in the one it names. */
export type Reference = Address & { scope?: Scope };

/** A path below a declaration, e.g. `['eventSelectors', 0, 'dataResources']`. */
export type MemberPath = readonly (string | number)[];

/** One declaration of a kind as the loader read it: schema-checked plain values. */
export interface Declaration {
  /** The resource's AWS name (a nested one: the parent's name, and its own key in `key`). */
  name: string;
  /** Its own key under the parent's section (nested map kinds), e.g. the filter name. */
  key?: string;
  parent?: string;
  spec: unknown;
}

/** What resolving a declaration may ask and say. */
export interface ResolveContext extends Scope {
  /** `defaults.tags` of the manifests. */
  defaultTags: Tags;
  /** Whether the manifests declare a resource of this kind and name (valid or not), here or in `scope`. */
  isDeclared(kind: string, name: string, scope?: Scope): boolean;
  /** An account id for an id or an alias of logwarden.yaml's `accounts`; undefined for neither. */
  accountId(idOrAlias: string): string | undefined;
  /** A problem with the declaration, at one of its members (or the declaration itself). */
  fail(summary: string, member?: string | MemberPath): void;
}

/**
 * What turning a value back into its declaration (`logwarden import`) may ask and say: the inverse
 * of ResolveContext. References to resources the manifests declare too are written by name.
 */
export interface DeclareContext extends Scope {
  /** `defaults.tags` of the manifests being written: only a resource's other tags are its own. */
  defaultTags: Tags;
  /** Whether the manifests declare (or the import writes) a resource of this kind and name, here or in `scope`. */
  isDeclared(kind: string, name: string, scope?: Scope): boolean;
  /** How the manifests name an account: its alias in logwarden.yaml's `accounts`, else its id. */
  accountName(id: string): string;
  /** Why this value cannot be declared (it is left out of the import); returns undefined for `return ctx.leaveOut(…)`. */
  leaveOut(reason: string): undefined;
}

/** How the items of a kind are listed: across the account, or per listed parent. */
export type Listing =
  | {
      from: 'account';
      requests: Request[];
      /** The output member holding the items; omitted: the output is one item. */
      items: string;
      /** The pagination token member (the same name in input and output); omitted: one page. */
      paging?: string;
      /** For a nested kind listed across the account: its parent's name in an item. */
      parentName?(item: any): string;
    }
  | {
      from: 'parent';
      /** The request for one parent, or undefined when its listing says there is nothing to read. */
      request(parent: { name: string; item: any }): Request | undefined;
      /** Errors that answer "this parent has none" (GetTransformer's ResourceNotFoundException). */
      absentWhen?: readonly string[];
      /** The output member holding the items; omitted: the output is the one item. */
      items?: string;
      paging?: string;
    };

/** An extra read per listed item in scope: one call each, or one call for up to `batch` items. */
export type Detail =
  | { each(item: any): Request | undefined }
  | { batch: number; request(items: any[]): Request; pick(output: any, item: any): unknown };

/** How refresh reads a kind: its listing, the extra reads per item, and SDK shape → canonical value. */
export interface ReadPlan<T> {
  list: Listing;
  /** An item's own name (a nested map kind: its key under the parent, e.g. filterName). */
  name(item: any): string;
  details?: Record<string, Detail>;
  /** The canonical value; undefined when the item says there is nothing (an empty policy). */
  observe(item: any, details: Record<string, any>): T | undefined;
  /**
   * Measurements the listing reports beside the settings (a log group's storedBytes): kept beside
   * the canonical value for cost estimates, never diffed nor fingerprinted (they move on their own).
   */
  facts?(item: any): Facts;
}

/** Numeric measurements of one resource as the target reported them, by name. */
export type Facts = Record<string, number>;

/**
 * Everything logwarden knows of one resource kind. The loader, refresh, differ, planner, drift and
 * simulation iterate over the registry of these (src/kinds/index.ts); nothing outside a kind's
 * module knows its attributes. Methods (not function members) so that a spec of a concrete value
 * type is a spec of `unknown` too.
 */
export interface KindSpec<T> {
  /** The manifest section: a top-level key of a document, or a key inside the parent's declaration. */
  section: string;
  /** What the section holds, e.g. `Log groups by name.` (the JSON Schema's description). */
  doc: string;
  /** How messages name one of them: `log group`, `metric filter`. */
  noun: string;
  /** The declaration's shape (an object; a policy document for single policy kinds). */
  fields: Field;
  /** The kind this one lives in, and whether the parent holds many (by name) or one of it. */
  parent?: string;
  nesting?: 'map' | 'single';
  /** Creates and updates go up this order, deletes down it (DESIGN.md: externals → groups → …). */
  phase: number;
  /** Attributes AWS cannot change in place: a change replaces the resource. */
  createOnly?: readonly string[];
  /** Attributes AWS can set but never remove: removing one replaces the resource. */
  setOnly?: readonly string[];
  /**
   * Attributes AWS assigns (ids, ARNs) or fills in from defaults the kind cannot know when
   * resolving (a delivery's record fields): compared only when the manifest gives them, read for
   * the calls that need them (an update or delete by id).
   */
  computed?: readonly string[];
  /**
   * Creates of this kind wait for its deletes in the same parent: AWS allows only one of them per
   * something other than the name (one delivery per source and destination type), so a renamed one
   * can only come once the old one is gone. A `limit` implies it.
   */
  deletesFirst?: boolean;
  /** AWS's limit of this kind per parent or per region: the loader and the planner respect it. */
  limit?: { max: number; per: 'parent' | 'region' };
  /** Kinds whose resources this kind's values may refer to (see `references`). */
  refersTo?: readonly string[];
  /** Which of its calls dependants wait for: the creating one (default), or all of them. */
  readyAfter?: 'creation' | 'all';
  resolve(decl: Declaration, ctx: ResolveContext): T | undefined;
  /**
   * The manifest spelling of a value read from the target, without its nested kinds' sections (the
   * importer puts those in): the inverse of `resolve`, so that resolving it gives the value back,
   * computed members aside. Undefined when it cannot be declared (`ctx.leaveOut` says why).
   */
  declare?(value: T, ctx: DeclareContext): unknown;
  read: ReadPlan<T>;
  /** The exact API calls of a change, in order. */
  steps(change: Change<T>, scope: Scope): Step[];
  /** The resources a value refers to; one in another account or region names its scope. */
  references?(value: T, scope: Scope): Reference[];
  /** What a value refers to outside logwarden (a simulation of the observed state registers it; an import declares it). */
  externals?(value: T, scope: Scope): Partial<Externals>;
}
