import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { QueryError } from '../../src/engine/logs/insights/errors.js';
import { eventRow } from '../../src/engine/logs/insights/record.js';
import { compileInsightsQuery } from '../../src/engine/logs/insights/run.js';
import { forEachTransport } from '../helpers/harness.js';

const T0 = Date.UTC(2024, 4, 19, 6, 10, 0);
const MESSAGES = [
  '{"level":"INFO","latency":80,"user":{"id":"a"},"tags":["x","y"]}',
  '{"level":"ERROR","latency":120,"user":{"id":"b"},"ok":false}',
  '{"level":"INFO","latency":"100","user":{"id":"a"}}',
  'user=bob method=GET took 33',
  'plain text ERROR here',
];
const rows = () =>
  MESSAGES.map((message, seq) =>
    eventRow('123456789012', { logGroupName: 'app', logStreamName: 'web', seq }, { timestamp: T0 + seq * 60_000, message, ingestionTime: T0 + seq * 60_000 + 5, seq }),
  );

/** Runs a query over the five events; rows as objects without @ptr. */
function run(query: string, limit?: number): Record<string, string>[] {
  return compileInsightsQuery(query)
    .run(rows(), limit)
    .rows.map((r) => Object.fromEntries(r.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value])));
}

function compileError(query: string): QueryError {
  try {
    compileInsightsQuery(query);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`compiled: ${query}`);
}

const test = suite('logs insights language');

test('built-in fields, discovered JSON paths (objects and arrays), AWS formats', () => {
  assert.equal(run('fields @timestamp, @logStream, @log, @ingestionTime, level, user.id, tags.1 | limit 1 | sort @timestamp asc')[0], {
    '@timestamp': '2024-05-19 06:14:00.000',
    '@logStream': 'web',
    '@log': '123456789012:app',
    '@ingestionTime': '2024-05-19 06:14:00.005',
  });
  assert.equal(run('filter level = "INFO" | sort @timestamp asc | fields user.id, tags.1, latency'), [
    { 'user.id': 'a', 'tags.1': 'y', latency: '80' },
    { 'user.id': 'a', latency: '100' },
  ]);
});

test('comparisons: numbers compare numerically, also against numeric strings', () => {
  assert.equal(run('filter latency >= 100 | fields latency | sort latency asc'), [{ latency: '100' }, { latency: '120' }]);
  assert.equal(run('filter latency != 80 and ispresent(latency) | stats count(*) as n'), [{ n: '2' }]);
  assert.equal(run('filter latency < 100 or level = "ERROR" | stats count(*) as n'), [{ n: '2' }]);
  assert.equal(run('filter not ispresent(level) | stats count(*) as n'), [{ n: '2' }]);
  assert.equal(run('filter level in ["ERROR", "WARN"] | fields level'), [{ level: 'ERROR' }]);
  assert.equal(run('filter level not in ["INFO"] and ispresent(level) | fields level'), [{ level: 'ERROR' }]);
});

test('like with a string (substring), a regex, (?i), =~, not like', () => {
  assert.equal(run('filter @message like "ERROR" | stats count(*) as n'), [{ n: '2' }]);
  assert.equal(run('filter @message like /error/i | stats count(*) as n'), [{ n: '2' }]);
  assert.equal(run('filter @message like /(?i)ERROR HERE/ | stats count(*) as n'), [{ n: '1' }]);
  assert.equal(run('filter @message =~ /took \\d+/ | stats count(*) as n'), [{ n: '1' }]);
  assert.equal(run('filter @message not like "ERROR" | stats count(*) as n'), [{ n: '3' }]);
});

test('arithmetic and string functions', () => {
  assert.equal(run('filter level = "ERROR" | fields latency / 8 as a, latency % 7 as b, 2 ^ 3 as c, -latency as d, (latency + 1) * 2 as e'), [
    { a: '15', b: '1', c: '8', d: '-120', e: '242' },
  ]);
  assert.equal(run('filter level = "ERROR" | fields strlen(level) as n, tolower(level) as lo, toupper(user.id) as up, concat(level, "-", user.id) as c, substr(level, 1, 3) as s, replace(level, "R", "r") as r'), [
    { n: '5', lo: 'error', up: 'B', c: 'ERROR-b', s: 'RRO', r: 'ErrOr' },
  ]);
  assert.equal(run('filter level = "ERROR" | fields latency / 3 as third, fromMillis(0) as epoch, ok'), [
    { third: '40', epoch: '1970-01-01 00:00:00.000', ok: 'false' },
  ]);
});

