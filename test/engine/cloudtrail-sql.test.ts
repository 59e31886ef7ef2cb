import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CloudTrailEvent } from '../../src/engine/cloudtrail/event-types.js';
import { SqlError } from '../../src/engine/cloudtrail/sql/errors.js';
import { compileQuery } from '../../src/engine/cloudtrail/sql/run.js';

const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);

function event(id: string, over: Partial<CloudTrailEvent> = {}): CloudTrailEvent {
  return {
    eventVersion: '1.09',
    eventId: id,
    eventName: 'CreateLogGroup',
    eventSource: 'logs.amazonaws.com',
    eventTime: T0,
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    managementEvent: true,
    readOnly: false,
    awsRegion: 'us-east-1',
    recipientAccountId: '123456789012',
    requestId: `req-${id}`,
    sourceIPAddress: '10.0.0.1',
    userAgent: 'aws-sdk-js/3',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAALICE',
      arn: 'arn:aws:iam::123456789012:user/alice',
      accountId: '123456789012',
      accessKeyId: 'AKIAALICE',
      userName: 'alice',
    },
    username: 'alice',
    requestParameters: { logGroupName: `/app/${id}` },
    responseElements: null,
    resources: [],
    ...over,
  };
}

const bob = {
  type: 'AssumedRole' as const,
  principalId: 'AROABOB:bob',
  arn: 'arn:aws:sts::123456789012:assumed-role/ops/bob',
  accountId: '123456789012',
  accessKeyId: 'ASIABOB',
};

const EVENTS: CloudTrailEvent[] = [
  event('e1'),
  event('e2', { eventName: 'DescribeLogGroups', readOnly: true, eventTime: T0 + 60_000, requestParameters: null }),
  event('e3', { eventName: 'CreateTrail', eventSource: 'cloudtrail.amazonaws.com', eventTime: T0 + 120_000, userIdentity: bob, username: 'bob' }),
  event('e4', { eventName: 'DeleteLogGroup', eventTime: T0 + 180_000, errorCode: 'ResourceNotFoundException', errorMessage: 'gone' }),
  event('e5', { eventName: 'DescribeLogGroups', readOnly: true, eventTime: T0 + 240_000, userIdentity: bob, username: 'bob' }),
];

const rows = (sql: string) => compileQuery(sql).run(EVENTS).rows;
const col = (sql: string) => rows(sql).map((r) => r.map((c) => Object.values(c)[0]).join('|'));

const results = suite('Lake SQL: results');

