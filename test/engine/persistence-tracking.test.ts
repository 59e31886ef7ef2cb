import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { applyChanges, collectChanges } from '../../src/engine/persist/changes.js';
import { persistedValue } from '../../src/engine/persist/paths.js';
import { ChangeTracker, rawState } from '../../src/engine/persist/tracker.js';

const test = suite('engine persistence: change tracking');

type World = Record<string, any>;

/**
 * Runs `mutate` on a tracked view of `world`, then replays the collected changes onto a copy of
 * the world as it was: the copy must equal the world as persisted (key order included). Returns
 * the changes.
 */
function roundTrip(world: World, mutate: (w: World) => void, transient: string[][] = []): unknown[] {
  const before = JSON.parse(JSON.stringify(world));
  const tracker = new ChangeTracker(transient);
  mutate(tracker.view(world));
  const changes = JSON.parse(JSON.stringify(collectChanges(world, tracker.take(), transient)));
  applyChanges(before, changes);
  assert.is(JSON.stringify(before), JSON.stringify(persistedValue(world, [], transient)));
  return changes;
}

const base = (): World => ({
  accounts: { a: { regions: { r: { logs: { logGroups: { g1: { retention: 1, tags: { x: '1', y: '2' } }, g2: { tags: {} } } }, list: [1, 2, 3] } } } },
  clock: 0,
});
const groups = (w: World) => w.accounts.a.regions.r.logs.logGroups;
const G = ['accounts', 'a', 'regions', 'r', 'logs', 'logGroups'];

test('a member set in place is logged as itself, at its own path', () => {
  const changes = roundTrip(base(), (w) => {
    groups(w).g1.retention = 30;
  });
  assert.equal(changes, [['set', [...G, 'g1', 'retention'], 30]]);
});

test('added and deleted members keep key order: an added one is inserted last', () => {
  const changes = roundTrip(base(), (w) => {
    delete groups(w).g1.tags.x;
    groups(w).g1.tags.x = 'again';
    groups(w).g1.tags.z = '3';
    delete groups(w).g2;
  });
  assert.equal(changes, [
    ['delete', [...G, 'g2']],
    ['insert', [...G, 'g1', 'tags', 'x'], 'again'],
    ['insert', [...G, 'g1', 'tags', 'z'], '3'],
  ]);
});

test('members added, deleted and added again replay in the order they end up in', () => {
  roundTrip(base(), (w) => {
    const tags = groups(w).g2.tags;
    tags.a = '1';
    tags.b = '2';
    delete tags.a;
    tags.a = '3';
    groups(w).g1.tags.x = 'in place';
  });
});

test('pushes are appends, a trim of the front is a trim; other splices and sorts rewrite the array', () => {
  const LIST = ['accounts', 'a', 'regions', 'r', 'list'];
  const pushed = roundTrip(base(), (w) => {
    w.accounts.a.regions.r.list.push(4, 5);
    w.accounts.a.regions.r.list.push(6);
  });
  assert.equal(pushed, [['append', LIST, [4, 5, 6]]]);
  const window = roundTrip(base(), (w) => {
    const list = w.accounts.a.regions.r.list;
    list.push(4);
    assert.equal(list.splice(0, 2), [1, 2]);
    list.push(5);
    list.splice(0, 1);
  });
  assert.equal(window, [['trim', LIST, 3], ['append', LIST, [4, 5]]]);
  const intoNew = roundTrip(base(), (w) => {
    w.accounts.a.regions.r.list.push(0);
    w.accounts.a.regions.r.list.splice(0, 4);
  });
  assert.equal(intoNew, [['set', LIST, []]]);
  const inside = roundTrip(base(), (w) => w.accounts.a.regions.r.list.splice(1, 1, 'x', 'y'));
  assert.equal(inside, [['set', LIST, [1, 'x', 'y', 3]]]);
  roundTrip(base(), (w) => w.accounts.a.regions.r.list.sort((x: number, y: number) => y - x));
  roundTrip(base(), (w) => {
    w.accounts.a.regions.r.list.length = 1;
  });
});

test('a write under a replaced value is covered by it; a moved object is logged where it is now', () => {
  const changes = roundTrip(base(), (w) => {
    const g1 = groups(w).g1;
    groups(w).moved = g1; // the proxy is stored as its raw object
    delete groups(w).g1;
    g1.retention = 7; // through the path it was reached by: gone now, covered by `moved`
    groups(w).fresh = { tags: {} };
    groups(w).fresh.tags.k = 'v';
  });
  assert.equal(changes.length, 3);
  assert.ok(!JSON.stringify(changes).includes('"g1","retention"'));
  const world = base();
  roundTrip(world, (w) => {
    groups(w).copy = { ...groups(w).g2, nested: [groups(w).g1.tags] };
  });
  assert.is(rawState(groups(world).copy.nested[0]), groups(world).g1.tags, 'no proxy is stored in the world');
});

test('__proto__, constructor and defineProperty are own members like any other', () => {
  const changes = roundTrip(base(), (w) => {
    Object.defineProperty(groups(w), '__proto__', { value: { tags: {} }, enumerable: true, writable: true, configurable: true });
    groups(w).constructor = 'c';
  });
  assert.is(changes.length, 2);
});

test('transient locations are neither tracked nor persisted inside a value set above them', () => {
  const world = base();
  world.accounts.a.regions.r.events = [{ big: true }];
  const transient = [['accounts', '*', 'regions', '*', 'events']];
  const changes = roundTrip(
    { ...world, accounts: { a: { regions: { r: { ...world.accounts.a.regions.r, events: [] } } } } },
    (w) => {
      w.accounts.a.regions.r.events.push({ e: 1 });
      w.accounts.a.regions.r2 = { events: [{ e: 2 }], logs: {} };
    },
    transient,
  );
  assert.equal(changes, [['insert', ['accounts', 'a', 'regions', 'r2'], { events: [], logs: {} }]]);
});

test('the same raw object is the same proxy within a call, and rawState undoes it', () => {
  const world = base();
  const view = new ChangeTracker([]).view(world);
  assert.ok(groups(view).g1 === groups(view).g1);
  assert.ok(rawState(groups(view).g1) === groups(world).g1);
  assert.ok(rawState(groups(world).g1) === groups(world).g1);
  assert.equal(structuredClone(rawState(groups(view).g1)), groups(world).g1);
});

test('replay creates what is missing on disk instead of refusing the log', () => {
  const world: World = { x: { list: 'not a list' } };
  applyChanges(world, [
    ['set', ['a', 'b', 'c'], 1],
    ['append', ['x', 'list'], [1, 2]],
    ['append', ['y', 'list'], [3]],
  ]);
  assert.equal(world, { x: { list: [1, 2] }, a: { b: { c: 1 } }, y: { list: [3] } });
});

test.run();
