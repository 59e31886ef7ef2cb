import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine.js';
import { MAX_BODY_BYTES, errorResponse } from './json11.js';
import { runAdmin } from './admin.js';
import { handleRequest } from './route.js';
import { isLiveTailRequest, liveTailResponse, sendStreaming } from './live-tail-stream.js';
import { AwsError } from '../errors.js';
import { randomUUID } from 'node:crypto';

/** A running `logwarden serve`. */
export interface EngineServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

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