const TABLE: [string, string[]][] = [
  ["SELECT eventID FROM eds WHERE eventName = 'DescribeLogGroups'", ['e2', 'e5']],
  ["SELECT eventID FROM eds WHERE eventName != 'DescribeLogGroups'", ['e1', 'e3', 'e4']],
  ["SELECT eventID FROM eds WHERE eventName <> 'DescribeLogGroups' AND readOnly = false", ['e1', 'e3', 'e4']],
  ["SELECT eventID FROM eds WHERE eventName LIKE 'Describe%'", ['e2', 'e5']],
  ["SELECT eventID FROM eds WHERE eventName LIKE '%LogGroup_'", ['e2', 'e5']],
  ["SELECT eventID FROM eds WHERE eventName NOT LIKE '%Log%'", ['e3']],
  ["SELECT eventID FROM eds WHERE eventName IN ('CreateTrail', 'DeleteLogGroup')", ['e3', 'e4']],
  ["SELECT eventID FROM eds WHERE eventName NOT IN ('CreateTrail', 'DeleteLogGroup')", ['e1', 'e2', 'e5']],
  ['SELECT eventID FROM eds WHERE errorCode IS NOT NULL', ['e4']],
  ['SELECT eventID FROM eds WHERE errorCode IS NULL AND readOnly', ['e2', 'e5']],
  ["SELECT eventID FROM eds WHERE userIdentity.type = 'AssumedRole'", ['e3', 'e5']],
  ["SELECT eventID FROM eds WHERE useridentity.ARN LIKE '%/alice'", ['e1', 'e2', 'e4']],
  ["SELECT eventID FROM eds WHERE eventTime > '2026-01-01 10:01:00'", ['e3', 'e4', 'e5']],
  ["SELECT eventID FROM eds WHERE eventTime >= '2026-01-01 10:01:00' AND eventTime < '2026-01-01 10:03:00.000'", ['e2', 'e3']],
  ["SELECT eventID FROM eds WHERE eventTime BETWEEN '2026-01-01 10:02:00' AND '2026-01-01 10:03:00'", ['e3', 'e4']],
  ["SELECT eventID FROM eds WHERE eventTime < '2026-01-01'", []],
  ["SELECT eventID FROM eds WHERE NOT (eventName = 'CreateLogGroup' OR readOnly = true)", ['e3', 'e4']],
  ["SELECT eventID FROM eds WHERE eventName = 'CreateTrail' OR (readOnly AND userIdentity.userName IS NULL)", ['e3', 'e5']],
  ['SELECT eventID FROM eds WHERE errorCode = NULL', []],
  ['SELECT eventID FROM eds ORDER BY eventTime DESC LIMIT 2', ['e5', 'e4']],
  ['SELECT eventID, eventName FROM eds ORDER BY eventName, eventID DESC', ['e1|CreateLogGroup', 'e3|CreateTrail', 'e4|DeleteLogGroup', 'e5|DescribeLogGroups', 'e2|DescribeLogGroups']],
  ['SELECT eventID, errorCode FROM eds ORDER BY errorCode DESC, 1', ['e4|ResourceNotFoundException', 'e1|', 'e2|', 'e3|', 'e5|']],
  ['SELECT eventName, COUNT(*) AS n FROM eds GROUP BY eventName ORDER BY n DESC, eventName', ['DescribeLogGroups|2', 'CreateLogGroup|1', 'CreateTrail|1', 'DeleteLogGroup|1']],
  ['SELECT userIdentity.arn, count(*) FROM eds GROUP BY userIdentity.arn ORDER BY 2', ['arn:aws:sts::123456789012:assumed-role/ops/bob|2', 'arn:aws:iam::123456789012:user/alice|3']],
  ['SELECT eventSource, count(errorCode) AS errors FROM eds GROUP BY 1 ORDER BY eventSource', ['cloudtrail.amazonaws.com|0', 'logs.amazonaws.com|1']],
  ["SELECT COUNT(*) FROM eds WHERE eventName = 'Nothing'", ['0']],
  ['SELECT eventTime, readOnly, managementEvent FROM eds LIMIT 1', ['2026-01-01 10:00:00.000|false|true']],
  ["SELECT requestParameters FROM eds WHERE eventID IN ('e1', 'e2')", ['{logGroupName=/app/e1}', '']],
];

results('a table of statements over hand-made events gives exact rows', () => {
  for (const [sql, expected] of TABLE) assert.equal(col(sql), expected, sql);
});

results('column names: as written, the last part of a path, aliases, _colN for unnamed', () => {
  assert.equal(rows("SELECT eventName, userIdentity.arn, eventTime AS t, COUNT(*) FROM eds WHERE eventID = 'e1' GROUP BY eventName, userIdentity.arn, eventTime"), [
    [{ eventName: 'CreateLogGroup' }, { arn: 'arn:aws:iam::123456789012:user/alice' }, { t: '2026-01-01 10:00:00.000' }, { _col3: '1' }],
  ]);
  assert.equal(rows("SELECT \"eventName\" AS \"Name\" FROM eds WHERE eventid = 'e3'"), [[{ Name: 'CreateTrail' }]]);
});

