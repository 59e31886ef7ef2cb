import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { scopeKey } from '../model/scope.js';
import { parseAddressPattern, parseIgnoreFile, type AddressPattern } from '../plan/address-pattern.js';
import { detectDrift, driftSummary, type DriftEntry } from '../plan/drift.js';
import { ignoreUnmanaged, ruleDrift } from '../plan/drift-rules.js';
import { annotateRules, ruleOverlay } from '../plan/rules.js';
import { renderDriftJson, renderDriftText } from '../render/drift.js';
import { UsageError, type ParsedArgs } from './args.js';
import { fleetTarget, scopeLabel, styleFor, sumCalls } from './plan.js';
import { readFleet, type ScopeRead } from './read.js';
import { openSession, type Session } from './session.js';

/** The file of a manifest directory listing unmanaged resources drift leaves out. */
export const DRIFT_IGNORE = '.driftignore';

/**
 * `logwarden drift [DIR] [--json] [--ignore PATTERN …]`: refresh and compare every scope, strictly
 * read-only. Exit 0 in sync, 2 when anything drifted (changed, missing, orphaned, unmanaged — but
 * for what `--ignore` and DIR's `.driftignore` leave out, and unmanaged groups that comply with
 * their logGroupRules), 1 on error (a scope that could not be read is an error; the others are
 * still reported).
 */
export async function drift(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const given = args.strings('ignore').map((text) => {
    const p = parseAddressPattern(text);
    if ('error' in p) throw new UsageError(`--ignore ${text}: ${p.error}`);
    return p;
  });
  const session = await openSession(args, 'drift');
  try {
    const read = await readFleet(dir, session);
    const ignoreFile = readIgnoreFile(dir);
    read.diagnostics.push(...ignoreFile.diagnostics);
    const patterns = [...given, ...ignoreFile.patterns];
    let ignored = 0;
    const entries: DriftEntry[] = hasErrors(read.diagnostics)
      ? []
      : read.scopes
          .filter((r) => !r.error)
          .flatMap((r) => {
            const found = ignoreUnmanaged(scopeDrift(r, session, read.diagnostics), patterns);
            ignored += found.ignored;
            return read.fleet ? found.entries.map((e) => ({ ...e, scope: scopeKey(r.scope) })) : found.entries;
          });
    const view = {
      target: fleetTarget(session, read),
      entries,
      ignored,
      readCalls: sumCalls(read.scopes.map((s) => s.readCalls)),
      diagnostics: read.diagnostics,
      ...(read.fleet && { scopes: read.scopes.map((r) => ({ key: scopeKey(r.scope), label: scopeLabel(r.scope, read.manifest.settings), ...(r.error && { error: r.error }) })) }),
    };
    out.write(args.flag('json') ? renderDriftJson(view) : renderDriftText(view, styleFor(args, out)));
    if (hasErrors(read.diagnostics) || read.scopes.some((r) => r.error)) return 1;
    return driftSummary(entries).drifted ? 2 : 0;
  } finally {
    await session.close();
  }
}

/** One scope's drift: the manifests' (rules' settings of declared groups named), and the unmanaged groups rules match. */
function scopeDrift(r: ScopeRead, session: Session, diagnostics: Diagnostic[]): DriftEntry[] {
  const ownership = session.ownership(r.scope);
  const found = detectDrift(r.desired.resources, r.observed.resources, r.observed.present, ownership).map((e) =>
    e.change ? { ...e, change: annotateRules([e.change], r.ruleAttribution)[0]! } : e,
  );
  const overlay = ruleOverlay(r.rules, r.desired.resources, r.observed.resources, ownership);
  diagnostics.push(...overlay.diagnostics.map((d) => ({ ...d, severity: 'warning' as const })));
  return ruleDrift(found, overlay);
}

/** DIR's `.driftignore`, if it has one. */
function readIgnoreFile(dir: string): { patterns: AddressPattern[]; diagnostics: Diagnostic[] } {
  const path = join(dir, DRIFT_IGNORE);
  if (!existsSync(path) || !statSync(path).isFile()) return { patterns: [], diagnostics: [] };
  return parseIgnoreFile(readFileSync(path, 'utf8'), relative(process.cwd(), path) || path);
}
