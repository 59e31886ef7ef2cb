import * as assert from 'uvu/assert';
import { CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { encodeJson, SharedViews } from '../../src/engine/encoded.js';
import { NameIndex } from '../../src/engine/sorted-names.js';
import { regionOf } from '../../src/engine/world.js';
import { forEachTransport } from '../helpers/harness.js';
import { suite } from 'uvu';

const unit = suite('engine hot path: shared views, their encoding, name indexes');

unit('encodeJson writes exactly what JSON.stringify writes, shared views spliced in', () => {
  const views = new SharedViews<object, object>();
  const records = [{}, {}, {}];
  const page = records.map((r, i) => views.share(r, { name: `g-${i}`, n: i, quote: 'a"b\u2028', flag: i === 1 ? undefined : true }));
  const outputs: object[] = [
    { logGroups: page, nextToken: 'tok' },
    { nextToken: undefined, logGroups: page, more: [1, { a: 2 }], empty: [] },
    { logGroups: [...page, { plain: 'not shared' }, undefined] },
    { logGroups: [] },
    { only: 'plain', nested: { logGroups: page } },
  ];
  for (const output of outputs) assert.is(encodeJson(output).toString('utf8'), JSON.stringify(output));
});

unit('a shared view is the same object while equal, and a new one once anything differs', () => {
  const views = new SharedViews<object, Record<string, unknown>>();
  const record = {};
  const first = views.share(record, { a: 1, b: 'x' });
  assert.ok(views.share(record, { a: 1, b: 'x' }) === first);
  assert.ok(Object.isFrozen(first));
  const changed = views.share(record, { a: 2, b: 'x' });
  assert.is(changed.a, 2);
  assert.is(views.share(record, { a: 2, b: 'x', c: true }).c, true);
  assert.is(views.share({}, { a: 1, b: 'x' }) === first, false, 'one view per record');
});

unit('a name index keeps order and membership through bursts of creates and deletes', () => {
  const owner = { items: {} as Record<string, true> };
  const index = new NameIndex<typeof owner>((o) => o.items);
  const expected = () => Object.keys(owner.items).sort();
  assert.equal(index.sorted(owner), []);
  for (const name of ['m', 'c', 'x', 'a', 'c']) {
    if (!owner.items[name]) index.added(owner, name);
    owner.items[name] = true;
  }
  assert.is(index.count(owner), 4);
  assert.equal(index.sorted(owner), expected());
  for (const name of ['b', 'z']) {
    owner.items[name] = true;
    index.added(owner, name);
  }
  for (const name of ['z', 'm']) {
    delete owner.items[name];
    index.removed(owner, name);
  }
  assert.equal(index.sorted(owner), expected());
  assert.is(index.count(owner), 4);
});

unit.run();

forEachTransport('DescribeLogGroups with shared views', (test, h) => {
  const describe = async () => (await h().logs.send(new DescribeLogGroupsCommand({}))).logGroups!;

  test('a described group that changes is described as it is now', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'b' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'a' }));
    assert.equal((await describe()).map((g) => g.retentionInDays), [undefined, undefined]);
    await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'b', retentionInDays: 7 }));
    assert.equal((await describe()).map((g) => g.retentionInDays), [undefined, 7]);
    // a writer outside the API (a test seeding state) is seen too: views are compared, not invalidated
    const group = regionOf(h().engine.world, '123456789012', 'us-east-1').logs.logGroups['a']!;
    group.streams = { s: { logStreamName: 's', creationTime: 1, uploadSequenceToken: '1', storedBytes: 42, events: [] } };
    assert.equal((await describe()).map((g) => g.storedBytes), [42, 0]);
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'a' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'a' }));
    const [a] = await describe();
    assert.is(a!.storedBytes, 0);
    assert.is(a!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:a:*');
  });
});
