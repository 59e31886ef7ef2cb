import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine.js';
import { MAX_BODY_BYTES, errorResponse } from './json11.js';
import { handleRequest } from './route.js';
import { isLiveTailRequest, liveTailResponse, sendStreaming } from './live-tail-stream.js';
import { AwsError } from '../errors.js';
import { randomUUID } from 'node:crypto';
import { queryDeliveries, queryMetrics } from '../logs/feed-admin.js';

/** A running `logwarden serve`. */
export interface EngineServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** The admin endpoints of the contract (DESIGN.md), plus `clock` and `organization`. */
const ADMIN: Record<string, (engine: Engine, body: any) => unknown> = {
  'GET /_engine/health': () => ({ status: 'ok' }),
  'POST /_engine/reset': (engine) => {
    engine.reset();
    return { status: 'ok' };
  },
  'POST /_engine/externals': (engine, body) => {
    engine.registerExternals(body);
    return { status: 'ok' };
  },
  'POST /_engine/faults': (engine, body) => {
    engine.configureFaults(body);
    return { status: 'ok' };
  },
  'POST /_engine/clock': (engine, body) => {
    engine.advanceClock(Number(body?.advanceSeconds) * 1000);
    return { status: 'ok', now: engine.now() };
  },
  'POST /_engine/organization': (engine, body) => {
    engine.setOrganization(String(body?.account ?? engine.defaultAccount), body?.managementAccount !== false, body?.organizationId);
    return { status: 'ok' };
  },
  'GET /_engine/metrics': (engine, body) => queryMetrics(engine.world, body),
  'POST /_engine/metrics': (engine, body) => queryMetrics(engine.world, body),
  'GET /_engine/deliveries': (engine, body) => queryDeliveries(engine.world, body),
  'POST /_engine/deliveries': (engine, body) => queryDeliveries(engine.world, body),
};

/** Serves the AWS APIs (JSON 1.1, and STS in awsQuery) and the admin endpoints over HTTP. */
export function startServer(engine: Engine, port = 4599, host = '127.0.0.1'): Promise<EngineServer> {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    readBody(req, (body) => respond(engine, req, res, body));
  });
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        server,
        url: `http://${shownHost}:${addr.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Reads the body up to MAX_BODY_BYTES; undefined means it was too large. */
function readBody(req: IncomingMessage, then: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => then(tooLarge ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  req.on('error', () => then(undefined));
}

function respond(engine: Engine, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path.startsWith('/_engine/')) return respondAdmin(engine, `${req.method} ${path}`, body, res);
  const out =
    body === undefined
      ? errorResponse(
          engine,
          'logs',
          randomUUID(),
          new AwsError('RequestEntityTooLargeException', `Request body must be at most ${MAX_BODY_BYTES} bytes`),
        )
      : handleRequest(engine, {
          method: req.method ?? 'GET',
          path,
          headers: req.headers as Record<string, string | undefined>,
          body,
          sourceIp: req.socket.remoteAddress,
        });
  if (out.status === 200 && isLiveTailRequest(req.headers as Record<string, string>)) return sendStreaming(res, liveTailResponse(engine, out));
  // A success is acknowledged only once it is durable (group commit: one write serves many calls).
  const send = () => {
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  };
  if (out.status === 200) engine.flush().then(send, (e) => {
    const failed = errorResponse(engine, 'logs', randomUUID(), new AwsError('ServiceUnavailableException', `State could not be saved: ${(e as Error).message}`));
    res.writeHead(failed.status, failed.headers);
    res.end(failed.body);
  });
  else send();
}

function respondAdmin(engine: Engine, route: string, body: Buffer | undefined, res: ServerResponse): void {
  const { status, body: value } = runAdmin(engine, route, body);
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One admin request (`GET /_engine/health` …): status and JSON body; shared by tests in process. */
export function runAdmin(engine: Engine, route: string, body: Uint8Array | string | undefined): { status: number; body: unknown } {
  const handler = ADMIN[route];
  if (!handler) return { status: 404, body: { error: `no admin endpoint ${route}`, endpoints: Object.keys(ADMIN) } };
  let parsed: unknown = {};
  try {
    if (body === undefined) throw new Error('request body too large');
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    if (text.trim() !== '') parsed = JSON.parse(text);
  } catch (e) {
    return { status: 400, body: { error: `invalid JSON body: ${(e as Error).message}` } };
  }
  try {
    return { status: 200, body: handler(engine, parsed) };
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message } };
  }
}
