#!/usr/bin/env node
// merge-state.mjs BASE OURS THEIRS: three-way merge of logwarden state files (`state/logwarden.json`),
// printed on stdout. save-state.sh runs it when the state branch moved since this job restored its
// state and both sides changed the file: two applies of one state ran at once. Ownership records
// merge per resource, as `git merge` merges lines: a record one side changed (added, dropped) since
// BASE takes that side's value; one both sides have keeps the earlier `since`. BASE is "" when the
// job started with no state. Exit 1, printing why, when the files are not states of the same lineage.
import { readFileSync } from 'node:fs';

/** Keys the merge understands; any other top-level key merges whole, and only one side may change it. */
const KNOWN = new Set(['format', 'lineage', 'serial', 'targets', 'applied']);
/** As src/state/workspace.ts: how many applied plans a state remembers. */
const APPLIED_KEPT = 100;

class MergeError extends Error {}

/** JSON with object keys sorted: equal documents give equal strings, whatever their key order. */
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v !== null && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}` : JSON.stringify(v);
const same = (a, b) => canonical(a) === canonical(b);
const own = (obj, key) => (obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined);

/** The value a three-way merge keeps when only one side changed it; `both(ours, theirs)` otherwise. */
function pick(base, ours, theirs, both) {
  if (same(ours, base) || same(ours, theirs)) return theirs;
  if (same(theirs, base)) return ours;
  return both(ours, theirs);
}

/** Both sides own the resource: the record of whichever started managing it first. */
const earlier = (ours, theirs) => {
  if (ours === undefined || theirs === undefined) return ours ?? theirs; // dropped on one side, changed on the other: still owned
  return ours.since < theirs.since ? ours : theirs;
};

function mergeRecords(base = {}, ours = {}, theirs = {}) {
  const merged = new Map();
  for (const address of new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])) {
    const record = pick(own(base, address), own(ours, address), own(theirs, address), earlier);
    if (record !== undefined) merged.set(address, record);
  }
  return Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function mergeTargets(base = {}, ours = {}, theirs = {}) {
  const targets = new Map();
  for (const target of new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])) {
    targets.set(target, mergeRecords(own(base, target), own(ours, target), own(theirs, target)));
  }
  return Object.fromEntries(targets);
}

/** Every plan either side applied (a saved plan must never apply twice), oldest first. */
function mergeApplied(ours = [], theirs = []) {
  const byPlan = new Map();
  for (const a of [...theirs, ...ours]) if (!byPlan.has(a.plan) || a.at < byPlan.get(a.plan).at) byPlan.set(a.plan, a);
  return [...byPlan.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(-APPLIED_KEPT);
}

/** Merges three parsed state documents (`base` undefined: the job started from no state). */
function mergeState(base, ours, theirs) {
  for (const [side, doc] of [['ours', ours], ['theirs', theirs], ['base', base]]) {
    if (doc !== undefined && doc.format !== 1) throw new MergeError(`${side}: not a logwarden state file of format 1`);
  }
  // no base: this job began with no state, so its lineage is new; the branch's came first
  if (base !== undefined && (ours.lineage !== base.lineage || theirs.lineage !== base.lineage)) {
    throw new MergeError(`the states have different lineages (base ${base.lineage}, ours ${ours.lineage}, theirs ${theirs.lineage}): one of them was replaced, not changed`);
  }
  const merged = new Map([
    ['format', 1],
    ['lineage', theirs.lineage],
    ['serial', Math.max(ours.serial, theirs.serial) + 1],
    ['targets', mergeTargets(base?.targets, ours.targets, theirs.targets)],
  ]);
  const applied = mergeApplied(ours.applied, theirs.applied);
  if (applied.length > 0) merged.set('applied', applied);
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    if (KNOWN.has(key)) continue;
    const value = pick(own(base, key), own(ours, key), own(theirs, key), () => {
      throw new MergeError(`both sides changed "${key}" differently`);
    });
    if (value !== undefined) merged.set(key, value);
  }
  return Object.fromEntries(merged);
}

function read(file) {
  if (file === '') return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MergeError(`${file}: ${e.message}`);
  }
}

const [base, ours, theirs] = process.argv.slice(2);
try {
  if (ours === undefined || theirs === undefined) throw new MergeError('usage: merge-state.mjs BASE OURS THEIRS (BASE "" for none)');
  process.stdout.write(`${JSON.stringify(mergeState(read(base), read(ours), read(theirs)), null, 1)}\n`);
} catch (e) {
  if (!(e instanceof MergeError)) throw e;
  process.stderr.write(`merge-state.mjs: cannot merge the state files: ${e.message}\n`);
  process.exitCode = 1;
}
