import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { estimateCost } from '../../src/cost/estimate.js';
import { DAYS_PER_MONTH, GB, pricesOf } from '../../src/cost/prices.js';
import { diffResources } from '../../src/plan/changes.js';
import { EVERYTHING_OWNED, group, set, type GroupFixture } from '../plan/fixtures.js';

const test = suite('cost: the price arithmetic');

const NOW = Date.UTC(2026, 0, 31);
const DAY = 86_400_000;

/** The cost of taking `before` groups to `after` ones, each group `[storedBytes, age in days]`. */
function cost(before: GroupFixture[], after: GroupFixture[], facts: Record<string, [number, number]>, region = 'us-east-1') {
  const changes = diffResources(set({ logGroups: after }), set({ logGroups: before }), EVERYTHING_OWNED);
  const measured = new Map(Object.entries(facts).map(([name, [storedBytes, age]]) => [`logGroup:${name}`, { storedBytes, creationTime: NOW - age * DAY }]));
  return estimateCost(changes, measured, region, NOW);
}

test('the table: Infrequent Access ingests at half the Standard price; storage is the same for both', () => {
  assert.equal(pricesOf('us-east-1'), { ingestionPerGb: { STANDARD: 500_000, INFREQUENT_ACCESS: 250_000 }, storagePerGbMonth: 30_000 });
  assert.equal(pricesOf('eu-central-1'), { ingestionPerGb: { STANDARD: 630_000, INFREQUENT_ACCESS: 315_000 }, storagePerGbMonth: 32_400 });
  assert.is(pricesOf('xx-nowhere-1'), undefined);
  assert.is(GB, 1_073_741_824);
  assert.is(DAYS_PER_MONTH * 24, 730);
});

test('a delete: everything stored goes, and its storage with it', () => {
  const c = cost([group('/old', { retentionInDays: 30 })], [], { '/old': [10 * GB, 400] });
  assert.equal(c.items, [
    { address: { kind: 'logGroup', name: '/old' }, cause: 'delete', before: { logGroupClass: 'STANDARD', retentionInDays: 30 }, storedBytes: 10 * GB, notes: [], deletedBytes: 10 * GB, storageMonthly: -300_000 },
  ]);
  assert.equal(c.total, { storedBytes: 10 * GB, deletedBytes: 10 * GB, storageMonthly: -300_000, storageGrowthMonthly: 0 });
});

test('a class change replaces the group: its events go; ingestion per GB changes (the volume is not known)', () => {
  const [item] = cost([group('/app', { retentionInDays: 90 })], [group('/app', { retentionInDays: 90, logGroupClass: 'INFREQUENT_ACCESS' })], { '/app': [4 * GB, 200] }).items;
  assert.is(item!.cause, 'class');
  assert.is(item!.deletedBytes, 4 * GB);
  assert.is(item!.storageMonthly, -120_000);
  assert.equal(item!.ingestionPerGb, { before: 500_000, after: 250_000 });
  assert.equal(item!.notes, ['the ingested volume is not known to logwarden (the AWS/Logs IncomingBytes metric has it): the ingestion change is per GB']);
});

test('a DELIVERY group is not priced for ingestion', () => {
  const [item] = cost([group('/d')], [group('/d', { logGroupClass: 'DELIVERY' })], { '/d': [0, 1] }).items;
  assert.equal(item!.ingestionPerGb, { before: 500_000, after: undefined });
  assert.is(item!.notes[0], 'DELIVERY groups are billed as vended-log delivery to their destination, not priced here');
});

test('a shorter retention deletes the share older than it (steady events over the days kept) and lowers the steady state', () => {
  // 60 days old, 30 kept: 0.1 GB a day; 7 days keep 0.7 GB, 2.3 GB go
  const [item] = cost([group('/a', { retentionInDays: 30 })], [group('/a', { retentionInDays: 7 })], { '/a': [3 * GB, 60] }).items;
  assert.is(item!.cause, 'retention');
  assert.is(item!.deletedBytes, Math.round(2.3 * GB));
  assert.is(item!.storageMonthly, -69_000);
  assert.is(item!.storageGrowthMonthly, undefined);
  assert.equal(item!.notes, [`estimated from ${3 * GB} bytes kept over 30 day(s), assuming a steady rate of events`]);
});

test('a longer retention deletes nothing and raises the steady state', () => {
  const [item] = cost([group('/a', { retentionInDays: 7 })], [group('/a', { retentionInDays: 30 })], { '/a': [Math.round(0.7 * GB), 100] }).items;
  assert.is(item!.deletedBytes, 0);
  assert.is(item!.storageMonthly, 69_000);
});

test('from never expire: what is older than the retention goes, and storage stops growing a month of events a month', () => {
  // 90 days kept, 0.1 GB a day: 30 days keep 3 GB, 6 GB go; a month of events is 0.1 × 730/24 GB
  const [item] = cost([group('/a')], [group('/a', { retentionInDays: 30 })], { '/a': [9 * GB, 90] }).items;
  assert.is(item!.deletedBytes, 6 * GB);
  assert.is(item!.storageMonthly, -180_000);
  assert.is(item!.storageGrowthMonthly, -91_250);
});

test('to never expire: nothing goes, and storage grows by a month of events every month', () => {
  const [item] = cost([group('/a', { retentionInDays: 30 })], [group('/a')], { '/a': [GB, 10] }).items;
  assert.is(item!.deletedBytes, 0);
  assert.is(item!.storageMonthly, 0);
  assert.is(item!.storageGrowthMonthly, 91_250);
});

test('a group younger than a day counts as a day old', () => {
  const [item] = cost([group('/a', { retentionInDays: 30 })], [group('/a', { retentionInDays: 1 })], { '/a': [GB, 0] }).items;
  assert.is(item!.deletedBytes, 0);
  assert.is(item!.storageMonthly, -870_000);
});

test('other regions use their own prices; a region missing from the table shows bytes, not money', () => {
  assert.is(cost([group('/old')], [], { '/old': [GB, 1] }, 'eu-central-1').items[0]!.storageMonthly, -32_400);
  assert.is(cost([group('/old')], [], { '/old': [GB, 1] }, 'sa-east-1').items[0]!.storageMonthly, -40_800);
  const unpriced = cost([group('/old')], [], { '/old': [GB, 1] }, 'xx-nowhere-1');
  assert.is(unpriced.priced, false);
  assert.equal(unpriced.items[0]!.deletedBytes, GB);
  assert.is(unpriced.items[0]!.storageMonthly, undefined);
});

test('only retention and class changes and deletes count; a group the target reports nothing of says so', () => {
  const c = cost([group('/tags'), group('/quiet', { retentionInDays: 30 })], [group('/tags', { tags: { a: 'b' } }), group('/new'), group('/quiet', { retentionInDays: 7 })], {});
  assert.equal(c.items.map((i) => [i.address.name, i.cause, i.storedBytes, i.deletedBytes, i.notes]), [['/quiet', 'retention', undefined, undefined, ['the target reports no storedBytes for this group']]]);
});

test('totals add every item up', () => {
  const c = cost([group('/a'), group('/b')], [], { '/a': [GB, 1], '/b': [2 * GB, 1] });
  assert.equal(c.total, { storedBytes: 3 * GB, deletedBytes: 3 * GB, storageMonthly: -90_000, storageGrowthMonthly: 0 });
});

test.run();
