import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PacedSender } from '../driver/pacing.js';
import { EVERYTHING, refresh, type NameSelection } from '../driver/refresh.js';
import { isKind, kindSpec, TOP_LEVEL_KINDS, type ResourceKind } from '../kinds/index.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { scopeKey, type Scope } from '../model/scope.js';
import { importFiles, type GroupBy, type ImportedFile } from '../manifest/import-files.js';
import { importResources, type ImportScope } from '../manifest/import.js';
import { emptyManifest, loadManifests, type Manifest } from '../manifest/load.js';
import { pathKey } from '../manifest/read.js';
import { concreteScope, scopesOf } from '../manifest/resolve.js';
import { writeFileAtomic } from '../persist/atomic.js';
import { renderImportText } from '../render/import-text.js';
import { renderManifestYaml } from '../render/manifest-yaml.js';
import { UsageError, type ParsedArgs } from './args.js';
import { fleetTarget, styleFor } from './plan.js';
import { readFailure } from './read.js';
import { openSession, type Session } from './session.js';

/**
 * `logwarden import [DIR] [--prefix P] [--kinds K,…] [--group-by kind|prefix] [--scope ACCOUNT/REGION …] [--force]`:
 * reads the target in depth (bulk listings, paced) and writes manifests declaring what it holds —
 * every scope DIR's manifests name (or `--scope`, or the target's own) — so that `plan` shows only
 * adoptions. Read-only against the target and state/; never overwrites a file without --force.
 */
export async function importCommand(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const kinds = kindsOf(args.string('kinds'));
  const groupBy = groupByOf(args.string('group-by'));
  const prefix = args.string('prefix');
  const session = await openSession(args, 'import');
  try {
    const manifest = existsSync(dir) ? loadManifests(dir) : emptyManifest();
    const diagnostics: Diagnostic[] = [...manifest.diagnostics];
    const scopes = hasErrors(diagnostics) ? [] : scopesToImport(args.strings('scope'), manifest, session);
    const reads = await Promise.all(scopes.map((scope) => readScope(scope, session, manifest, kinds, prefix, diagnostics)));
    const target = fleetTarget(session, { fleet: scopes.length > 1, scopes: scopes.map((scope) => ({ scope })) });
    if (hasErrors(diagnostics)) {
      out.write(renderImportText({ target, dir, files: [], existing: [], diagnostics }, styleFor(args, out)));
      return 1;
    }
    const accountName = (id: string) => [...manifest.settings.accounts].find(([, a]) => a.id === id)?.[0] ?? id;
    const fleet = scopes.length > 1;
    const layout = { groupBy, fleet, scoped: fleet || scopes.some((s) => scopeKey(s) !== scopeKey(session.defaults)), accountName };
    // what a file about to be overwritten declares is imported again, not left out as declared
    const replaced = new Set<string>();
    let result, files;
    for (;;) {
      result = importResources(reads, { kinds, prefix, isDeclared: declaredIn(manifest, session.defaults, replaced), defaultTags: manifest.defaultTags, accountName });
      files = importFiles(result, layout);
      const overwritten = args.flag('force') ? files.map((f) => relative(process.cwd(), join(dir, f.path))).filter((f) => existsSync(f) && !replaced.has(f)) : [];
      if (overwritten.length === 0) break;
      for (const f of overwritten) replaced.add(f);
    }
    const existing = args.flag('force') ? [] : files.map((f) => f.path).filter((path) => existsSync(join(dir, path)));
    if (existing.length === 0) await writeFiles(dir, files);
    out.write(renderImportText({ target, dir, result, files, existing, diagnostics }, styleFor(args, out)));
    return existing.length ? 1 : 0;
  } finally {
    await session.close();
  }
}

/** `--kinds logGroup,trail` (kinds as plans name them, or their sections): top-level kinds only. */
function kindsOf(given: string | undefined): ResourceKind[] | undefined {
  if (given === undefined) return undefined;
  const bySection = new Map(TOP_LEVEL_KINDS.map((k) => [kindSpec(k).section, k]));
  return given.split(',').map((k) => k.trim()).filter(Boolean).map((k) => {
    const kind = bySection.get(k) ?? (isKind(k) ? k : undefined);
    if (kind === undefined) throw new UsageError(`--kinds: '${k}' is not a kind of resource (one of ${TOP_LEVEL_KINDS.join(', ')})`);
    if (kindSpec(kind).parent !== undefined) throw new UsageError(`--kinds: ${k} lives in a ${kindSpec(kindSpec(kind).parent!).noun} and is imported with it: ask for ${kindSpec(kind).parent}`);
    return kind;
  });
}

function groupByOf(given: string | undefined): GroupBy {
  if (given === undefined || given === 'kind' || given === 'prefix') return given ?? 'kind';
  throw new UsageError(`--group-by takes kind or prefix, not '${given}'`);
}

/**
 * The scopes to read: `--scope ACCOUNT/REGION` (an id or an alias of DIR's logwarden.yaml; either
 * part left empty is the target's own), else those DIR's manifests name, else the target's own.
 */
function scopesToImport(given: string[], manifest: Manifest, session: Session): Scope[] {
  if (given.length === 0) {
    const named = scopesOf(manifest, session.defaults);
    return named.length ? named : [session.defaults];
  }
  const scopes = given.map((g) => {
    const [account = '', region = ''] = g.split('/');
    const id = account === '' ? session.defaults.account : /^\d{12}$/.test(account) ? account : manifest.settings.accounts.get(account)?.id;
    if (id === undefined) throw new UsageError(`--scope ${g}: '${account}' is neither an account id nor an alias of logwarden.yaml's accounts`);
    return { account: id, region: region || session.defaults.region };
  });
  return [...new Map(scopes.map((s) => [scopeKey(s), s])).values()];
}

/** One scope read in depth: everything, or (with --kinds or --prefix) only what is asked for. */
async function readScope(scope: Scope, session: Session, manifest: Manifest, kinds: ResourceKind[] | undefined, prefix: string | undefined, diagnostics: Diagnostic[]): Promise<ImportScope> {
  const sender = new PacedSender(session.clientsFor(scope, manifest.settings));
  const starting: NameSelection = { has: (name) => prefix === undefined || name.startsWith(prefix), size: 1 };
  const selection = kinds === undefined && prefix === undefined ? EVERYTHING : Object.fromEntries((kinds ?? TOP_LEVEL_KINDS).map((k) => [k, starting]));
  try {
    return { scope, observed: (await refresh(sender, selection)).resources };
  } catch (e) {
    diagnostics.push({ severity: 'error', summary: readFailure(e, session.describeScope(scope)) });
    return { scope, observed: new Map() };
  }
}

/**
 * Whether DIR's manifests declare a resource in a scope (what they leave out of their scope is the
 * target's own), in a file other than those `replaced` (files the import overwrites, by path as
 * diagnostics name them).
 */
function declaredIn(manifest: Manifest, defaults: Scope, replaced: ReadonlySet<string>) {
  return (kind: string, name: string, scope: Scope) =>
    [...manifest.scopes.values()].some((p) => {
      if (scopeKey(concreteScope(p.declared, defaults)) !== scopeKey(scope) || !(p.names.get(kind as ResourceKind)?.has(name) ?? false)) return false;
      const file = p.sources.get(pathKey([kindSpec(kind).section, name]))?.file;
      return file === undefined || !replaced.has(file);
    });
}

async function writeFiles(dir: string, files: ImportedFile[]): Promise<void> {
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomic(path, renderManifestYaml(f.documents));
  }
}
