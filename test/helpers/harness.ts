import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import { suite, type Test } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, persistable, type EngineOptions } from '../../src/engine/engine.js';
import { loadEngineState } from '../../src/engine/persist/snapshot.js';
import { EngineRequestHandler } from '../../src/engine/protocol/sdk-handler.js';
import { runAdmin } from '../../src/engine/protocol/admin.js';
import { startServer, type EngineServer } from '../../src/engine/protocol/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The two ways a client reaches the engine: the in-process requestHandler, or HTTP to `serve`. */
export type Transport = 'in-process' | 'http';
export const TRANSPORTS: Transport[] = ['in-process', 'http'];

/** An engine with real SDK clients pointed at it, over one transport. */
export interface Harness {
  transport: Transport;
  engine: Engine;
  logs: CloudWatchLogsClient;
  trail: CloudTrailClient;
  sts: STSClient;
  /** The HTTP endpoint (http transport only). */
  url?: string;
  /** Clients for another region or access key (account) on the same engine. */
  clients(options: { region?: string; accessKeyId?: string }): { logs: CloudWatchLogsClient; trail: CloudTrailClient; sts: STSClient };
  /** An admin endpoint call, e.g. admin('POST /_engine/externals', {...}). */
  admin(route: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * `LOGWARDEN_TEST_PERSISTENCE=1`: every harness without a state directory gets a temp one, and
 * forEachTransport checks after each test that the state on disk reloads to the world in memory
 * (every write of every handler reached the log).
 */
const CHECK_PERSISTENCE = process.env.LOGWARDEN_TEST_PERSISTENCE === '1';
const checkedDirs = new WeakMap<Engine, string>();

/** The first location where two JSON values differ (key order included), or undefined. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? undefined : path || '/';
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\0') !== kb.join('\0')) return `${path}/ (keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)})`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Reports (on stderr, as uvu stops a suite silently when a hook throws) where disk and memory differ. */
async function checkPersisted(engine: Engine, test: string): Promise<void> {
  const dir = checkedDirs.get(engine);
  if (!dir) return;
  await engine.flush();
  const memory = JSON.parse(JSON.stringify(persistable(engine.world)));
  const difference = firstDifference(memory, loadEngineState(dir).world);
  if (difference) process.stderr.write(`PERSISTENCE MISMATCH after "${test}": ${difference}\n`);
}

export async function harness(transport: Transport, options: EngineOptions = {}): Promise<Harness> {
  const scratch = CHECK_PERSISTENCE && !options.stateDir && !options.world ? mkdtempSync(join(tmpdir(), 'logwarden-check-')) : undefined;
  const engine = new Engine(scratch ? { ...options, stateDir: scratch } : options);
  if (scratch) checkedDirs.set(engine, scratch);
  let server: EngineServer | undefined;
  if (transport === 'http') server = await startServer(engine, 0, '127.0.0.1');
  const made: { destroy(): void }[] = [];
  const clients = ({ region = 'us-east-1', accessKeyId = 'AKIDEXAMPLE' }: { region?: string; accessKeyId?: string }) => {
    const config = {
      region,
      credentials: { accessKeyId, secretAccessKey: 'secret' },
      maxAttempts: 1,
      disableHostPrefix: true,
      ...(server
        ? { endpoint: server.url }
        : { endpoint: 'http://engine.local', requestHandler: new EngineRequestHandler(engine) }),
    };
    const set = { logs: new CloudWatchLogsClient(config), trail: new CloudTrailClient(config), sts: new STSClient(config) };
    made.push(set.logs, set.trail, set.sts);
    return set;
  };
  const { logs, trail, sts } = clients({});
  return {
    transport,
    engine,
    logs,
    trail,
    sts,
    url: server?.url,
    clients,
    async admin(route, body) {
      if (!server) return runAdmin(engine, route, body === undefined ? undefined : JSON.stringify(body));
      const [method, path] = route.split(' ');
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      for (const c of made) c.destroy();
      await server?.close();
      await engine.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Defines the same tests once per transport, each test on a freshly reset engine:
 * `forEachTransport('log groups', (test, h) => { test('…', async () => { await h().logs.send(…) }) })`.
 */
export function forEachTransport(name: string, define: (test: Test, h: () => Harness) => void): void {
  for (const transport of TRANSPORTS) {
    const test = suite(`${name} [${transport}]`);
    let current: Harness | undefined;
    test.before(async () => {
      current = await harness(transport);
    });
    test.before.each(() => {
      current!.engine.reset();
      current!.engine.configureFaults({ rate: 0 });
    });
    test.after.each((context) => checkPersisted(current!.engine, `${name}: ${context.__test__}`));
    test.after(async () => {
      await current?.close();
    });
    define(test, () => current!);
    test.run();
  }
}

/** Runs `fn` expecting an AWS error; returns it (name, message, $metadata) for exact assertions. */
export async function rejects(fn: () => Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } } & Record<string, any>> {
  try {
    await fn();
  } catch (e) {
    return e as any;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
