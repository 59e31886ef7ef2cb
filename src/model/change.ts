import type { Address } from './address.js';

/** What a plan does to one resource. */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

/** Plan symbols, Terraform's: one table. */
export const ACTION_SYMBOL: Record<Action, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  'no-op': ' ',
};

/**
 * How two values differ, as a tree the renderers walk: objects member by member, lists aligned
 * element by element (common elements `same`, the others added, removed or paired as a change),
 * scalars (or values of different shapes) as one change.
 */
export type ValueDiff =
  | { op: 'same'; value: unknown }
  | { op: 'add'; value: unknown }
  | { op: 'remove'; value: unknown }
  | { op: 'change'; before: unknown; after: unknown; whitespaceOnly?: boolean }
  | { op: 'object'; members: { key: string; diff: ValueDiff }[] }
  | { op: 'list'; items: ValueDiff[] };

/** One top-level attribute that differs; `forcesReplacement` when AWS cannot change it in place. */
export interface AttributeChange {
  path: string;
  before: unknown;
  after: unknown;
  forcesReplacement: boolean;
  diff: ValueDiff;
  /** The `logGroupRules` rule that sets it (the declaration says nothing of it, or there is none). */
  rule?: string;
}

/** Why a change has the action it has, when the attributes alone don't say. */
export type ChangeReason = 'parent-replaced';

/** The change to one resource: its action as a function of (before, after), and why. */
export interface Change<T = unknown> {
  address: Address;
  action: Action;
  before?: T;
  after?: T;
  attributes: AttributeChange[];
  /** Declared resource found in the target but not yet owned: apply adopts it. */
  adopt?: boolean;
  /** `parent-replaced`: re-created because the resource it lives in is replaced. */
  reason?: ChangeReason;
  /** The scope it is in (`111111111111/us-east-1`), in a plan across several. */
  scope?: string;
  /** The `logGroupRules` rules behind what it writes. */
  rules?: string[];
  /** Changed only because rules match it: neither declared nor owned, and never adopted, created or deleted for it. */
  unmanaged?: boolean;
  /**
   * A log group's protection of its stored events changes in state (no API call): `off` once it is
   * declared `protected: false` (deleting it with data then needs no --allow-destroy), `on` again.
   */
  protection?: 'on' | 'off';
}

/** Whether a change does anything: an action, an adoption or a protection record (both write state). */
export const acts = (c: Change): boolean => c.action !== 'no-op' || c.adopt === true || c.protection !== undefined;

/** Whether the plan writes this attribute: every attribute of a new resource, else the differing ones. */
export function isChanged<T>(change: Change<T>, path: keyof T & string): boolean {
  if (change.action === 'create') return true;
  return change.attributes.some((a) => a.path === path);
}
