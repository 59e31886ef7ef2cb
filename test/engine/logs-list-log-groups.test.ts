import * as assert from 'uvu/assert';
import {
  CreateImportTaskCommand,
  CreateLogGroupCommand,
  GetLogFieldsCommand,
  GetLogObjectCommand,
  ListAggregateLogGroupSummariesCommand,
  ListLogGroupsCommand,
  PutAccountPolicyCommand,
  PutIndexPolicyCommand,
  type ListLogGroupsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';
import { IMPORT_ROLE as ROLE, lakeWithTwoDays } from '../helpers/lake.js';

const ACCOUNT = '123456789012';

forEachTransport('logs: ListLogGroups', (test, h) => {
  const names = async (input: ListLogGroupsCommandInput = {}) =>
    (await h().logs.send(new ListLogGroupsCommand(input))).logGroups!.map((g) => g.logGroupName);
  const seed = async () => {
    const groups: [string, Record<string, string>, string?][] = [
      ['/aws/lambda/pay', { env: 'prod', team: 'Payments' }],
      ['/aws/lambda/ship', { env: 'production' }],
      ['app-discovery', { env: 'dev' }, 'INFREQUENT_ACCESS'],
      ['plain', {}],
    ];
    for (const [logGroupName, tags, cls] of groups) {
      const tagged = Object.keys(tags).length > 0 ? { tags } : {};
      await h().logs.send(new CreateLogGroupCommand({ logGroupName, ...tagged, logGroupClass: cls as 'STANDARD' | undefined }));
    }
  };

  test('summaries in name order with ARN and class', async () => {
    await seed();
    const { logGroups } = await h().logs.send(new ListLogGroupsCommand({}));
    assert.equal(logGroups![0], {
      logGroupName: '/aws/lambda/pay',
      logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/pay`,
      logGroupClass: 'STANDARD',
    });
    assert.equal(logGroups!.map((g) => g.logGroupName), ['/aws/lambda/pay', '/aws/lambda/ship', 'app-discovery', 'plain']);
  });

  test('name patterns: prefixes with ^, substrings, alternatives with |, case-sensitive', async () => {
    await seed();
    assert.equal(await names({ logGroupNamePattern: '^/aws/lambda' }), ['/aws/lambda/pay', '/aws/lambda/ship']);
    assert.equal(await names({ logGroupNamePattern: '^/aws/lambda/p|discovery' }), ['/aws/lambda/pay', 'app-discovery']);
    assert.equal(await names({ logGroupNamePattern: 'ship' }), ['/aws/lambda/ship']);
    assert.equal(await names({ logGroupNamePattern: 'SHIP' }), []);
    const e = await rejects(() => names({ logGroupNamePattern: 'ab' }));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /at 'logGroupNamePattern' failed to satisfy constraint/);
  });

  test('class and tag filters: exact, wildcard (case-insensitive), negation, key only', async () => {
    await seed();
    assert.equal(await names({ logGroupClass: 'INFREQUENT_ACCESS' }), ['app-discovery']);
    assert.equal(await names({ logGroupTags: [{ key: 'env', values: ['prod'] }] }), ['/aws/lambda/pay']);
    assert.equal(await names({ logGroupTags: [{ key: 'env', values: ['PROD*'] }] }), ['/aws/lambda/pay', '/aws/lambda/ship']);
    assert.equal(await names({ logGroupTags: [{ key: 'env', values: ['!prod'] }] }), ['/aws/lambda/ship', 'app-discovery']);
    assert.equal(await names({ logGroupTags: [{ key: 'env', values: ['*tion'] }] }), ['/aws/lambda/ship']);
    assert.equal(await names({ logGroupTags: [{ key: 'team' }] }), ['/aws/lambda/pay']);
    assert.equal(await names({ logGroupTags: [{ key: 'env', values: ['dev', 'prod'] }, { key: 'team' }] }), ['/aws/lambda/pay']);
    assert.equal(await names({ fieldIndexNames: ['requestId'] }), []);
  });

  test('field index names: groups whose index policy (their own, or an account policy selecting them) indexes every named field', async () => {
    await seed();
    await h().logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: 'plain', policyDocument: JSON.stringify({ Fields: ['requestId', 'userId'] }) }));
    await h().logs.send(new PutAccountPolicyCommand({ policyName: 'lambda', policyType: 'FIELD_INDEX_POLICY', policyDocument: JSON.stringify({ Fields: ['requestId'] }), selectionCriteria: 'LogGroupNamePrefix IN ["/aws/lambda"]' }));
    assert.equal(await names({ fieldIndexNames: ['requestId'] }), ['/aws/lambda/pay', '/aws/lambda/ship', 'plain']);
    assert.equal(await names({ fieldIndexNames: ['requestId', 'userId'] }), ['plain']);
  });

  test('linked accounts: the engine has none, so only the own account can be searched', async () => {
    await seed();
    assert.is((await names({ includeLinkedAccounts: true })).length, 4);
    assert.is((await names({ includeLinkedAccounts: true, accountIdentifiers: [ACCOUNT] })).length, 4);
    assert.equal(await names({ includeLinkedAccounts: true, accountIdentifiers: ['210987654321'] }), []);
  });

  test('pages by limit and token; a forged token is refused', async () => {
    await seed();
    const first = await h().logs.send(new ListLogGroupsCommand({ limit: 3 }));
    assert.is(first.logGroups!.length, 3);
    const second = await h().logs.send(new ListLogGroupsCommand({ limit: 3, nextToken: first.nextToken }));
    assert.equal(second.logGroups!.map((g) => g.logGroupName), ['plain']);
    assert.is(second.nextToken, undefined);
    const e = await rejects(() => h().logs.send(new ListLogGroupsCommand({ nextToken: 'forged' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified nextToken is invalid.');
  });

  test('data sources: an imported CloudTrail group is aws_cloudtrail/management, summarized and described', async () => {
    await seed();
    const arn = await lakeWithTwoDays(h());
    const { importDestinationArn } = await h().logs.send(new CreateImportTaskCommand({ importSourceArn: arn, importRoleArn: ROLE }));
    const managed = importDestinationArn!.split(':log-group:')[1]!;
    assert.equal(await names({ dataSources: [{ name: 'aws_cloudtrail' }] }), []);
    await h().admin('POST /_engine/clock', { advanceSeconds: 60 });
    assert.equal(await names({ dataSources: [{ name: 'aws_cloudtrail' }] }), [managed]);
    assert.equal(await names({ dataSources: [{ name: 'aws_cloudtrail', type: 'data' }] }), []);
    assert.equal(await names({ dataSources: [{ name: 'amazon_vpc' }, { name: 'aws_cloudtrail', type: 'management' }] }), [managed]);

    const byType = await h().logs.send(new ListAggregateLogGroupSummariesCommand({ groupBy: 'DATA_SOURCE_NAME_AND_TYPE' }));
    assert.equal(byType.aggregateLogGroupSummaries, [
      {
        logGroupCount: 1,
        groupingIdentifiers: [
          { key: 'dataSource.Name', value: 'aws_cloudtrail' },
          { key: 'dataSource.Type', value: 'management' },
        ],
      },
    ]);
    const byFormat = await h().logs.send(new ListAggregateLogGroupSummariesCommand({ groupBy: 'DATA_SOURCE_NAME_TYPE_AND_FORMAT' }));
    assert.equal(byFormat.aggregateLogGroupSummaries![0]!.groupingIdentifiers![2], { key: 'dataSource.Format', value: 'JSON' });
    const none = await h().logs.send(new ListAggregateLogGroupSummariesCommand({ groupBy: 'DATA_SOURCE_NAME_AND_TYPE', logGroupClass: 'DELIVERY' }));
    assert.equal(none.aggregateLogGroupSummaries, []);

    const { logFields } = await h().logs.send(new GetLogFieldsCommand({ dataSourceName: 'aws_cloudtrail', dataSourceType: 'management' }));
    assert.ok(logFields!.some((f) => f.logFieldName === 'eventName' && f.logFieldType!.type === 'string'));
    const identity = logFields!.find((f) => f.logFieldName === 'userIdentity')!;
    assert.is(identity.logFieldType!.type, 'struct');
    assert.ok(identity.logFieldType!.fields!.some((f) => f.logFieldName === 'arn'));
  });

  test('GetLogFields of an unknown data source, GetLogObject of any pointer: not found', async () => {
    let e = await rejects(() => h().logs.send(new GetLogFieldsCommand({ dataSourceName: 'mine', dataSourceType: 'app' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'No data source found with name mine and type app.');
    e = await rejects(() => h().logs.send(new GetLogObjectCommand({ logObjectPointer: 'ptr-1' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log object does not exist: ptr-1');
  });
});