results('SELECT * returns every schema column in CloudTrail order, rows and maps as Trino prints them', () => {
  const [first] = rows("SELECT * FROM eds WHERE eventID = 'e4'");
  const keys = first.map((c) => Object.keys(c)[0]);
  assert.equal(keys.slice(0, 5), ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName']);
  assert.ok(keys.includes('eventID') && keys.includes('requestID') && keys.includes('recipientAccountId'));
  const value = (k: string) => first.find((c) => k in c)![k];
  assert.is(
    value('userIdentity'),
    '{type=IAMUser, principalid=AIDAALICE, arn=arn:aws:iam::123456789012:user/alice, accountid=123456789012, accesskeyid=AKIAALICE, username=alice, sessioncontext=null, invokedby=null, identityprovider=null}',
  );
  assert.is(value('errorMessage'), 'gone');
  assert.is(value('requestParameters'), '{logGroupName=/app/e4}');
  assert.is(value('responseElements'), '');
});

results('statistics: every event scanned, those passing WHERE matched, bytes of the events read', () => {
  const outcome = compileQuery("SELECT eventID FROM eds WHERE readOnly = true").run(EVENTS);
  assert.is(outcome.eventsScanned, 5);
  assert.is(outcome.eventsMatched, 2);
  assert.is(outcome.bytesScanned, EVENTS.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0));
  assert.is(compileQuery('SELECT eventID FROM 0f7a2b1c-3d4e-4f50-9863-bee5a24d0d88').table, '0f7a2b1c-3d4e-4f50-9863-bee5a24d0d88');
});

results.run();

const rejected = suite('Lake SQL: rejected statements');

const REJECTED: [string, string][] = [
  ['', "line 1:1: mismatched input '<EOF>'. Expecting: 'SELECT'"],
  ['DELETE FROM eds', "line 1:1: mismatched input 'DELETE'. Expecting: 'SELECT'"],
  ['SELECT FROM eds', "line 1:8: mismatched input 'FROM'. Expecting: '*', 'NOT', '(', 'COUNT', 'FALSE', 'NULL', 'TRUE', <identifier>, <number>, <string>"],
  ['SELECT eventName', "line 1:17: mismatched input '<EOF>'. Expecting: ',', 'AS', 'FROM', <identifier>"],
  ['SELECT eventName FROM', "line 1:22: mismatched input '<EOF>'. Expecting: <identifier>"],
  ['SELECT eventName FROM (SELECT 1)', "line 1:23: mismatched input '('. Expecting: <identifier>"],
  ['SELECT DISTINCT eventName FROM eds', "line 1:8: mismatched input 'DISTINCT'. Expecting: '*', 'NOT', '(', 'COUNT', 'FALSE', 'NULL', 'TRUE', <identifier>, <number>, <string>"],
  ['SELECT eventName FROM eds JOIN other', "line 1:27: mismatched input 'JOIN'. Expecting: 'WHERE', 'GROUP', 'ORDER', 'LIMIT', <EOF>"],
  ["SELECT eventName FROM eds WHERE eventName = 'a' HAVING x", "line 1:49: mismatched input 'HAVING'. Expecting: ',', 'AND', 'OR', 'GROUP', 'ORDER', 'LIMIT', <EOF>"],
  ['SELECT eventName FROM eds LIMIT 1.5', "line 1:33: mismatched input '1.5'. Expecting: 'ALL', <integer>"],
  ['SELECT eventName FROM eds LIMIT 5 OFFSET 2', "line 1:35: mismatched input 'OFFSET'. Expecting: <EOF>"],
  ["SELECT eventName FROM eds WHERE eventName = 'abc", "line 1:45: token recognition error at: ''abc'"],
  ['SELECT eventName FROM eds WHERE eventName = $1', "line 1:45: token recognition error at: '$'"],
  ['SELECT eventName FROM eds WHERE eventName IS 3', "line 1:46: mismatched input '3'. Expecting: 'NOT', 'NULL'"],
  ["SELECT eventName FROM eds WHERE eventName IN 'a'", "line 1:46: mismatched input ''a''. Expecting: '('"],
  ["SELECT eventName FROM eds WHERE (eventName = 'a'", "line 1:49: mismatched input '<EOF>'. Expecting: ')', 'AND', 'OR'"],
  ['SELECT foo FROM eds', "line 1:8: Column 'foo' cannot be resolved"],
  ['SELECT userIdentity.foo FROM eds', "line 1:8: Column 'userIdentity.foo' cannot be resolved"],
  ['SELECT requestParameters.name FROM eds', 'line 1:8: Expression requestParameters is not of type ROW'],
  ['SELECT lower(eventName) FROM eds', "line 1:8: Function 'lower' not registered"],
  ['SELECT eventName FROM eds WHERE eventName = 5', 'line 1:43: Cannot apply operator: varchar = integer'],
  ["SELECT eventName FROM eds WHERE readOnly <> 'true'", 'line 1:42: Cannot apply operator: boolean <> varchar(4)'],
  ["SELECT eventName FROM eds WHERE eventTime > '2026-13-01 00:00:00'", 'line 1:43: Value cannot be cast to timestamp: 2026-13-01 00:00:00'],
  ["SELECT eventName FROM eds WHERE eventTime LIKE '2026%'", 'line 1:43: Left side of LIKE expression must evaluate to a varchar (actual: timestamp(3))'],
  ["SELECT eventName FROM eds WHERE eventName IN ('a', 1)", 'line 1:43: IN value and list items must be the same type: varchar'],
  ['SELECT eventName FROM eds WHERE eventTime BETWEEN 1 AND 2', 'line 1:43: Cannot check if timestamp(3) is BETWEEN integer and integer'],
  ['SELECT eventName FROM eds WHERE eventName', 'line 1:33: WHERE clause must evaluate to a boolean: actual type varchar'],
  ["SELECT eventName FROM eds WHERE eventName AND readOnly", 'line 1:43: Left side of logical expression must evaluate to a boolean (actual: varchar)'],
  ['SELECT eventName FROM eds WHERE NOT eventName', 'line 1:33: Value of logical NOT expression must evaluate to a boolean (actual: varchar)'],
  ['SELECT eventName FROM eds WHERE COUNT(*) > 1', 'line 1:33: WHERE clause cannot contain aggregations, window functions or grouping operations: [count(*)]'],
  ['SELECT eventName, COUNT(*) FROM eds', "line 1:8: 'eventName' must be an aggregate expression or appear in GROUP BY clause"],
  ['SELECT *, COUNT(*) FROM eds', "line 1:8: 'eventversion' must be an aggregate expression or appear in GROUP BY clause"],
  ['SELECT eventName, eventSource FROM eds GROUP BY eventName', "line 1:19: 'eventSource' must be an aggregate expression or appear in GROUP BY clause"],
  ['SELECT eventName FROM eds GROUP BY COUNT(*)', 'line 1:36: GROUP BY clause cannot contain aggregations, window functions or grouping operations: [count(*)]'],
  ['SELECT eventName FROM eds GROUP BY 3', 'line 1:36: GROUP BY position 3 is not in select list'],
  ['SELECT eventName FROM eds ORDER BY 2', 'line 1:36: ORDER BY position 2 is not in select list'],
  ['SELECT eventName, COUNT(*) FROM eds GROUP BY eventName ORDER BY eventTime', "line 1:65: ORDER BY expression 'eventTime' must be an aggregate expression or appear in GROUP BY clause"],
];

