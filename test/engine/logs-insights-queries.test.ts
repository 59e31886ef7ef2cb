import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeQueriesCommand,
  GetLogGroupFieldsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  ListLogGroupsForQueryCommand,
  PutLogEventsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type ResultField,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Result rows as plain objects (field → value), in order. */
const asObjects = (results: ResultField[][] = []) => results.map((row) => Object.fromEntries(row.map((f) => [f.field!, f.value!])));

forEachTransport('logs insights queries', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  let base = 0;

  /** Group `app` with stream `web`: three JSON events and one text event, a minute apart. */
  async function setup(group = 'app'): Promise<void> {
    base = Math.floor(h().engine.now() / 60_000) * 60_000 - 10 * 60_000;
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'web' }));
    await h().logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'web',
        logEvents: [
          { timestamp: base, message: '{"level":"INFO","latency":80,"user":{"id":"a"}}' },
          { timestamp: base + 60_000, message: '{"level":"ERROR","latency":120,"user":{"id":"b"}}' },
          { timestamp: base + 120_000, message: '{"level":"INFO","latency":100,"user":{"id":"a"}}' },
          { timestamp: base + 180_000, message: 'user=bob method=GET took 33' },
        ],
      }),
    );
  }

  const range = () => ({ startTime: Math.floor(base / 1000) - 60, endTime: Math.floor(h().engine.now() / 1000) });

  async function run(queryString: string, extra: Partial<StartQueryCommandInput> = {}) {
    const { queryId } = await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...range(), queryString, ...extra }));
    await advance(2);
    return h().logs.send(new GetQueryResultsCommand({ queryId }));
  }

  test('a query is Scheduled, Running after 1 s, Complete 2 s after StartQuery', async () => {
    await setup();
    const { queryId } = await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...range(), queryString: 'fields @message' }));
    assert.match(queryId ?? '', UUID);
    let r = await h().logs.send(new GetQueryResultsCommand({ queryId }));
    assert.is(r.status, 'Scheduled');
    assert.equal(r.results, []);
    await advance(1);
    r = await h().logs.send(new GetQueryResultsCommand({ queryId }));
    assert.is(r.status, 'Running');
    await advance(1);
    r = await h().logs.send(new GetQueryResultsCommand({ queryId }));
    assert.is(r.status, 'Complete');
    assert.is(r.queryLanguage, 'CWLI');
    assert.equal(r.statistics, { recordsMatched: 4, recordsScanned: 4, bytesScanned: 171, logGroupsScanned: 1 });
    assert.is(r.results!.length, 4);
  });

  test('results: newest first, fields as asked, times formatted, numbers as strings, @ptr last', async () => {
    await setup();
    const r = await run('fields @timestamp, level, latency * 2 as double, user.id | filter ispresent(level)');
    const rows = r.results!;
    assert.equal(rows[0]!.map((f) => f.field), ['@timestamp', 'level', 'double', 'user.id', '@ptr']);
    const objects = asObjects(rows);
    assert.equal(objects.map((o) => o.double), ['200', '240', '160']);
    assert.is(objects[2]!['@timestamp'], new Date(base).toISOString().replace('T', ' ').replace('Z', ''));
    assert.is(r.statistics?.recordsMatched, 3);
  });

  test('@ptr opens the whole event with GetLogRecord', async () => {
    await setup();
    const r = await run('fields level | filter level = "ERROR"');
    const ptr = asObjects(r.results)[0]!['@ptr']!;
    const { logRecord } = await h().logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }));
    assert.equal(logRecord, {
      '@timestamp': String(base + 60_000),
      '@message': '{"level":"ERROR","latency":120,"user":{"id":"b"}}',
      '@logStream': 'web',
      '@log': '123456789012:app',
      '@ingestionTime': logRecord!['@ingestionTime'],
      level: 'ERROR',
      latency: '120',
      'user.id': 'b',
    });
    let e = await rejects(() => h().logs.send(new GetLogRecordCommand({ logRecordPointer: 'bm9wZQ==' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified log record pointer is not valid.');
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'app' }));
    e = await rejects(() => h().logs.send(new GetLogRecordCommand({ logRecordPointer: ptr })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log record does not exist.');
  });

  test('stats by bin(), sort by an aggregate, limit', async () => {
    await setup();
    let r = await run('filter ispresent(latency) | stats count(*) as n, avg(latency), max(latency) by level | sort n desc');
    assert.equal(asObjects(r.results), [
      { level: 'INFO', n: '2', 'avg(latency)': '90', 'max(latency)': '100' },
      { level: 'ERROR', n: '1', 'avg(latency)': '120', 'max(latency)': '120' },
    ]);
    r = await run('stats count(*) by bin(2m) | sort bin(2m) asc | limit 1');
    assert.equal(asObjects(r.results), [{ 'bin(2m)': new Date(base - (base % 120_000)).toISOString().replace('T', ' ').replace('Z', ''), 'count(*)': r.results![0]![1]!.value! }]);
  });

  test('parse glob and regex forms feed later commands', async () => {
    await setup();
    let r = await run('parse @message "user=* method=* took *" as who, verb, ms | filter ispresent(who) | display who, verb, ms');
    assert.equal(asObjects(r.results).map(({ '@ptr': _, ...o }) => o), [{ who: 'bob', verb: 'GET', ms: '33' }]);
    r = await run('parse @message /took (?<ms>\\d+)/ | filter ms > 10 | fields ms + 1 as next');
    assert.equal(asObjects(r.results).map((o) => o.next), ['34']);
  });

  test('StartQuery limit caps rows unless the query has its own limit', async () => {
    await setup();
    assert.is((await run('fields @message', { limit: 2 })).results!.length, 2);
    assert.is((await run('fields @message | limit 3', { limit: 1 })).results!.length, 3);
  });

  test('GetQueryResults pages with maxItems and nextToken', async () => {
    await setup();
    const { queryId } = await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...range(), queryString: 'fields @message' }));
    await advance(2);
    const first = await h().logs.send(new GetQueryResultsCommand({ queryId, maxItems: 3 }));
    assert.is(first.results!.length, 3);
    assert.type(first.nextToken, 'string');
    const second = await h().logs.send(new GetQueryResultsCommand({ queryId, maxItems: 3, nextToken: first.nextToken }));
    assert.is(second.results!.length, 1);
    assert.is(second.nextToken, undefined);
    const e = await rejects(() => h().logs.send(new GetQueryResultsCommand({ queryId, nextToken: 'forged' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified nextToken is invalid.');
  });

  test('a malformed query is MalformedQueryException with the offending token located', async () => {
    await setup();
    const e = await rejects(() => h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...range(), queryString: 'fields @message | sortt @timestamp' })));
    assert.is(e.name, 'MalformedQueryException');
    assert.is(e.$metadata.httpStatusCode, 400);
    assert.is(e.message, 'unexpected symbol found sortt at line 1 and position 18');
    assert.equal(e.queryCompileError, {
      location: { startCharOffset: 18, endCharOffset: 22 },
      message: 'unexpected symbol found sortt at line 1 and position 18',
    });
  });

  test('log groups: exactly one member, names or ARNs, at most 50, all existing', async () => {
    await setup();
    const t = range();
    const start = (input: Partial<StartQueryCommandInput>) => h().logs.send(new StartQueryCommand({ ...t, queryString: 'fields @message', ...input }));
    let e = await rejects(() => start({}));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'Exactly one of logGroupName, logGroupNames, or logGroupIdentifiers must be specified.');
    e = await rejects(() => start({ logGroupName: 'app', logGroupNames: ['app'] }));
    assert.is(e.message, 'Exactly one of logGroupName, logGroupNames, or logGroupIdentifiers must be specified.');
    e = await rejects(() => start({ logGroupNames: Array.from({ length: 51 }, (_, i) => `g${i}`) }));
    assert.is(e.message, 'A query can include up to 50 log groups.');
    e = await rejects(() => start({ logGroupNames: ['app', 'nope'] }));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, "Log group 'nope' does not exist for account ID '123456789012'");
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:app';
    const { queryId } = await start({ logGroupIdentifiers: [arn] });
    const listed = await h().logs.send(new ListLogGroupsForQueryCommand({ queryId }));
    assert.equal(listed.logGroupIdentifiers, [arn]);
    e = await rejects(() => start({ logGroupIdentifiers: [`${arn}:*`] }));
    assert.is(e.name, 'InvalidParameterException');
  });

  test('the time range: end not before start, and reaching the group', async () => {
    await setup();
    const now = Math.floor(h().engine.now() / 1000);
    let e = await rejects(() => h().logs.send(new StartQueryCommand({ logGroupName: 'app', startTime: now, endTime: now - 1, queryString: 'fields @message' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'End time must be greater than or equal to start time.');
    e = await rejects(() => h().logs.send(new StartQueryCommand({ logGroupName: 'app', startTime: 1000, endTime: 2000, queryString: 'fields @message' })));
    assert.is(e.name, 'MalformedQueryException');
    assert.is(e.message, "Query's end date and time is either before the log groups creation time or exceeds the log groups log retention settings");
  });

  test('StopQuery cancels a query in progress, and only such a query', async () => {
    await setup();
    const { queryId } = await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...range(), queryString: 'fields @message' }));
    assert.equal((await h().logs.send(new StopQueryCommand({ queryId }))).success, true);
    const r = await h().logs.send(new GetQueryResultsCommand({ queryId }));
    assert.is(r.status, 'Cancelled');
    assert.equal(r.results, []);
    let e = await rejects(() => h().logs.send(new StopQueryCommand({ queryId })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified query is not running.');
    e = await rejects(() => h().logs.send(new StopQueryCommand({ queryId: 'no-such-query' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'Query does not exist.');
    e = await rejects(() => h().logs.send(new GetQueryResultsCommand({ queryId: 'no-such-query' })));
    assert.is(e.message, 'Query does not exist.');
  });

  test('DescribeQueries: newest first, by status and log group, paged', async () => {
    await setup();
    await setup('other');
    const t = range();
    const ids: string[] = [];
    for (const group of ['app', 'other', 'app']) {
      ids.push((await h().logs.send(new StartQueryCommand({ logGroupName: group, ...t, queryString: 'fields @message' }))).queryId!);
      await advance(1);
    }
    const all = (await h().logs.send(new DescribeQueriesCommand({}))).queries!;
    assert.equal(all.map((q) => q.queryId), [...ids].reverse());
    assert.equal(all.map((q) => q.status), ['Running', 'Complete', 'Complete']);
    assert.equal(Object.keys(all[0]!), ['queryLanguage', 'queryId', 'queryString', 'status', 'createTime', 'logGroupName', 'queryDuration', 'bytesScanned']);
    const running = await h().logs.send(new DescribeQueriesCommand({ status: 'Running' }));
    assert.equal(running.queries!.map((q) => q.queryId), [ids[2]]);
    const other = await h().logs.send(new DescribeQueriesCommand({ logGroupName: 'other' }));
    assert.equal(other.queries!.map((q) => q.queryId), [ids[1]]);
    const page = await h().logs.send(new DescribeQueriesCommand({ maxResults: 2 }));
    assert.is(page.queries!.length, 2);
    const rest = await h().logs.send(new DescribeQueriesCommand({ maxResults: 2, nextToken: page.nextToken }));
    assert.equal(rest.queries!.map((q) => q.queryId), [ids[0]]);
  });

  test('at most 100 queries run at once (LimitExceededException)', async () => {
    await setup();
    const t = range();
    for (let i = 0; i < 100; i++) await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...t, queryString: 'fields @message' }));
    const e = await rejects(() => h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...t, queryString: 'fields @message' })));
    assert.is(e.name, 'LimitExceededException');
    assert.is(e.message, 'Account maximum query concurrency limit of [100] reached.');
    await advance(2);
    await h().logs.send(new StartQueryCommand({ logGroupName: 'app', ...t, queryString: 'fields @message' }));
  });

  test('GetLogGroupFields: fields of recent events with their percentages', async () => {
    await setup();
    const { logGroupFields } = await h().logs.send(new GetLogGroupFieldsCommand({ logGroupName: 'app' }));
    assert.equal(logGroupFields, [
      { name: '@timestamp', percent: 100 },
      { name: '@message', percent: 100 },
      { name: '@logStream', percent: 100 },
      { name: '@log', percent: 100 },
      { name: '@ingestionTime', percent: 100 },
      { name: 'level', percent: 75 },
      { name: 'latency', percent: 75 },
      { name: 'user.id', percent: 75 },
    ]);
    const centred = await h().logs.send(new GetLogGroupFieldsCommand({ logGroupIdentifier: 'app', time: Math.floor(base / 1000) - 3600 }));
    assert.equal(centred.logGroupFields, []);
    const e = await rejects(() => h().logs.send(new GetLogGroupFieldsCommand({ logGroupName: 'nope' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log group does not exist.');
  });
});
