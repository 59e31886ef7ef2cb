import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { kindSpec, TOP_LEVEL_KINDS } from '../../src/kinds/index.js';
import { emptyManifest, scopeManifest } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { addressKey } from '../../src/model/address.js';
import type { Json, ResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources, type Ownership } from '../../src/plan/changes.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { NO_COLOR } from '../../src/render/values.js';
import { CTX, EVERYTHING_OWNED } from './fixtures.js';
import { generateManifest, Random } from './generate.js';

const SETS = 60;
const PAIRS = 300;
const SEED = 7;

/** The desired set of a generated manifest, resolved without YAML (the loader is not under test). */
function resolved(r: Random): ResourceSet {
  const generated = generateManifest(r) as Record<string, any>;
  const m = emptyManifest();
  for (const kind of TOP_LEVEL_KINDS) {
    const declared = Object.entries((generated[kindSpec(kind).section] ?? {}) as Record<string, unknown>);
    const part = scopeManifest(m, {});
    part.declarations.set(kind, new Map(declared));
    part.names.set(kind, new Set(declared.map(([name]) => name)));
  }
  m.defaultTags = generated.defaults?.tags ?? {};
  return resolveManifest(m, CTX).resources;
}

/** A JSON value of any shape, to put where the model expects something else. */
function junk(r: Random, depth = 0): Json {
  switch (r.int(depth > 2 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return r.pick(['', 'x', ' spaced  out ', '{"not":"parsed"}']);
    case 2:
      return r.pick([0, -1, 1.5, 3653]);
    case 3:
      return r.chance(0.5);
    case 4:
      return [];
    case 5:
      return Array.from({ length: r.int(3) }, () => junk(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(3) }, (_, i) => [`k${i}`, junk(r, depth + 1)]));
  }
}

/** Replaces, drops or adds members of a resource at random, at any depth. */
function scramble(value: Record<string, unknown>, r: Random): void {
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (r.chance(0.1)) delete value[key];
    else if (r.chance(0.15)) value[key] = junk(r);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && r.chance(0.5)) scramble(v as Record<string, unknown>, r);
  }
  if (r.chance(0.1)) value[`extra${r.int(3)}`] = junk(r);
}

/** Every resource of a set scrambled, keeping the set's shape: resources by address. */
function scrambled(set: ResourceSet, r: Random): ResourceSet {
  const copy = structuredClone(set);
  for (const resource of copy.values()) scramble(resource.value as Record<string, unknown>, r);
  return copy;
}

const randomOwnership = (r: Random): Ownership => {
  const seed = r.int(1000);
  return { isOwned: (a) => (addressKey(a).length + seed) % 2 === 0 };
};

const render = (desired: ResourceSet, observed: ResourceSet, ownership: Ownership) => {
  const changes = diffResources(desired, observed, ownership);
  renderPlanText({ target: 't', changes, diagnostics: [] }, NO_COLOR);
  renderPlanJson({ target: 't', changes, calls: [], readCalls: {}, diagnostics: [] });
  return changes;
};

const test = suite('plan: the differ on random resource sets');
const r = new Random(SEED);
const sets = Array.from({ length: SETS }, () => resolved(r));

test('a set diffed against itself is all no-op, and plans no call', () => {
  for (const set of sets) {
    const changes = diffResources(set, structuredClone(set), EVERYTHING_OWNED);
    assert.equal(changes.filter((c) => c.action !== 'no-op'), []);
    assert.equal(planCalls(changes, CTX), []);
  }
});

test(`${PAIRS} random pairs of valid sets: diff, calls and both renderings never throw; every address at most once`, () => {
  for (let i = 0; i < PAIRS; i++) {
    const desired = r.pick(sets);
    const observed = r.pick(sets);
    const changes = render(desired, observed, randomOwnership(r));
    const keys = changes.map((c) => addressKey(c.address));
    assert.is(new Set(keys).size, keys.length, `pair ${i}: one change per address`);
    const calls = planCalls(changes, CTX);
    const ids = new Set<string>();
    for (const call of calls) {
      assert.ok(call.dependsOn.every((id) => ids.has(id)), `pair ${i}: ${call.id} waits only for earlier calls`);
      ids.add(call.id);
    }
  }
});

test(`${PAIRS} random pairs with scrambled members: the differ and the renderers never throw`, () => {
  for (let i = 0; i < PAIRS; i++) {
    const desired = scrambled(r.pick(sets), r);
    const observed = scrambled(r.pick(sets), r);
    render(desired, observed, randomOwnership(r));
    render(observed, desired, randomOwnership(r));
  }
});

test.run();
