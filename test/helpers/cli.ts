import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { createClients } from '../../src/driver/clients.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import type { ExternalsRequest } from '../../src/engine/externals.js';
import type { ServiceName } from '../../src/model/calls.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** What one CLI run did: its exit code and everything it printed. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process (stdout and stderr captured, never a TTY). */
export async function runCli(...argv: string[]): Promise<CliRun> {
  return runCliWatching(argv, () => {});
}

/**
 * Runs the CLI in process like `runCli`, and shows `watch` stdout so far as it is written
 * (synchronously), so a test can act at a precise point of a run, e.g. once the plan is printed.
 */
export async function runCliWatching(argv: string[], watch: (outSoFar: string) => void): Promise<CliRun> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (chunk, _e, cb) => (f(chunk.toString()), cb()) });
  const code = await main(
    argv,
    sink((s) => watch((out += s))),
    sink((s) => (err += s)),
  );
  return { code, out, err };
}

/** A scratch project: a manifest directory and a state directory, removed by `remove()`. */
export interface Project {
  root: string;
  manifests: string;
  state: string;
  /** Writes (or replaces) a manifest file under the manifest directory. */
  write(file: string, yaml: string): void;
  remove(): void;
}

export function project(): Project {
  const root = mkdtempSync(join(tmpdir(), 'logwarden-e2e-'));
  const manifests = join(root, 'manifests');
  mkdirSync(manifests);
  return {
    root,
    manifests,
    state: join(root, 'state'),
    write(file, yaml) {
      mkdirSync(dirname(join(manifests, file)), { recursive: true });
      writeFileSync(join(manifests, file), yaml);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Sends one call to an open local target through the SDK; resolves to its output. Throws ApiError. */
export type LocalSend = (service: ServiceName, operation: string, input: Record<string, unknown>) => Promise<any>;

/**
 * Opens the state directory's engine (taking its lock), lets `use` send calls through the SDK,
 * and closes it (the world is on disk when this resolves). `externals`: resources of other
 * services (a Lambda function, a stream) the calls refer to, registered first.
 */
export async function onLocalTarget<T>(stateDir: string, use: (send: LocalSend) => Promise<T>, externals?: Omit<ExternalsRequest, 'region'>): Promise<T> {
  const engine = new Engine({ stateDir });
  if (externals) engine.registerExternals({ region: 'us-east-1', ...externals });
  const clients = createClients({ kind: 'local', engine, stateDir, region: 'us-east-1' });
  try {
    return await use((service, operation, input) => sendOperation(clients, service, operation, input));
  } finally {
    clients.destroy();
    await engine.close();
  }
}

/** Changes the local target behind logwarden's back: the calls in order; resolves to their outputs. */
export async function outOfBand(stateDir: string, calls: [ServiceName, string, Record<string, unknown>][], externals?: Omit<ExternalsRequest, 'region'>): Promise<unknown[]> {
  return onLocalTarget(
    stateDir,
    async (send) => {
      const outputs: unknown[] = [];
      for (const [service, operation, input] of calls) outputs.push(await send(service, operation, input));
      return outputs;
    },
    externals,
  );
}
