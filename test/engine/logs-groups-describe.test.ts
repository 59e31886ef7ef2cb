import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  paginateDescribeLogGroups,
  PutRetentionPolicyCommand,
  type DescribeLogGroupsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const arnOf = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
const pad = (i: number) => String(i).padStart(3, '0');

forEachTransport('logs: DescribeLogGroups', (test, h) => {
  const create = (logGroupName: string, extra: Record<string, unknown> = {}) =>
    h().logs.send(new CreateLogGroupCommand({ logGroupName, ...extra }));
  const describe = (input: DescribeLogGroupsCommandInput = {}) => h().logs.send(new DescribeLogGroupsCommand(input));
  const names = async (input: DescribeLogGroupsCommandInput = {}) =>
    ((await describe(input)).logGroups ?? []).map((g) => g.logGroupName);
  const expectInvalid = async (input: DescribeLogGroupsCommandInput, message: string) => {
    const e = await rejects(() => describe(input));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, message);
  };

  test('results are in ASCII order of name, whatever the creation order', async () => {
    for (const n of ['b', '/z', 'B', 'a.b', 'a-b', 'a#', '_x', 'A']) await create(n);
    assert.equal(await names(), ['/z', 'A', 'B', '_x', 'a#', 'a-b', 'a.b', 'b']);
  });

  test('logGroupNamePrefix selects a contiguous range', async () => {
    for (const n of ['/app/a', '/app/b', '/apq', '/ap', '/zzz', '/app']) await create(n);
    assert.equal(await names({ logGroupNamePrefix: '/app' }), ['/app', '/app/a', '/app/b']);
    assert.equal(await names({ logGroupNamePrefix: '/nothing' }), []);
  });

  test('logGroupNamePattern: case-sensitive substring, and only arn, creationTime, logGroupName', async () => {
    for (const n of ['DataLogs', 'aws-x/DataLogs', 'GroupDataLogs', 'datalogs', 'Data/log/s']) await create(n);
    await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'DataLogs', retentionInDays: 1 }));
    const out = await describe({ logGroupNamePattern: 'DataLogs' });
    assert.equal(out.logGroups!.map((g) => g.logGroupName), ['DataLogs', 'GroupDataLogs', 'aws-x/DataLogs']);
    const g = out.logGroups![0]!;
    assert.equal(Object.keys(g).filter((k) => (g as Record<string, unknown>)[k] !== undefined).sort(), ['arn', 'creationTime', 'logGroupName']);
    assert.is(g.arn, `${arnOf('DataLogs')}:*`);
  });

  test('prefix and pattern together are refused', async () => {
    await expectInvalid(
      { logGroupNamePrefix: 'a', logGroupNamePattern: 'b' },
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  });

  test('logGroupClass filters by class', async () => {
    await create('s1');
    await create('i1', { logGroupClass: 'INFREQUENT_ACCESS' });
    await create('s2', { logGroupClass: 'STANDARD' });
    assert.equal(await names({ logGroupClass: 'INFREQUENT_ACCESS' }), ['i1']);
    assert.equal(await names({ logGroupClass: 'STANDARD' }), ['s1', 's2']);
  });

  test('logGroupIdentifiers: names and ARNs (the model refuses :*), unknown ones skipped', async () => {
    for (const n of ['/a', '/b', '/c']) await create(n);
    const ids = ['/c', arnOf('/a'), '/b', '/missing', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/a`];
    assert.equal(await names({ logGroupIdentifiers: ids }), ['/a', '/b', '/c']);
    const e = await rejects(() => describe({ logGroupIdentifiers: [`${arnOf('/b')}:*`] }));
    assert.is(
      e.message,
      `1 validation error detected: Value at 'logGroupIdentifiers.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*`,
    );
    await expectInvalid(
      { logGroupIdentifiers: ['/a'], logGroupNamePrefix: '/' },
      'logGroupIdentifiers cannot be combined with logGroupNamePrefix, logGroupNamePattern or logGroupClass.',
    );
  });

  test('pages of 50 by default across 120 groups, each name exactly once, in order', async () => {
    const all = Array.from({ length: 120 }, (_, i) => `/g/${pad(i)}`);
    for (const n of [...all].reverse()) await create(n);
    const first = await describe();
    assert.is(first.logGroups!.length, 50);
    assert.ok(first.nextToken);
    const second = await describe({ nextToken: first.nextToken });
    assert.is(second.logGroups!.length, 50);
    const third = await describe({ nextToken: second.nextToken });
    assert.is(third.logGroups!.length, 20);
    assert.is(third.nextToken, undefined);
    const seen = [...first.logGroups!, ...second.logGroups!, ...third.logGroups!].map((g) => g.logGroupName);
    assert.equal(seen, all);
  });

  test('the SDK paginator walks a prefix across pages with a small limit', async () => {
    for (let i = 0; i < 60; i++) await create(`/p/${pad(i)}`);
    for (let i = 0; i < 10; i++) await create(`/q/${pad(i)}`);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeLogGroups({ client: h().logs, pageSize: 7 }, { logGroupNamePrefix: '/p/' })) {
      pages++;
      assert.ok(page.logGroups!.length <= 7);
      seen.push(...page.logGroups!.map((g) => g.logGroupName!));
    }
    assert.is(pages, 9);
    assert.equal(seen, Array.from({ length: 60 }, (_, i) => `/p/${pad(i)}`));
  });

  test('a page boundary survives groups created and deleted between calls', async () => {
    for (const n of ['a', 'c', 'e', 'g']) await create(n);
    const first = await describe({ limit: 2 });
    assert.equal(first.logGroups!.map((g) => g.logGroupName), ['a', 'c']);
    await create('b');
    await create('d');
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'e' }));
    assert.equal(await names({ nextToken: first.nextToken }), ['d', 'g']);
  });

  test('an exact last page has no nextToken', async () => {
    for (const n of ['a', 'b']) await create(n);
    const out = await describe({ limit: 2 });
    assert.is(out.nextToken, undefined);
  });

  test('a forged or edited nextToken is refused', async () => {
    for (const n of ['a', 'b', 'c']) await create(n);
    const { nextToken } = await describe({ limit: 1 });
    const edited = `${Buffer.from(JSON.stringify({ after: 'b' })).toString('base64url')}.${nextToken!.split('.')[1]}`;
    for (const token of ['garbage', 'eyJhZnRlciI6ImEifQ', edited]) {
      await expectInvalid({ nextToken: token }, 'The specified nextToken is invalid.');
    }
  });

  test('constraint violations carry AWS validation messages', async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => create('bad name'),
        "1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      ],
      [
        () => create('a'.repeat(513)),
        `1 validation error detected: Value '${'a'.repeat(513)}' at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512`,
      ],
      [
        () => describe({ limit: 51 }),
        "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
      ],
      [
        () => create('ok', { logGroupClass: 'BOGUS' }),
        "1 validation error detected: Value 'BOGUS' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]",
      ],
      [
        () => h().logs.send(new CreateLogGroupCommand({} as never)),
        "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
      ],
    ];
    for (const [send, message] of cases) {
      const e = await rejects(send);
      assert.is(e.name, 'InvalidParameterException');
      assert.is(e.message, message);
      assert.is(e.$metadata.httpStatusCode, 400);
    }
  });
});
