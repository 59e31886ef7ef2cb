import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../persist/atomic.js';
import type { RefreshScope } from '../driver/refresh.js';
import { isKind, type ResourceKind } from '../kinds/index.js';
import type { Scope } from '../kinds/types.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { resourceSet, type Externals, type Resource, type ResourceSet } from '../model/resources.js';
import type { Fingerprint } from '../plan/fingerprint.js';

/** Everything `apply` needs of a plan, whether computed just now or read from a saved file. */
export interface ExecutablePlan {
  /** Unique per plan made: the state remembers the plans applied, so a saved one applies once. */
  id: string;
  /** How the target reads on a plan's first line. */
  target: string;
  /** The ownership identity of the target (`local|123456789012|us-east-1`). */
  targetKey: string;
  ctx: Scope;
  desired: ResourceSet;
  externals: Externals;
  scope: RefreshScope;
  changes: Change[];
  calls: ApiCall[];
  /** The state's lineage and serial when the plan was made, and a hash of everything it read. */
  basis: { lineage: string; serial: number; fingerprint: Fingerprint };
  /** Made with --allow-replace: replacements may run. */
  allowReplace: boolean;
}

/** The saved file's identification; `version` changes with any incompatible change. */
const MAGIC = 'logwarden-plan';
const VERSION = 2;

interface SavedPlanFile extends Omit<ExecutablePlan, 'scope' | 'desired'> {
  format: typeof MAGIC;
  version: typeof VERSION;
  createdAt: string;
  scope: Record<string, string[]>;
  desired: Resource[];
}

/** Writes a plan for a later `apply FILE` (atomically: a crash never leaves half a plan). */
export async function writeSavedPlan(file: string, plan: ExecutablePlan): Promise<void> {
  const doc: SavedPlanFile = {
    format: MAGIC,
    version: VERSION,
    createdAt: new Date().toISOString(),
    id: plan.id,
    target: plan.target,
    targetKey: plan.targetKey,
    ctx: plan.ctx,
    basis: plan.basis,
    allowReplace: plan.allowReplace,
    scope: Object.fromEntries(Object.entries(plan.scope).map(([kind, names]) => [kind, [...names]])),
    desired: [...plan.desired.values()],
    externals: plan.externals,
    changes: plan.changes,
    calls: plan.calls,
  };
  await writeFileAtomic(file, `${JSON.stringify(doc)}\n`);
}

/** Reads a saved plan; a file that is not one gets an error saying what it is not. */
export function readSavedPlan(file: string): ExecutablePlan {
  let doc: SavedPlanFile;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as SavedPlanFile;
  } catch (e) {
    throw new Error(`${file} is not a saved logwarden plan: ${(e as Error).message}`);
  }
  if (doc?.format !== MAGIC) throw new Error(`${file} is not a saved logwarden plan (made by 'logwarden plan --out FILE')`);
  if (doc.version !== VERSION) throw new Error(`${file} is a saved plan of version ${doc.version}; this logwarden reads version ${VERSION}: plan again`);
  const { format: _f, version: _v, createdAt: _c, scope, desired, ...plan } = doc;
  const unknown = [...desired.map((r) => r.address.kind), ...Object.keys(scope)].find((k) => !isKind(k));
  if (unknown !== undefined) throw new Error(`${file} names resource kind '${unknown}', which this logwarden does not know: plan again`);
  const sets: Partial<Record<ResourceKind, Set<string>>> = {};
  for (const [kind, names] of Object.entries(scope)) sets[kind as ResourceKind] = new Set(names);
  return { ...plan, scope: sets, desired: resourceSet(desired) };
}
