import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { stringify } from 'yaml';
import { executeCalls } from '../../src/apply/execute.js';
import { createClients } from '../../src/driver/clients.js';
import { PacedSender } from '../../src/driver/pacing.js';
import { refresh } from '../../src/driver/refresh.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { addressKey, formatAddress } from '../../src/model/address.js';
import { emptyResourceSet, type ResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import type { Change } from '../../src/model/change.js';
import { diffResources, type Ownership } from '../../src/plan/changes.js';
import { scopeOf } from '../../src/apply/converge.js';
import { CTX, EVERYTHING_OWNED, NOTHING_OWNED } from './fixtures.js';
import { EXTERNALS, generateManifest, Random } from './generate.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CASES = 80;
const PAIRS = 40;
const SEED = 20240601;

const engine = new Engine({ account: CTX.account });
const clients = createClients({ kind: 'local', engine, stateDir: '(memory)', region: CTX.region });

/** The desired state of a generated manifest, through YAML, the loader and the resolver. */
function desiredOf(manifest: Record<string, unknown>): ResourceSet {
  const m = emptyManifest();
  const yaml = stringify(manifest);
  loadFile('generated.yaml', yaml, m);
  const desired = resolveManifest(m, CTX);
  const problems = [...m.diagnostics, ...desired.diagnostics].map((d) => d.summary);
  assert.equal(problems, [], `a generated manifest is valid:\n${yaml}`);
  return desired.resources;
}

/** Plans `desired` against the target as it is, runs every call on the engine; fails on any failure. */
async function apply(desired: ResourceSet, observed: ResourceSet, ownership: Ownership, context: string): Promise<void> {
  const calls = planCalls(diffResources(desired, observed, ownership), CTX);
  const results = await executeCalls(calls, async (call) => ({ output: await sendOperation(clients, call.service, call.operation, call.input), attempts: 1 }));
  const failed = results.filter((r) => r.status !== 'done').map((r) => `${r.call.operation} ${JSON.stringify(r.call.input)}: ${r.error?.code}: ${r.error?.message}`);
  assert.equal(failed, [], `every call succeeds (${context})`);
}

/** Reads the engine back the way plan does, for the names of `sets`. */
async function observe(...sets: ResourceSet[]) {
  return refresh(new PacedSender(clients), scopeOf(sets.flatMap((s) => [...s.values()].map((r) => r.address))));
}

/** Changes that are not no-ops, with what differs, for a readable failure. */
const pending = (changes: Change[]) =>
  changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${formatAddress(c.address)} ${JSON.stringify(c.attributes.map((a) => [a.path, a.before, a.after]))}`);

/** Ownership of everything a resource set holds (what an apply of it created). */
const ownerOf = (set: ResourceSet): Ownership => {
  const keys = new Set(set.keys());
  return { isOwned: (a) => keys.has(addressKey(a)) };
};

/** An empty target that knows every external a generated manifest may reference. */
function resetEngine(): void {
  engine.reset();
  engine.registerExternals({ ...EXTERNALS, region: CTX.region, account: CTX.account });
}

const test = suite('plan: generated manifests, applied, read back, planned again');

test.after(async () => {
  clients.destroy();
  await engine.close();
});

test(`${CASES} generated manifests: applied to an empty target, they plan as no change`, async () => {
  for (let i = 0; i < CASES; i++) {
    resetEngine();
    const desired = desiredOf(generateManifest(new Random(SEED + i)));
    await apply(desired, emptyResourceSet(), NOTHING_OWNED, `case ${i}`);
    const observed = await observe(desired);
    assert.equal(pending(diffResources(desired, observed.resources, EVERYTHING_OWNED)), [], `case ${i}: no changes after apply`);
  }
});

test(`${PAIRS} generated pairs: one manifest applied over another converges, and what only the first declared is gone`, async () => {
  for (let i = 0; i < PAIRS; i++) {
    resetEngine();
    const first = desiredOf(generateManifest(new Random(SEED + i)));
    const second = desiredOf(generateManifest(new Random(SEED + CASES + PAIRS + i)));
    await apply(first, emptyResourceSet(), NOTHING_OWNED, `case ${i}, first`);
    const before = await observe(first, second);
    await apply(second, before.resources, ownerOf(first), `case ${i}, second over first`);
    const after = await observe(first, second);
    assert.equal(pending(diffResources(second, after.resources, ownerOf(first))), [], `case ${i}: converged`);
    const gone = (kind: string) => (after.present[kind] ?? []).filter((name) => !second.has(`${kind}:${name}`));
    assert.equal(gone('logGroup'), [], `case ${i}: undeclared log groups deleted`);
    assert.equal(gone('trail'), [], `case ${i}: undeclared trails deleted`);
    assert.equal(gone('destination'), [], `case ${i}: undeclared destinations deleted`);
    assert.equal(gone('resourcePolicy'), [], `case ${i}: undeclared policies deleted`);
    for (const kind of ['accountPolicy', 'deliverySource', 'deliveryDestination', 'delivery', 'queryDefinition', 'anomalyDetector']) {
      assert.equal(gone(kind), [], `case ${i}: undeclared ${kind}s deleted`);
    }
  }
});

test.run();
