import * as assert from 'uvu/assert';
import { TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const APACHE = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 500 4355',
];

forEachTransport('TestMetricFilter', (test, h) => {
  const testFilter = (filterPattern: string, logEventMessages: string[]) =>
    h().logs.send(new TestMetricFilterCommand({ filterPattern, logEventMessages }));

  test('a space-delimited pattern reports every field: named ones by name, others by position', async () => {
    const out = await testFilter('[..., request=*.html*, status_code=4*,]', APACHE);
    assert.equal(out.matches, [
      {
        eventNumber: 2,
        eventMessage: APACHE[1],
        extractedValues: {
          $1: '127.0.0.1',
          $2: '-',
          $3: 'frank',
          $4: '10/Oct/2000:13:35:22 -0700',
          $request: 'GET /index.html HTTP/1.0',
          $status_code: '404',
          $7: '5324',
        },
      },
    ]);
  });

  test('numbered events are 1-based positions in the request', async () => {
    const out = await testFilter('[ip, user, username, timestamp, request, status_code != 404, bytes > 1500]', APACHE);
    assert.equal(
      out.matches?.map((m) => m.eventNumber),
      [1, 3],
    );
    assert.equal(out.matches?.[1].extractedValues, {
      $ip: '127.0.0.1',
      $user: '-',
      $username: 'frank',
      $timestamp: '10/Oct/2000:13:50:35 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '500',
      $bytes: '4355',
    });
  });

  test('JSON and unstructured patterns match without extracted values', async () => {
    const events = ['{"latency": 50, "status": "ok"}', '{"latency": 900, "status": "slow"}', 'latency 900 not json'];
    const json = await testFilter('{ $.latency > 100 }', events);
    assert.equal(json.matches, [{ eventNumber: 2, eventMessage: events[1], extractedValues: {} }]);
    const terms = await testFilter('latency -ok', events);
    assert.equal(
      terms.matches?.map((m) => [m.eventNumber, m.extractedValues]),
      [
        [2, {}],
        [3, {}],
      ],
    );
  });

  test('the empty pattern matches every event; no match is an empty list', async () => {
    const all = await testFilter('', ['a', 'b']);
    assert.equal(
      all.matches?.map((m) => m.eventNumber),
      [1, 2],
    );
    const none = await testFilter('ERROR', ['INFO fine', 'WARN fine']);
    assert.equal(none.matches, []);
  });

  test('a malformed pattern is rejected with the metric filter message', async () => {
    const e = await rejects(() => testFilter('{ $.a IS NOT NULL }', ['{"a": 1}']));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'Invalid metric filter pattern');
    assert.is(e.$metadata.httpStatusCode, 400);
  });

  test('an invalid character is named', async () => {
    const e = await rejects(() => testFilter('user@example.com', ['user@example.com']));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, "Invalid character(s) in term '@'");
    const json = await rejects(() => testFilter('{ $.latency > "slow" }', ['{}']));
    assert.is(json.message, `Invalid character(s) in term '"slow"'`);
  });

  test('an unclosed JSON pattern gets its own message', async () => {
    const e = await rejects(() => testFilter('{ $.a = 1', ['{"a": 1}']));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, "If a filter pattern starts with '{' it must end with '}'");
  });

  test('the model bounds the number of messages', async () => {
    const empty = await rejects(() => testFilter('x', []));
    assert.is(empty.name, 'InvalidParameterException');
    assert.is(
      empty.message,
      "1 validation error detected: Value '[]' at 'logEventMessages' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const tooMany = await rejects(() => testFilter('x', Array.from({ length: 51 }, () => 'x')));
    assert.is(tooMany.name, 'InvalidParameterException');
    assert.match(tooMany.message, /^1 validation error detected: Value '\[x, x, .*' at 'logEventMessages' failed to satisfy constraint: Member must have length less than or equal to 50$/);
    const fifty = await testFilter('x', Array.from({ length: 50 }, () => 'x'));
    assert.is(fifty.matches?.length, 50);
  });
});
