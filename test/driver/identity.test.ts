import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import { createClients, type Clients } from '../../src/driver/clients.js';
import { callerAccount } from '../../src/driver/identity.js';
import { Engine } from '../../src/engine/engine.js';
import { startServer } from '../../src/engine/protocol/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const test = suite('driver callerAccount');

/** Runs `fn` with clients for a target, destroying them after. */
async function withClients<T>(clients: Clients, fn: (c: Clients) => Promise<T>): Promise<T> {
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}

/** Runs `fn` against an HTTP server that answers every request with this status and body. */
async function withFixedServer(status: number, xml: string, fn: (url: string) => Promise<void>): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' });
    res.end(xml);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

/** A URL nothing listens on: a port that was free a moment ago. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

const stsXml = (account: string) =>
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
  `<Arn>arn:aws:iam::${account}:user/a</Arn><UserId>AIDAX</UserId><Account>${account}</Account>` +
  `</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

test('local engine clients: the engine default account (logwarden --account)', async () => {
  const engine = new Engine({ account: '444455556666' });
  try {
    const account = await withClients(createClients({ kind: 'local', engine, stateDir: 'state', region: 'eu-central-1' }), callerAccount);
    assert.is(account, '444455556666');
  } finally {
    await engine.close();
  }
});

/** An endpoint target with both services at `url`. */
const endpointAt = (url: string, region: string) => ({ kind: 'endpoint' as const, region, logs: { url, from: '--endpoint' }, cloudtrail: { url, from: '--endpoint' } });

test('endpoint target: AWS_ENDPOINT_URL_STS wins over the endpoint URL for STS only', async () => {
  const engine = new Engine();
  const served = await startServer(engine, 0, '127.0.0.1');
  const saved = process.env.AWS_ENDPOINT_URL_STS;
  process.env.AWS_ENDPOINT_URL_STS = served.url;
  try {
    const url = await closedUrl();
    const account = await withClients(createClients(endpointAt(url, 'us-east-1')), callerAccount);
    assert.is(account, '123456789012');
  } finally {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = saved;
    await served.close();
    await engine.close();
  }
});

test('an AWS error becomes a clear Error naming the target, code and message', async () => {
  const xml =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
    `<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>` +
    `<RequestId>r-1</RequestId></ErrorResponse>`;
  await withFixedServer(400, xml, async (url) => {
    const clients = createClients(endpointAt(url, 'us-west-2'));
    const error = await withClients(clients, (c) => callerAccount(c).then(() => undefined, (e: Error) => e));
    assert.is(
      error?.message,
      `could not determine the account of endpoint ${url}, us-west-2 (STS GetCallerIdentity): ExpiredToken: The security token included in the request is expired; check the credentials: --profile or AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or 'aws sso login' for an SSO profile`,
    );
  });
});

test('an unreachable endpoint names the network error', async () => {
  const url = await closedUrl();
  const clients = createClients(endpointAt(url, 'us-east-1'));
  const error = await withClients(clients, (c) => callerAccount(c).then(() => undefined, (e: Error) => e));
  assert.ok(error, 'expected a failure');
  assert.ok(error.message.startsWith(`could not determine the account of endpoint ${url}, us-east-1 (STS GetCallerIdentity): ECONNREFUSED: `), error.message);
  assert.ok(error.message.endsWith('check that the target is reachable: for an endpoint, that it is running at that URL; for AWS, network access to its endpoints (a proxy, a VPC endpoint)'), error.message);
});

test('an answer without a 12-digit account is refused, not used as an ownership key', async () => {
  await withFixedServer(200, stsXml('not-an-account'), async (url) => {
    const error = await withClients(createClients(endpointAt(url, 'us-east-1')), (c) =>
      callerAccount(c).then(() => undefined, (e: Error) => e),
    );
    assert.is(
      error?.message,
      `could not determine the account of endpoint ${url}, us-east-1 (STS GetCallerIdentity): GetCallerIdentity answered Account 'not-an-account', not a 12-digit account id`,
    );
  });
  await withFixedServer(200, stsXml('000000000000'), async (url) => {
    assert.is(await withClients(createClients(endpointAt(url, 'us-east-1')), callerAccount), '000000000000');
  });
});

test.run();