rejected('a table of statements outside the subset gives positioned, Trino-style messages', () => {
  for (const [sql, message] of REJECTED) {
    try {
      compileQuery(sql);
      assert.unreachable(`accepted: ${sql}`);
    } catch (error) {
      assert.instance(error, SqlError, sql);
      assert.is((error as SqlError).message, message, sql);
    }
  }
});

rejected('positions count lines and columns across newlines and comments', () => {
  try {
    compileQuery('SELECT eventName -- the name\nFROM eds\n/* filter */ WHERE nothing = 1');
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, "line 3:20: Column 'nothing' cannot be resolved");
  }
});

rejected('mangled statements never raise anything but SqlError', () => {
  const base = "SELECT eventName, COUNT(*) AS n FROM eds WHERE (eventTime > '2026-01-01' AND userIdentity.arn LIKE '%a_') GROUP BY eventName ORDER BY n DESC LIMIT 3";
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 2000; n++) {
    const chars = [...base];
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(random() * chars.length);
      if (random() < 0.5) chars.splice(at, 1);
      else chars.splice(at, 0, chars[Math.floor(random() * chars.length)]);
    }
    const sql = chars.join('');
    try {
      compileQuery(sql).run(EVENTS);
    } catch (error) {
      assert.instance(error, SqlError, sql);
    }
  }
});

rejected.run();
