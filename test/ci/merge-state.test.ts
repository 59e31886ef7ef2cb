import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, run } from './sandbox.js';

const at = (since: string, origin = 'created') => ({ origin, since });
const T = 'aws|123456789012|eu-west-1';
const state = (serial: number, records: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ format: 1, lineage: 'L', serial, targets: { [T]: records }, ...extra });

/** Runs merge-state.mjs on three documents (`base` undefined: none). */
async function merge(base: unknown, ours: unknown, theirs: unknown): Promise<{ code: number; doc?: any; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-merge-'));
  try {
    const file = (name: string, doc: unknown) => (writeFileSync(join(dir, name), JSON.stringify(doc)), join(dir, name));
    const args = [base === undefined ? '' : file('base.json', base), file('ours.json', ours), file('theirs.json', theirs)];
    const r = await run(['node', join(REPO, 'scripts', 'ci', 'merge-state.mjs'), ...args], dir, process.env);
    return { code: r.code, doc: r.code === 0 ? JSON.parse(r.out) : undefined, err: r.err };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BASE = state(4, { 'logGroup:/keep': at('1'), 'logGroup:/gone': at('2') });

test('records each side added survive; serial passes both', async () => {
  const r = await merge(BASE, state(6, { ...BASE.targets[T], 'logGroup:/ours': at('5') }), state(5, { ...BASE.targets[T], 'trail:theirs': at('4', 'adopted') }));
  assert.is(r.code, 0, r.err);
  assert.equal(r.doc, state(7, { 'logGroup:/gone': at('2'), 'logGroup:/keep': at('1'), 'logGroup:/ours': at('5'), 'trail:theirs': at('4', 'adopted') }));
});

test('a record one side dropped (destroyed) stays dropped; one both own keeps the earlier record', async () => {
  const r = await merge(BASE, state(5, { 'logGroup:/keep': at('1'), 'logGroup:/both': at('7', 'adopted') }), state(5, { ...BASE.targets[T], 'logGroup:/both': at('6') }));
  assert.equal(r.doc.targets[T], { 'logGroup:/both': at('6'), 'logGroup:/keep': at('1') });
});

test('dropped on one side, owned anew on the other: still owned', async () => {
  const r = await merge(BASE, state(5, { 'logGroup:/keep': at('1') }), state(5, { 'logGroup:/keep': at('1'), 'logGroup:/gone': at('9', 'adopted') }));
  assert.equal(r.doc.targets[T], { 'logGroup:/gone': at('9', 'adopted'), 'logGroup:/keep': at('1') });
});

test('no base (the job began with no state): the branch\'s lineage, every record of both', async () => {
  const r = await merge(undefined, { ...state(1, { 'logGroup:/ours': at('3') }), lineage: 'NEW' }, state(4, { 'logGroup:/theirs': at('2') }));
  assert.equal(r.doc, state(5, { 'logGroup:/ours': at('3'), 'logGroup:/theirs': at('2') }));
});

test('targets and applied plans of both sides are kept, oldest plan first', async () => {
  const ours = { ...state(5, {}), targets: { [T]: {}, 'local|123456789012|us-east-1': { 'logGroup:/l': at('3') } }, applied: [{ plan: 'p2', at: '3' }] };
  const theirs = state(5, {}, { applied: [{ plan: 'p1', at: '2' }] });
  const r = await merge(state(4, {}), ours, theirs);
  assert.equal(Object.keys(r.doc.targets), [T, 'local|123456789012|us-east-1']);
  assert.equal(r.doc.applied, [{ plan: 'p1', at: '2' }, { plan: 'p2', at: '3' }]);
});

test('other keys: one side\'s change is kept, a key spelled __proto__ included; both changing one differently is refused', async () => {
  const r = await merge(state(4, {}), state(5, {}, JSON.parse('{"__proto__": {"polluted": true}, "note": "ours"}')), state(5, {}));
  assert.is(r.code, 0, r.err);
  assert.is(r.doc.note, 'ours');
  assert.ok(Object.hasOwn(r.doc, '__proto__'));
  assert.is(({} as { polluted?: boolean }).polluted, undefined);
  const both = await merge(state(4, {}), state(5, {}, { note: 'ours' }), state(5, {}, { note: 'theirs' }));
  assert.is(both.code, 1);
  assert.is(both.err, 'merge-state.mjs: cannot merge the state files: both sides changed "note" differently\n');
});

test('states of another lineage, or not state files, are refused', async () => {
  const replaced = await merge(BASE, state(5, {}), { ...state(1, {}), lineage: 'OTHER' });
  assert.is(replaced.code, 1);
  assert.match(replaced.err, 'the states have different lineages (base L, ours L, theirs OTHER): one of them was replaced, not changed');
  const notState = await merge(BASE, state(5, {}), { format: 2 });
  assert.is(notState.err, 'merge-state.mjs: cannot merge the state files: theirs: not a logwarden state file of format 1\n');
});

test.run();
