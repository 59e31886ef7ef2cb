import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { HttpRequest } from '@smithy/types';
import { EngineRequestHandler } from '../../src/engine/protocol/sdk-handler.js';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: AUTH };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The engine's IAM user id of an access key: `AIDA` and 17 hex digits of the key's SHA-256. */
const userId = (accessKeyId: string) => `AIDA${createHash('sha256').update(accessKeyId).digest('hex').toUpperCase().slice(0, 17)}`;

/** A hand-made STS request over the harness's transport: status, headers and the XML body. */
async function raw(h: Harness, headers: Record<string, string>, body: string) {
  if (h.url) {
    const res = await fetch(h.url, { method: 'POST', headers, body });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  }
  const request = { method: 'POST', protocol: 'http:', hostname: 'engine.local', path: '/', query: {}, headers, body } as HttpRequest;
  const { response } = await new EngineRequestHandler(h.engine).handle(request);
  return { status: response.statusCode, headers: response.headers, body: Buffer.from(response.body as Uint8Array).toString('utf8') };
}

/** AWS's awsQuery error document for one error of this request id. */
const errorXml = (code: string, message: string, requestId: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
  `  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${message}</Message>\n  </Error>\n` +
  `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;

forEachTransport('sts GetCallerIdentity', (test, h) => {
  test('a non-numeric access key is the IAM user of that key in the default account', async () => {
    const out = await h().sts.send(new GetCallerIdentityCommand({}));
    assert.equal(
      { UserId: out.UserId, Account: out.Account, Arn: out.Arn },
      { UserId: userId('AKIDEXAMPLE'), Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/user-AKIDEXAMPLE' },
    );
    assert.is(out.$metadata.httpStatusCode, 200);
    assert.match(out.$metadata.requestId!, UUID);
  });

  test('a 12-digit access key names its account', async () => {
    const out = await h().clients({ accessKeyId: '210987654321', region: 'eu-west-1' }).sts.send(new GetCallerIdentityCommand({}));
    assert.equal(
      { UserId: out.UserId, Account: out.Account, Arn: out.Arn },
      { UserId: userId('210987654321'), Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/user-210987654321' },
    );
  });

  test('the XML document and headers are the ones AWS sends', async () => {
    const r = await raw(h(), FORM, 'Action=GetCallerIdentity&Version=2011-06-15');
    const requestId = r.headers['x-amzn-requestid']!;
    assert.match(requestId, UUID);
    assert.is(r.status, 200);
    assert.is(r.headers['content-type'], 'text/xml');
    assert.is(
      r.body,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
        `  <GetCallerIdentityResult>\n` +
        `    <Arn>arn:aws:iam::123456789012:user/user-AKIDEXAMPLE</Arn>\n` +
        `    <UserId>${userId('AKIDEXAMPLE')}</UserId>\n    <Account>123456789012</Account>\n` +
        `  </GetCallerIdentityResult>\n` +
        `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
        `</GetCallerIdentityResponse>\n`,
    );
  });

  test('CloudTrail records the call as an STS management read event in the caller region', async () => {
    await h().clients({ region: 'eu-west-1' }).sts.send(new GetCallerIdentityCommand({}));
    const out = await h().clients({ region: 'eu-west-1' }).trail.send(new LookupEventsCommand({}));
    const events = out.Events!.filter((e) => e.EventName === 'GetCallerIdentity');
    assert.is(events.length, 1);
    const e = events[0]!;
    assert.equal(
      { source: e.EventSource, readOnly: e.ReadOnly, user: e.Username, key: e.AccessKeyId, resources: e.Resources },
      { source: 'sts.amazonaws.com', readOnly: 'true', user: 'user-AKIDEXAMPLE', key: 'AKIDEXAMPLE', resources: [] },
    );
    const record = JSON.parse(e.CloudTrailEvent!);
    assert.equal(
      { region: record.awsRegion, request: record.requestParameters, response: record.responseElements, arn: record.userIdentity.arn },
      { region: 'eu-west-1', request: null, response: null, arn: 'arn:aws:iam::123456789012:user/user-AKIDEXAMPLE' },
    );
  });

  test('an action the engine does not serve is InvalidAction (400) through the SDK', async () => {
    const e = await rejects(() => h().sts.send(new GetSessionTokenCommand({})));
    assert.is(e.name, 'InvalidAction');
    assert.is(e.message, 'Could not find operation GetSessionToken for version 2011-06-15');
    assert.is(e.$metadata.httpStatusCode, 400);
    assert.match(String((e.$metadata as { requestId?: string }).requestId), UUID);
  });

  test('unknown actions and versions are InvalidAction in an XML ErrorResponse', async () => {
    const cases: [body: string, message: string][] = [
      ['Action=NoSuchThing&Version=2011-06-15', 'Could not find operation NoSuchThing for version 2011-06-15'],
      ['Action=toString&Version=2011-06-15', 'Could not find operation toString for version 2011-06-15'],
      ['Action=GetCallerIdentity&Version=2010-01-01', 'Could not find operation GetCallerIdentity for version 2010-01-01'],
      ['Action=GetCallerIdentity', 'Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED'],
    ];
    for (const [body, message] of cases) {
      const r = await raw(h(), FORM, body);
      assert.is(r.status, 400, body);
      assert.is(r.headers['content-type'], 'text/xml', body);
      assert.is(r.body, errorXml('InvalidAction', message, r.headers['x-amzn-requestid']!), body);
    }
  });

  test('no Action is MissingAction; no signature is MissingAuthenticationToken (403)', async () => {
    const missing = await raw(h(), FORM, 'Version=2011-06-15');
    assert.is(missing.status, 400);
    assert.is(missing.body, errorXml('MissingAction', 'Missing Action', missing.headers['x-amzn-requestid']!));
    const unsigned = await raw(h(), { 'content-type': FORM['content-type'] }, 'Action=GetCallerIdentity&Version=2011-06-15');
    assert.is(unsigned.status, 403);
    assert.is(unsigned.body, errorXml('MissingAuthenticationToken', 'Request is missing Authentication Token', unsigned.headers['x-amzn-requestid']!));
  });

  test('a message is escaped inside the XML', async () => {
    const r = await raw(h(), FORM, `Action=${encodeURIComponent('<a&b>')}&Version=2011-06-15`);
    assert.is(r.body, errorXml('InvalidAction', 'Could not find operation &lt;a&amp;b&gt; for version 2011-06-15', r.headers['x-amzn-requestid']!));
  });
});
