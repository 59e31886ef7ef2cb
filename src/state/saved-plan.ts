import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../persist/atomic.js';
import type { RefreshScope } from '../driver/refresh.js';
import { isKind, type ResourceKind } from '../kinds/index.js';
import type { FleetSettings } from '../manifest/scope.js';
import type { ApiCall } from '../model/calls.js';
import type { Change } from '../model/change.js';
import { resourceSet, type Externals, type Resource, type ResourceSet } from '../model/resources.js';
import type { Scope } from '../model/scope.js';
import type { Fingerprint } from '../plan/fingerprint.js';

/** One scope of a plan: what the manifests want there, what was read, and what changes. */
export interface ScopePlan {
  scope: Scope;
  /** Its ownership identity (`local|123456789012|us-east-1`). */
  targetKey: string;
  /** How reports name it. */
  target: string;
  desired: ResourceSet;
  externals: Externals;
  refresh: RefreshScope;
  changes: Change[];
  /** A hash per resource of everything read there: what the plan was based on. */
  fingerprint: Fingerprint;
  /** Reading it failed: nothing is planned there (the other scopes' plans stand). */
  error?: string;
}

/** Everything `apply` needs of a plan, whether computed just now or read from a saved file. */
export interface ExecutablePlan {
  /** Unique per plan made: the state remembers the plans applied, so a saved one applies once. */
  id: string;
  /** How the target reads on a plan's first line. */
  target: string;
  /** The ownership identity of the target's default scope: a plan applies only to that target. */
  targetKey: string;
  /** A plan across several scopes, or of manifests that name theirs: reports name each scope. */
  fleet: boolean;
  /** Some manifests name no scope: they go to the default one, which the first apply pins. */
  pinDefaults: boolean;
  defaults: Scope;
  scopes: ScopePlan[];
  calls: ApiCall[];
  /** How to reach each account (roles) and the organization, as the manifests said. */
  settings: FleetSettings;
  /** The state's lineage and serial when the plan was made. */
  basis: { lineage: string; serial: number };
  /** Made with --allow-replace: replacements may run. */
  allowReplace: boolean;
  /** Made with --only: those patterns' resources and what they need, and how many other changes were left out. */
  partial?: PartialPlan;
}

/** What a partial plan (`--only`) covers. */
export interface PartialPlan {
  only: string[];
  leftOut: number;
}

/** Every change of a plan, scope after scope. */
export const changesOf = (plan: Pick<ExecutablePlan, 'scopes'>): Change[] => plan.scopes.flatMap((s) => s.changes);

/** The saved file's identification; `version` changes with any incompatible change. */
const MAGIC = 'logwarden-plan';
const VERSION = 3;

type SavedScope = Omit<ScopePlan, 'desired' | 'refresh'> & { desired: Resource[]; refresh: Record<string, string[]> };

interface SavedPlanFile extends Omit<ExecutablePlan, 'scopes' | 'settings'> {
  format: typeof MAGIC;
  version: typeof VERSION;
  createdAt: string;
  scopes: SavedScope[];
  settings: Omit<FleetSettings, 'accounts'> & { accounts: [string, { id: string; roleArn?: string; externalId?: string }][] };
}

/** Writes a plan for a later `apply FILE` (atomically: a crash never leaves half a plan). */
export async function writeSavedPlan(file: string, plan: ExecutablePlan): Promise<void> {
  const doc: SavedPlanFile = {
    format: MAGIC,
    version: VERSION,
    createdAt: new Date().toISOString(),
    ...plan,
    scopes: plan.scopes.map((s) => ({
      ...s,
      desired: [...s.desired.values()],
      refresh: Object.fromEntries(Object.entries(s.refresh).map(([kind, names]) => [kind, [...names]])),
    })),
    settings: { ...plan.settings, accounts: [...plan.settings.accounts] },
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
  const { format: _f, version: _v, createdAt: _c, scopes, settings, ...plan } = doc;
  const kinds = scopes.flatMap((s) => [...s.desired.map((r) => r.address.kind), ...Object.keys(s.refresh)]);
  const unknown = kinds.find((k) => !isKind(k));
  if (unknown !== undefined) throw new Error(`${file} names resource kind '${unknown}', which this logwarden does not know: plan again`);
  return {
    ...plan,
    settings: { ...settings, accounts: new Map(settings.accounts) },
    scopes: scopes.map((s) => ({
      ...s,
      desired: resourceSet(s.desired),
      refresh: Object.fromEntries(Object.entries(s.refresh).map(([kind, names]) => [kind as ResourceKind, new Set(names)])),
    })),
  };
}
