import {
  CancelQueryCommand,
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  ListQueriesCommand,
  StartQueryCommand,
  UpdateEventDataStoreCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as assert from 'uvu/assert';
import { forEachTransport, rejects } from '../helpers/harness.js';

const NOT_FOUND_ID = '0f7a2b1c-3d4e-4f50-9863-bee5a24d0d88';

forEachTransport('CloudTrail Lake queries', (test, h) => {
  /** A store, and its id (what FROM names). */
  async function store(name = 'audit'): Promise<{ arn: string; id: string }> {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: name, TerminationProtectionEnabled: false }))).EventDataStoreArn!;
    return { arn, id: arn.split('/').pop()! };
  }

  const start = async (sql: string, extra: Record<string, unknown> = {}) =>
    (await h().trail.send(new StartQueryCommand({ QueryStatement: sql, ...extra }))).QueryId!;

  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });

  /** Creates log groups a second of engine time apart, so that their events order by time. */
  const groups = async (...names: string[]) => {
    for (const logGroupName of names) {
      await h().logs.send(new CreateLogGroupCommand({ logGroupName }));
      await advance(1);
    }
  };

  test('a query runs, then finishes two seconds of engine time later with exact rows and statistics', async () => {
    const { id } = await store();
    await groups('/app/a', '/app/b');
    const sql = `SELECT eventName, requestParameters FROM ${id} WHERE eventSource = 'logs.amazonaws.com' ORDER BY eventTime`;
    const queryId = await start(sql);
    assert.match(queryId, /^[a-f0-9-]{36}$/);
    let described = await h().trail.send(new DescribeQueryCommand({ QueryId: queryId }));
    assert.is(described.QueryStatus, 'RUNNING');
    assert.is(described.QueryString, sql);
    assert.is(described.QueryStatistics!.EventsMatched, 0);
    let results = await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId }));
    assert.is(results.QueryStatus, 'RUNNING');
    assert.equal(results.QueryResultRows, []);
    await advance(2);
    described = await h().trail.send(new DescribeQueryCommand({ QueryId: queryId, EventDataStore: id }));
    assert.is(described.QueryStatus, 'FINISHED');
    assert.is(described.QueryStatistics!.EventsMatched, 2);
    assert.is(described.QueryStatistics!.EventsScanned, 2);
    assert.is(described.QueryStatistics!.ExecutionTimeInMillis, 2000);
    assert.ok(described.QueryStatistics!.BytesScanned! > 0);
    assert.instance(described.QueryStatistics!.CreationTime, Date);
    results = await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId }));
    assert.is(results.QueryStatus, 'FINISHED');
    assert.equal(results.QueryResultRows, [
      [{ eventName: 'CreateLogGroup' }, { requestParameters: '{logGroupName=/app/a}' }],
      [{ eventName: 'CreateLogGroup' }, { requestParameters: '{logGroupName=/app/b}' }],
    ]);
    assert.equal(results.QueryStatistics, { ResultsCount: 2, TotalResultsCount: 2, BytesScanned: described.QueryStatistics!.BytesScanned });
  });

  test('the result is a snapshot of the store at StartQuery; FROM takes the id or the ARN', async () => {
    const { arn, id } = await store();
    await groups('/before');
    const byId = await start(`SELECT COUNT(*) AS n FROM ${id} WHERE eventSource = 'logs.amazonaws.com'`);
    await groups('/after');
    const byArn = await start(`SELECT COUNT(*) AS n FROM "${arn}" WHERE eventSource = 'logs.amazonaws.com'`);
    await advance(2);
    const rows = async (queryId: string) => (await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId }))).QueryResultRows;
    assert.equal(await rows(byId), [[{ n: '1' }]]);
    assert.equal(await rows(byArn), [[{ n: '2' }]]);
  });

  test('GetQueryResults pages with MaxQueryResults and NextToken; tokens belong to their query', async () => {
    const { id } = await store();
    await groups('/g1', '/g2', '/g3');
    const queryId = await start(`SELECT requestParameters FROM ${id} WHERE eventName = 'CreateLogGroup' ORDER BY eventTime DESC`);
    const other = await start(`SELECT eventName FROM ${id}`);
    await advance(2);
    const page1 = await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId, MaxQueryResults: 2 }));
    assert.equal(page1.QueryResultRows, [[{ requestParameters: '{logGroupName=/g3}' }], [{ requestParameters: '{logGroupName=/g2}' }]]);
    assert.equal(page1.QueryStatistics, { ResultsCount: 2, TotalResultsCount: 3, BytesScanned: page1.QueryStatistics!.BytesScanned });
    assert.ok(page1.NextToken);
    const page2 = await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId, MaxQueryResults: 2, NextToken: page1.NextToken }));
    assert.equal(page2.QueryResultRows, [[{ requestParameters: '{logGroupName=/g1}' }]]);
    assert.is(page2.NextToken, undefined);
    for (const NextToken of ['forged-token', page1.NextToken!]) {
      const e = await rejects(() => h().trail.send(new GetQueryResultsCommand({ QueryId: other, NextToken })));
      assert.is(e.name, 'InvalidNextTokenException');
      assert.is(e.message, 'The NextToken is not valid.');
    }
    const e = await rejects(() => h().trail.send(new GetQueryResultsCommand({ QueryId: queryId, MaxQueryResults: 1001 })));
    assert.is(e.name, 'InvalidMaxResultsException');
  });

  test('statements outside the SQL subset: InvalidQueryStatementException positioned as Trino does', async () => {
    const { id } = await store();
    const cases: [string, string][] = [
      [`SELECT FROM ${id}`, "line 1:8: mismatched input 'FROM'. Expecting: '*', 'NOT', '(', 'COUNT', 'FALSE', 'NULL', 'TRUE', <identifier>, <number>, <string>"],
      [`SELECT nope FROM ${id}`, "line 1:8: Column 'nope' cannot be resolved"],
      [`SELECT eventName FROM ${id} WHERE eventName = 1`, 'line 1:76: Cannot apply operator: varchar = integer'],
      ['UPDATE x SET a = 1', "line 1:1: mismatched input 'UPDATE'. Expecting: 'SELECT'"],
    ];
    for (const [QueryStatement, message] of cases) {
      const e = await rejects(() => h().trail.send(new StartQueryCommand({ QueryStatement })));
      assert.is(e.name, 'InvalidQueryStatementException', QueryStatement);
      assert.is(e.message, message, QueryStatement);
      assert.is(e.$metadata.httpStatusCode, 400);
    }
  });

  test('FROM must name a live store of the account: not found, not an ARN, pending deletion, owner elsewhere', async () => {
    const { arn, id } = await store();
    let e = await rejects(() => start(`SELECT * FROM ${NOT_FOUND_ID}`));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    assert.is(e.message, 'The event data store was not found.');
    e = await rejects(() => start('SELECT * FROM audit'));
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    assert.is(e.message, 'The specified event data store ARN is not valid or does not map to an event data store in your account.');
    e = await rejects(() => start(`SELECT * FROM ${id}`, { EventDataStoreOwnerAccountId: '210987654321' }));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    const other = h().clients({ accessKeyId: '210987654321' });
    e = await rejects(() => other.trail.send(new StartQueryCommand({ QueryStatement: `SELECT * FROM ${id}` })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    const stopped = await h().trail.send(new CreateEventDataStoreCommand({ Name: 'stopped', StartIngestion: false }));
    assert.is(stopped.Status, 'CREATED');
    await start(`SELECT * FROM ${stopped.EventDataStoreArn!.split('/').pop()}`);
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    e = await rejects(() => start(`SELECT * FROM ${id}`));
    assert.is(e.name, 'InactiveEventDataStoreException');
    assert.is(e.message, 'The event data store is inactive.');
  });

  test('StartQuery parameters: QueryStatement or a QueryAlias, never both; DeliveryS3Uri needs the bucket', async () => {
    const { id } = await store();
    let e = await rejects(() => h().trail.send(new StartQueryCommand({})));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'Either QueryStatement or QueryAlias must be specified.');
    e = await rejects(() => start(`SELECT * FROM ${id}`, { QueryAlias: 'top-users' }));
    assert.is(e.message, 'QueryStatement and QueryAlias cannot be specified together.');
    e = await rejects(() => h().trail.send(new StartQueryCommand({ QueryAlias: 'top-users' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'QueryAlias top-users does not identify a query template.');
    e = await rejects(() => start(`SELECT * FROM ${id}`, { QueryParameters: ['x'] }));
    assert.is(e.message, 'QueryParameters can be specified only with QueryAlias.');
    e = await rejects(() => start(`SELECT * FROM ${id}`, { DeliveryS3Uri: 's3://query-results/lake' }));
    assert.is(e.name, 'S3BucketDoesNotExistException');
    assert.is(e.message, 'S3 bucket query-results does not exist!');
    await h().admin('POST /_engine/externals', { s3Buckets: ['query-results'] });
    const queryId = await start(`SELECT * FROM ${id}`, { DeliveryS3Uri: 's3://query-results/lake' });
    let described = await h().trail.send(new DescribeQueryCommand({ QueryId: queryId }));
    assert.is(described.DeliveryS3Uri, 's3://query-results/lake');
    assert.is(described.DeliveryStatus, 'PENDING');
    await advance(2);
    described = await h().trail.send(new DescribeQueryCommand({ QueryId: queryId }));
    assert.is(described.DeliveryStatus, 'SUCCESS');
  });

  test('unknown queries, and queries asked of another store: QueryIdNotFoundException', async () => {
    const { id } = await store('one');
    const two = await store('two');
    const queryId = await start(`SELECT * FROM ${id}`);
    const unknown = '11111111-2222-3333-4444-555555555555';
    for (const send of [
      () => h().trail.send(new DescribeQueryCommand({ QueryId: unknown })),
      () => h().trail.send(new GetQueryResultsCommand({ QueryId: unknown })),
      () => h().trail.send(new CancelQueryCommand({ QueryId: unknown })),
      () => h().trail.send(new DescribeQueryCommand({ QueryId: queryId, EventDataStore: two.id })),
      () => h().trail.send(new CancelQueryCommand({ QueryId: queryId, EventDataStore: two.arn })),
    ]) {
      const e = await rejects(send);
      assert.is(e.name, 'QueryIdNotFoundException');
      assert.is(e.message, 'The query ID does not exist or does not map to a query.');
      assert.is(e.$metadata.httpStatusCode, 404);
    }
    const e = await rejects(() => h().trail.send(new DescribeQueryCommand({ QueryId: queryId, EventDataStore: NOT_FOUND_ID })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    const other = h().clients({ region: 'eu-west-1' });
    const inRegion = await rejects(() => other.trail.send(new DescribeQueryCommand({ QueryId: queryId })));
    assert.is(inRegion.name, 'QueryIdNotFoundException');
  });

  test('CancelQuery stops a running query; a finished or cancelled one is inactive', async () => {
    const { arn, id } = await store();
    const running = await start(`SELECT * FROM ${id}`);
    const cancelled = await h().trail.send(new CancelQueryCommand({ QueryId: running, EventDataStore: arn }));
    assert.is(cancelled.QueryId, running);
    assert.is(cancelled.QueryStatus, 'CANCELLED');
    const finished = await start(`SELECT * FROM ${id}`);
    await advance(2);
    assert.is((await h().trail.send(new DescribeQueryCommand({ QueryId: running }))).QueryStatus, 'CANCELLED');
    const results = await h().trail.send(new GetQueryResultsCommand({ QueryId: running }));
    assert.is(results.QueryStatus, 'CANCELLED');
    assert.equal(results.QueryResultRows, []);
    for (const queryId of [running, finished]) {
      const e = await rejects(() => h().trail.send(new CancelQueryCommand({ QueryId: queryId })));
      assert.is(e.name, 'InactiveQueryException');
      assert.is(e.message, 'The specified query cannot be canceled because it is in the FINISHED, FAILED, TIMED_OUT, or CANCELLED state.');
    }
  });

  test('ten queries at most run at once; finished and cancelled ones free their place', async () => {
    const { id } = await store();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await start(`SELECT eventName FROM ${id}`));
    const e = await rejects(() => start(`SELECT eventName FROM ${id}`));
    assert.is(e.name, 'MaxConcurrentQueriesException');
    assert.is(
      e.message,
      'You are already running the maximum number of concurrent queries. The maximum number of concurrent queries is 10. Wait a minute for some queries to finish, and then run the query again.',
    );
    assert.is(e.$metadata.httpStatusCode, 429);
    await h().trail.send(new CancelQueryCommand({ QueryId: ids[0] }));
    await start(`SELECT eventName FROM ${id}`);
    await rejects(() => start(`SELECT eventName FROM ${id}`));
    await advance(2);
    await start(`SELECT eventName FROM ${id}`);
  });

  test('ListQueries: the store\'s queries newest first, filtered by status and time, paged', async () => {
    const { arn, id } = await store('one');
    const two = await store('two');
    const first = await start(`SELECT * FROM ${id}`);
    await advance(2);
    const second = await start(`SELECT * FROM ${id}`);
    await advance(1);
    const third = await start(`SELECT * FROM ${id}`);
    await h().trail.send(new CancelQueryCommand({ QueryId: third }));
    await start(`SELECT * FROM ${two.id}`);
    await advance(1);
    const list = async (input: Record<string, unknown>) => h().trail.send(new ListQueriesCommand({ EventDataStore: arn, ...input }));
    const all = await list({});
    assert.equal(all.Queries!.map((q) => [q.QueryId, q.QueryStatus]), [[third, 'CANCELLED'], [second, 'FINISHED'], [first, 'FINISHED']]);
    assert.instance(all.Queries![0].CreationTime, Date);
    assert.equal((await list({ QueryStatus: 'FINISHED' })).Queries!.map((q) => q.QueryId), [second, first]);
    const secondAt = all.Queries![1].CreationTime!;
    assert.equal((await list({ StartTime: secondAt })).Queries!.map((q) => q.QueryId), [third, second]);
    assert.equal((await list({ EndTime: secondAt })).Queries!.map((q) => q.QueryId), [second, first]);
    const page1 = await list({ MaxResults: 2 });
    assert.equal(page1.Queries!.map((q) => q.QueryId), [third, second]);
    const page2 = await list({ MaxResults: 2, NextToken: page1.NextToken });
    assert.equal(page2.Queries!.map((q) => q.QueryId), [first]);
    assert.is(page2.NextToken, undefined);
    let e = await rejects(() => list({ NextToken: page1.NextToken, QueryStatus: 'FINISHED' }));
    assert.is(e.name, 'InvalidNextTokenException');
    e = await rejects(() => list({ StartTime: new Date(secondAt.getTime() + 1000), EndTime: secondAt }));
    assert.is(e.name, 'InvalidDateRangeException');
    assert.is(e.message, 'A date range for the query was specified that is not valid. Be sure that the start time is chronologically before the end time.');
    e = await rejects(() => h().trail.send(new ListQueriesCommand({ EventDataStore: NOT_FOUND_ID })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    await advance(8 * 86400);
    assert.equal((await list({})).Queries, []);
  });

  test('queries of a store read what the recorder put in it: failures, read-only calls, identities', async () => {
    const { arn, id } = await store();
    await h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, RetentionPeriod: 30 }));
    await groups('/dup');
    await rejects(() => groups('/dup'));
    const sql =
      `SELECT eventName, errorCode, userIdentity.accountId AS account, COUNT(*) AS calls FROM ${id} ` +
      `WHERE eventSource IN ('logs.amazonaws.com', 'cloudtrail.amazonaws.com') AND readOnly = false ` +
      'GROUP BY eventName, errorCode, userIdentity.accountId ORDER BY calls DESC, eventName';
    const queryId = await start(sql);
    await advance(2);
    const rows = (await h().trail.send(new GetQueryResultsCommand({ QueryId: queryId }))).QueryResultRows;
    assert.equal(rows, [
      [{ eventName: 'CreateLogGroup' }, { errorCode: '' }, { account: '123456789012' }, { calls: '1' }],
      [{ eventName: 'CreateLogGroup' }, { errorCode: 'ResourceAlreadyExistsException' }, { account: '123456789012' }, { calls: '1' }],
      [{ eventName: 'UpdateEventDataStore' }, { errorCode: '' }, { account: '123456789012' }, { calls: '1' }],
    ]);
  });
});

