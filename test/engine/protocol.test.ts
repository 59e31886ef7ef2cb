import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { harness, type Harness } from '../helpers/harness.js';
import { MAX_BODY_BYTES } from '../../src/engine/protocol/json11.js';

const test = suite('protocol: malformed traffic over HTTP');
let h: Harness;
test.before(async () => {
  h = await harness('http');
});
test.after(async () => h.close());

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/eu-west-1/logs/aws4_request, SignedHeaders=host, Signature=abc';


async function call(headers: Record<string, string>, body: string | Buffer) {
  const res = await fetch(h.url!, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const json = (target: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': target,
  authorization: AUTH,
});

test('bad JSON is a SerializationException, and the server stays up', async () => {
  const r = await call(json('Logs_20140328.DescribeLogGroups'), '{"limit": ');
  assert.is(r.status, 400);
  assert.is(r.json.__type, 'SerializationException');
  assert.is(r.headers.get('x-amzn-errortype'), 'SerializationException');
  assert.ok(r.headers.get('x-amzn-requestid'));
  const health = await fetch(`${h.url}/_engine/health`);
  assert.equal(await health.json(), { status: 'ok' });
});

test('a JSON body that is not an object is a SerializationException', async () => {
  const r = await call(json('Logs_20140328.DescribeLogGroups'), '[1,2]');
  assert.is(r.json.__type, 'SerializationException');
});

test('unknown target is UnknownOperationException', async () => {
  for (const target of ['Logs_20140328.NoSuchThing', 'Nope.DescribeLogGroups', '']) {
    const r = await call(json(target), '{}');
    assert.is(r.status, 400, target);
    assert.is(r.json.__type, 'UnknownOperationException', target);
  }
});

test('wrong content type is refused with a clear error', async () => {
  const r = await call({ ...json('Logs_20140328.DescribeLogGroups'), 'content-type': 'text/plain' }, '{}');
  assert.is(r.status, 415);
  assert.is(r.json.__type, 'UnsupportedMediaTypeException');
  assert.match(r.json.message, /text\/plain/);
});

test('no Authorization header is MissingAuthenticationTokenException (403)', async () => {
  const headers: Record<string, string> = json('Logs_20140328.DescribeLogGroups');
  delete headers.authorization;
  const r = await call(headers, '{}');
  assert.is(r.status, 403);
  assert.is(r.json.__type, 'MissingAuthenticationTokenException');
});

test('a malformed Authorization header is IncompleteSignatureException', async () => {
  const r = await call({ ...json('Logs_20140328.DescribeLogGroups'), authorization: 'AWS4-HMAC-SHA256 Credential=junk' }, '{}');
  assert.is(r.json.__type, 'IncompleteSignatureException');
});

test('a body over the limit is refused with 413 and the server stays up', async () => {
  const r = await call(json('Logs_20140328.PutLogEvents'), Buffer.alloc(MAX_BODY_BYTES + 1, 0x20));
  assert.is(r.status, 413);
  assert.is(r.json.__type, 'RequestEntityTooLargeException');
  const health = await fetch(`${h.url}/_engine/health`);
  assert.is(health.status, 200);
});

test('GET on the API is refused', async () => {
  const res = await fetch(h.url!, { headers: { 'x-amz-target': 'Logs_20140328.DescribeLogGroups' } });
  assert.is(res.status, 400);
  assert.is(((await res.json()) as { __type: string }).__type, 'UnknownOperationException');
});

test('admin: unknown endpoint is 404, bad JSON is 400', async () => {
  assert.is((await fetch(`${h.url}/_engine/nope`, { method: 'POST' })).status, 404);
  const r = await fetch(`${h.url}/_engine/externals`, { method: 'POST', body: '{' });
  assert.is(r.status, 400);
});

test('admin: faults inject the requested errors at the requested rate, then stop', async () => {
  assert.is((await h.admin('POST /_engine/faults', { rate: 1, errors: ['ThrottlingException'], seed: 7 })).status, 200);
  const r = await call(json('Logs_20140328.DescribeLogGroups'), '{}');
  assert.is(r.json.__type, 'ThrottlingException');
  assert.is(r.json.message, 'Rate exceeded');
  await h.admin('POST /_engine/faults', { rate: 0 });
  const ok = await call(json('Logs_20140328.DescribeLogGroups'), '{}');
  assert.is.not(ok.json?.__type, 'ThrottlingException');
});

test.run();
