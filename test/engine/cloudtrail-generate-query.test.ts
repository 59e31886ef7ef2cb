import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  DescribeQueryCommand,
  GenerateQueryCommand,
  GetQueryResultsCommand,
  SearchSampleQueriesCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

forEachTransport('cloudtrail GenerateQuery and sample queries', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  const store = async () => (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt', TerminationProtectionEnabled: false }))).EventDataStoreArn!;

  test('a prompt becomes a statement over the store that StartQuery runs by its alias', async () => {
    const arn = await store();
    const id = arn.split('/')[1]!;
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/a' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/b' }));
    await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: '/a' })));
    const prompt = 'What are my top errors in the past month?';
    const out = await h().trail.send(new GenerateQueryCommand({ EventDataStores: [arn], Prompt: prompt }));
    const m = new RegExp(
      `^SELECT errorCode, COUNT\\(\\*\\) AS errorCount FROM ${id} WHERE errorCode IS NOT NULL AND eventTime >= '([0-9: -]{19})' GROUP BY errorCode ORDER BY errorCount DESC LIMIT 10$`,
    ).exec(out.QueryStatement!);
    assert.ok(m, out.QueryStatement);
    const since = Date.parse(`${m![1]!.replace(' ', 'T')}Z`);
    assert.ok(Math.abs(since - (h().engine.now() - 30 * 86400e3)) < 5000, m![1]);
    assert.match(out.QueryAlias!, /^GeneratedQuery-[0-9a-f]{20}$/);
    assert.is(out.EventDataStoreOwnerAccountId, '123456789012');
    const { QueryId } = await h().trail.send(new StartQueryCommand({ QueryAlias: out.QueryAlias }));
    await advance(3);
    const described = await h().trail.send(new DescribeQueryCommand({ QueryId }));
    assert.is(described.Prompt, prompt);
    assert.is(described.QueryString, out.QueryStatement);
    const results = await h().trail.send(new GetQueryResultsCommand({ QueryId }));
    assert.equal(results.QueryResultRows, [[{ errorCode: 'ResourceAlreadyExistsException' }, { errorCount: '1' }]]);
    const e = await rejects(() => h().trail.send(new StartQueryCommand({ QueryAlias: out.QueryAlias, QueryParameters: ['x'] })));
    assert.is(e.name, 'InvalidParameterException');
  });

  test('common prompt shapes: users of a service, counts in a window, listings', async () => {
    const arn = await store();
    const id = arn.split('/')[1]!;
    const sql = async (Prompt: string) => (await h().trail.send(new GenerateQueryCommand({ EventDataStores: [id], Prompt }))).QueryStatement;
    assert.is(
      await sql('Give me a list of users that used SNS.'),
      `SELECT userIdentity.arn AS userArn, COUNT(*) AS eventCount FROM ${id} WHERE eventSource = 'sns.amazonaws.com' GROUP BY userIdentity.arn ORDER BY eventCount DESC`,
    );
    assert.is(
      await sql('top 5 most called APIs in us-east-1'),
      `SELECT eventName, COUNT(*) AS eventCount FROM ${id} WHERE awsRegion = 'us-east-1' GROUP BY eventName ORDER BY eventCount DESC LIMIT 5`,
    );
    assert.is(
      await sql('number of failed console logins by user'),
      `SELECT userIdentity.arn AS userArn, COUNT(*) AS errorCount FROM ${id} WHERE eventName = 'ConsoleLogin' AND errorCode IS NOT NULL GROUP BY userIdentity.arn ORDER BY errorCount DESC`,
    );
    assert.is(
      await sql('Show the latest 20 events from 192.0.2.1'),
      `SELECT eventTime, eventSource, eventName, userIdentity.arn AS userArn, awsRegion, sourceIPAddress, errorCode FROM ${id} WHERE sourceIPAddress = '192.0.2.1' ORDER BY eventTime DESC LIMIT 20`,
    );
    assert.match((await sql('How many CreateLogGroup calls were made in the last 2 hours?'))!, new RegExp(`^SELECT COUNT\\(\\*\\) AS eventCount FROM ${id} WHERE eventName = 'CreateLogGroup' AND eventTime >= '`));
  });

  test('prompts outside the translator fail with GenerateResponseException; stores must be live', async () => {
    const arn = await store();
    for (const [Prompt, detail] of [
      ['What is the average latency per hour?', '"average" needs functions the query language does not support'],
      ['Tell me a joke', 'it does not ask for a count, a ranking, or a list of events'],
    ]) {
      const e = await rejects(() => h().trail.send(new GenerateQueryCommand({ EventDataStores: [arn], Prompt })));
      assert.is(e.name, 'GenerateResponseException');
      assert.is(e.message, `A query could not be generated for the prompt: ${detail}. Rephrase the prompt, for example "What are my top errors in the past month?"`);
    }
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    const e = await rejects(() => h().trail.send(new GenerateQueryCommand({ EventDataStores: [arn], Prompt: 'count events' })));
    assert.is(e.name, 'InactiveEventDataStoreException');
    const unknown = await rejects(() => h().trail.send(new StartQueryCommand({ QueryAlias: 'GeneratedQuery-nothing' })));
    assert.is(unknown.name, 'InvalidParameterException');
  });

  test('sample queries are ranked by relevance and paged', async () => {
    const first = await h().trail.send(new SearchSampleQueriesCommand({ SearchPhrase: 'failed console sign-ins', MaxResults: 2 }));
    assert.equal(first.SearchResults!.map((r) => r.Name), ['Find failed console sign-ins', 'Find console sign-ins']);
    const relevance = first.SearchResults!.map((r) => r.Relevance!);
    assert.ok(relevance[0]! > relevance[1]! && relevance[0]! <= 1 && relevance[1]! > 0);
    assert.match(first.SearchResults![0]!.SQL!, /eventName = 'ConsoleLogin'/);
    const second = await h().trail.send(new SearchSampleQueriesCommand({ SearchPhrase: 'failed console sign-ins', MaxResults: 2, NextToken: first.NextToken }));
    assert.ok(second.SearchResults!.every((r) => r.Relevance! <= relevance[1]!));
    const e = await rejects(() => h().trail.send(new SearchSampleQueriesCommand({ SearchPhrase: 'lambda', NextToken: first.NextToken })));
    assert.is(e.name, 'InvalidParameterException');
    assert.equal((await h().trail.send(new SearchSampleQueriesCommand({ SearchPhrase: 'zzz qqq' }))).SearchResults, []);
  });
});