test('stats: aggregates, by fields, bin(), expressions over aggregates, sort on a column', () => {
  assert.equal(run('filter ispresent(latency) | stats count(*) as n, count(latency) as c, sum(latency) as s, avg(latency) as a, min(latency) as lo, max(latency) as hi, count_distinct(user.id) as u'), [
    { n: '3', c: '3', s: '300', a: '100', lo: '80', hi: '120', u: '2' },
  ]);
  // Groups come in order of first appearance (newest first); sort is stable.
  assert.equal(run('stats count(*) by level | sort count(*) desc'), [
    { 'count(*)': '2' },
    { level: 'INFO', 'count(*)': '2' },
    { level: 'ERROR', 'count(*)': '1' },
  ]);
  assert.equal(run('stats count(*) as n by bin(2m) | sort bin(2m) asc'), [
    { 'bin(2m)': '2024-05-19 06:10:00.000', n: '2' },
    { 'bin(2m)': '2024-05-19 06:12:00.000', n: '2' },
    { 'bin(2m)': '2024-05-19 06:14:00.000', n: '1' },
  ]);
  assert.equal(run('stats sum(latency) / count(latency) as mean, earliest(level) as first, latest(level) as last'), [
    { mean: '100', first: 'INFO', last: 'INFO' },
  ]);
  assert.equal(run('stats count(*) as n by level | stats count(*) as groups'), [{ groups: '3' }]);
});

test('sort on several keys, limit, dedup, display', () => {
  assert.equal(run('filter ispresent(level) | sort level asc, latency desc | display level, latency'), [
    { level: 'ERROR', latency: '120' },
    { level: 'INFO', latency: '100' },
    { level: 'INFO', latency: '80' },
  ]);
  assert.equal(run('filter ispresent(user.id) | dedup user.id | fields user.id'), [{ 'user.id': 'a' }, { 'user.id': 'b' }]);
  assert.equal(run('fields @message | limit 2').length, 2);
  assert.equal(run('fields @message', 3).length, 3);
});

test('parse: glob with as, regex with named groups, chained', () => {
  assert.equal(run('parse @message "user=* method=* took *" as who, verb, ms | filter ispresent(who) | display who, verb, ms'), [
    { who: 'bob', verb: 'GET', ms: '33' },
  ]);
  assert.equal(run('parse /took (?<ms>\\d+)/ | filter ms > 30 | fields ms * 2 as twice'), [{ twice: '66' }]);
  assert.equal(run('parse "user=* *" as who, rest | parse rest "method=* *" as verb, tail | filter ispresent(verb) | display verb'), [{ verb: 'GET' }]);
});

test('statistics: scanned, matched, bytes', () => {
  const outcome = compileInsightsQuery('filter level = "INFO" | limit 1').run(rows());
  assert.is(outcome.recordsScanned, 5);
  assert.is(outcome.recordsMatched, 2);
  assert.is(outcome.bytesScanned, MESSAGES.reduce((n, m) => n + Buffer.byteLength(m), 0));
  assert.is(outcome.rows.length, 1);
});

test('compile errors point at the offending token', () => {
  const cases: [string, string, number, number][] = [
    ['fields @message | sortt @timestamp', 'unexpected symbol found sortt at line 1 and position 18', 18, 22],
    ['fields a,\nfilter x', 'unexpected symbol found filter at line 2 and position 0', 10, 15],
    ['filter x = ', 'unexpected symbol found <EOF> at line 1 and position 11', 11, 11],
    ['stats foo(x)', 'Unknown function: foo', 6, 8],
    ['filter count(*) > 1', 'Aggregate function count can only be used in a stats command', 7, 11],
    ['stats strlen(@message)', 'stats requires an aggregate function', 6, 21],
    ['fields strlen(a, b)', 'Invalid number of arguments for function strlen: 2', 7, 18],
    ['limit 0', 'limit must be an integer between 1 and 10000', 6, 6],
    ['stats count(*) by bin(5parsecs)', 'Invalid time period: 5parsecs', 22, 29],
    ['parse @message "a * b *" as x', 'parse pattern has 2 wildcards but 1 fields', 15, 28],
    ['parse @message /abc/', 'parse with a regular expression needs named capturing groups', 15, 19],
    ['filter @message like /(/', 'invalid regular expression: (', 21, 23],
    ['filter x = "abc', 'unterminated string starting at position 11', 11, 14],
    ['fields ~', 'unexpected symbol found ~ at line 1 and position 7', 7, 7],
    ['unnest tags', 'unexpected symbol found unnest at line 1 and position 0', 0, 5],
    ['', 'unexpected symbol found <EOF> at line 1 and position 0', 0, 0],
  ];
  for (const [query, message, start, end] of cases) {
    const e = compileError(query);
    assert.equal([e.message, e.start, e.end], [message, start, end], query);
  }
});

