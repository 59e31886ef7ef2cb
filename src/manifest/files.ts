import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP_DIRS = new Set(['state', 'node_modules', '.git']);

/** Every `*.yaml`/`*.yml` below `dir`, except `state/` (and node_modules, .git), sorted. */
export function findManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, top: boolean) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!(SKIP_DIRS.has(entry.name) && (top || entry.name !== 'state'))) walk(p, false);
      } else if (/\.ya?ml$/.test(entry.name)) out.push(p);
    }
  };
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${dir}: no such directory`);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
  walk(dir, true);
  return out;
}
