import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { transformLogEvent, type Processor, type TransformContext } from '../../src/engine/logs/transform/index.js';

/**
 * transformLogEvent, the function ingestion calls for a log group with a transformer (what
 * filters with `applyOnTransformedLogs` read): the group's metadata, failures as data.
 */
const test = suite('logs transformers: transformLogEvent');

const CONTEXT: TransformContext = { accountId: '012345678912', region: 'us-east-1', now: Date.UTC(2025, 5, 1), logGroupName: 'myLogGroupName', logStreamName: 'myLogStreamName' };

test('copyValue copies the documented metadata keys of the ingesting log group', () => {
  const config: Processor[] = [{ parseJSON: {} }, {
    copyValue: { entries: [
      { source: 'outer_key.inner_key', target: 'new_key' }, { source: '@logGroupName', target: 'log_group_name' },
      { source: '@logGroupStream', target: 'log_group_stream' }, { source: '@accountId', target: 'account_id' },
      { source: '@regionName', target: 'region_name' },
    ] },
  }];
  const out = transformLogEvent(config, '{"outer_key":{"inner_key":"inner_value"}}', CONTEXT);
  assert.equal(out, { transformed: '{"outer_key":{"inner_key":"inner_value"},"new_key":"inner_value","log_group_name":"myLogGroupName","log_group_stream":"myLogStreamName","account_id":"012345678912","region_name":"us-east-1"}' });
});

test('a failed transformation is an error, not an exception', () => {
  assert.equal(transformLogEvent([{ parseJSON: {} }], '{"unterminated": ', CONTEXT), { error: 'parseJSON: invalid JSON: unexpected end of input at character 18' });
  assert.equal(transformLogEvent([{ grok: { match: '%{INT:n}' } }], 'abc', CONTEXT), { error: 'grok: the log event does not match the grok pattern' });
});

test('an event of 512 KB or more is not transformed', () => {
  const big = JSON.stringify({ a: 'x'.repeat(512 * 1024) });
  assert.equal(transformLogEvent([{ parseJSON: {} }], big, CONTEXT), { error: 'The log event is 512 KB or larger, too large to transform.' });
});

test('at most 200 fields are extracted', () => {
  const fields = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
  assert.ok(transformLogEvent([{ parseJSON: {} }], fields(200), CONTEXT).transformed);
  assert.equal(transformLogEvent([{ parseJSON: {} }], fields(201), CONTEXT), { error: 'The transformed log event has more than 200 fields.' });
});

test('keys that name Object.prototype members are ordinary keys', () => {
  const out = transformLogEvent([{ parseJSON: {} }, { renameKeys: { entries: [{ key: '__proto__', renameTo: 'constructor' }] } }], '{"__proto__":{"x":1},"toString":2}', CONTEXT);
  assert.equal(out, { transformed: '{"toString":2,"constructor":{"x":1}}' });
});

test('deeply nested JSON fails to parse instead of overflowing the stack', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.match(transformLogEvent([{ parseJSON: { destination: 'd' } }], deep, CONTEXT).error!, /nesting too deep/);
});

test('large integers keep every digit, doubles print as Java prints them', () => {
  const out = transformLogEvent([{ parseJSON: {} }], '{"big":123456789012345678901234567890,"d":1e21,"small":0.0001,"neg":-0.0}', CONTEXT);
  assert.equal(out, { transformed: '{"big":123456789012345678901234567890,"d":1.0E21,"small":1.0E-4,"neg":-0.0}' });
});

test.run();
