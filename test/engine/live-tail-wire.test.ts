import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { harness, type Harness } from '../helpers/harness.js';
import { crc32 } from '../../src/engine/protocol/event-stream.js';

/**
 * StartLiveTail's bytes on the wire, read without the SDK: the framing botocore and the AWS CLI
 * parse too (prelude and message CRCs, string headers, `initial-response` first).
 */
const test = suite('StartLiveTail on the wire');
let h: Harness;
test.before(async () => {
  h = await harness('http');
});
test.after(async () => h.close());

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=abc';

interface Frame {
  headers: Record<string, string>;
  payload: unknown;
}

/** Decodes one message at the start of `buf`, checking both CRCs; undefined until it is complete. */
function decode(buf: Buffer): { frame: Frame; size: number } | undefined {
  if (buf.length < 12) return undefined;
  const total = buf.readUInt32BE(0);
  if (buf.length < total) return undefined;
  assert.is(buf.readUInt32BE(8), zlibCrc32(buf.subarray(0, 8)), 'prelude CRC');
  assert.is(buf.readUInt32BE(total - 4), zlibCrc32(buf.subarray(0, total - 4)), 'message CRC');
  const headersEnd = 12 + buf.readUInt32BE(4);
  const headers: Record<string, string> = {};
  for (let at = 12; at < headersEnd; ) {
    const nameLength = buf.readUInt8(at);
    const name = buf.toString('utf8', at + 1, at + 1 + nameLength);
    assert.is(buf.readUInt8(at + 1 + nameLength), 7, 'string header');
    const valueLength = buf.readUInt16BE(at + 2 + nameLength);
    headers[name] = buf.toString('utf8', at + 4 + nameLength, at + 4 + nameLength + valueLength);
    at += 4 + nameLength + valueLength;
  }
  return { frame: { headers, payload: JSON.parse(buf.toString('utf8', headersEnd, total - 4)) }, size: total };
}

test('the CRC is CRC-32 (IEEE)', () => {
  for (const s of ['', 'a', 'hello world', 'é'.repeat(300)]) assert.is(crc32(Buffer.from(s)), zlibCrc32(Buffer.from(s)));
});

test('initial-response, sessionStart, then sessionUpdate frames', async () => {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
  const abort = new AbortController();
  const res = await fetch(h.url!, {
    method: 'POST',
    signal: abort.signal,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.StartLiveTail', authorization: AUTH },
    body: JSON.stringify({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:app'] }),
  });
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'application/vnd.amazon.eventstream');
  assert.ok(res.headers.get('x-amzn-requestid'));
  const reader = res.body!.getReader();
  const frames: Frame[] = [];
  let buf = Buffer.alloc(0);
  while (frames.length < 3) {
    const { value } = await reader.read();
    buf = Buffer.concat([buf, Buffer.from(value!)]);
    for (let d = decode(buf); d; d = decode(buf)) {
      frames.push(d.frame);
      buf = buf.subarray(d.size);
    }
  }
  abort.abort();
  assert.equal(frames[0], {
    headers: { ':event-type': 'initial-response', ':message-type': 'event', ':content-type': 'application/json' },
    payload: {},
  });
  assert.is(frames[1]!.headers[':event-type'], 'sessionStart');
  assert.is((frames[1]!.payload as { requestId: string }).requestId, res.headers.get('x-amzn-requestid'));
  assert.equal(frames[2], {
    headers: { ':event-type': 'sessionUpdate', ':message-type': 'event', ':content-type': 'application/json' },
    payload: { sessionMetadata: { sampled: false }, sessionResults: [] },
  });
});

test('a refused request is an ordinary JSON error, not a stream', async () => {
  const res = await fetch(h.url!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.StartLiveTail', authorization: AUTH },
    body: JSON.stringify({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:missing'] }),
  });
  assert.is(res.status, 400);
  assert.equal(await res.json(), { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
});

test.run();