test('comments and backquoted field names', () => {
  assert.equal(run('# a comment\nfilter `level` = "ERROR" # trailing\n| fields `user.id`'), [{ 'user.id': 'b' }]);
});

/** A deterministic PRNG (mulberry32), so the fuzz cases are the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'display', 'dedup', 'by', 'as', 'asc', 'desc', 'and', 'or', 'not',
  'like', 'in', '|', ',', '(', ')', '[', ']', '=', '!=', '<', '>=', '+', '-', '*', '/', '%', '^', '=~', '@message',
  '@timestamp', 'level', 'latency', 'user.id', '"ERROR"', "'x'", '/err/i', '/(?<w>\\w+)/', '5m', '10', '0', '1e3', 'count(*)',
  'count', 'avg', 'bin', 'strlen', 'concat', 'ispresent', 'fromMillis', '`odd name`', '#c\n', '"a * b"', '\n', '?', '{', '"',
];

const COMMANDS = ['fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'display', 'dedup'];

/** A random query: one to three commands of random fragments, sometimes with a stray character. */
function randomQuery(next: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const segments: string[] = [];
  for (let s = 1 + Math.floor(next() * 3); s > 0; s--) {
    const parts = [pick(COMMANDS)];
    for (let i = Math.floor(next() * 6); i > 0; i--) {
      parts.push(next() < 0.95 ? pick(FRAGMENTS) : String.fromCharCode(32 + Math.floor(next() * 95)));
    }
    segments.push(parts.join(next() < 0.85 ? ' ' : ''));
  }
  return segments.join(' | ');
}

const VALID = [
  'fields @timestamp, level, latency * 2 as d | filter latency > 50 | sort d desc | limit 3',
  'filter @message like /err/i or level = "INFO" | stats count(*) as n, avg(latency) by level, bin(2m) | sort n desc',
  'parse @message "user=* method=* took *" as who, verb, ms | filter ispresent(who) | display who, ms',
  'parse /took (?<ms>\\d+)/ | fields concat(ms, "x") as c, strlen(@message) as l | dedup c',
  'stats sum(latency) / count(latency) as mean, max(latency) - min(latency) as spread, pct(latency, 90) as p',
  'filter level in ["INFO", "ERROR"] and not ispresent(ok) | fields toupper(level), fromMillis(latency) as t',
];

/** A valid query cut short, with a fragment spliced in, or as it is. */
function mutatedQuery(next: () => number): string {
  const q = VALID[Math.floor(next() * VALID.length)]!;
  const at = Math.floor(next() * (q.length + 1));
  const r = next();
  if (r < 0.3) return q.slice(0, at);
  if (r < 0.8) return q.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]! + q.slice(at);
  return q;
}

test('property: any query string compiles and runs, or fails with a positioned QueryError', () => {
  const next = prng(13);
  let compiled = 0;
  for (let i = 0; i < 5000; i++) {
    const query = i % 2 === 0 ? randomQuery(next) : mutatedQuery(next);
    let outcome;
    try {
      outcome = compileInsightsQuery(query).run(rows());
      compiled++;
    } catch (e) {
      assert.instance(e, QueryError, `query ${JSON.stringify(query)} threw ${String(e)}`);
      const { start, end } = e as QueryError;
      assert.ok(start >= 0 && start <= end && end <= Math.max(query.length, 0), `location of ${JSON.stringify(query)}`);
      continue;
    }
    for (const row of outcome.rows) for (const f of row) assert.type(f.value, 'string');
  }
  assert.ok(compiled > 500, `only ${compiled} random queries compiled`);
});

test.run();

forEachTransport('logs insights language over the wire', (t, h) => {
  t('property: StartQuery answers a query id or MalformedQueryException, nothing else', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'web' }));
    const now = h().engine.now();
    await h().logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'web', logEvents: MESSAGES.map((message) => ({ timestamp: now - 1000, message })) }));
    const next = prng(7);
    for (let i = 0; i < 40; i++) {
      const queryString = randomQuery(next);
      try {
        const { queryId } = await h().logs.send(new StartQueryCommand({ logGroupName: 'app', startTime: 0, endTime: Math.floor(now / 1000) + 1, queryString }));
        assert.type(queryId, 'string');
      } catch (e: any) {
        assert.is(e.name, 'MalformedQueryException', `${JSON.stringify(queryString)}: ${e.name} ${e.message}`);
        assert.type(e.queryCompileError?.location?.startCharOffset, 'number');
      }
      await h().admin('POST /_engine/clock', { advanceSeconds: 3 });
    }
  });
});
