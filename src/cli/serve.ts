import { isIP } from 'node:net';
import { Engine } from '../engine/engine.js';
import { startServer } from '../engine/protocol/server.js';
import { UsageError, type ParsedArgs } from './args.js';

/** True for a host only this machine can reach: `localhost`, 127.0.0.0/8, `::1` (and its IPv4-mapped forms). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.replace(/^::ffff:/, '');
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** What `serve` prints to stderr when it listens where others can reach it. */
export function exposureWarning(host: string): string {
  return (
    `logwarden serve: WARNING: --host ${host} is not a loopback address. The engine verifies no request ` +
    `signature and its admin endpoints (/_engine/*: reset, externals, faults, clock, organization) are open: ` +
    `anyone who can reach ${host} can read and change every account and region it holds. ` +
    `Serve on 127.0.0.1 unless every host on this network is trusted.\n`
  );
}

/** `logwarden serve`: the engine as an HTTP endpoint any AWS SDK can talk to. */
export async function serve(args: ParsedArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const port = args.int('port', 4599);
  const host = args.string('host') ?? '127.0.0.1';
  const account = args.string('account');
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError(`--account expects a 12-digit account id, got '${account}'`);
  const inMemory = args.flag('in-memory');
  const stateDir = inMemory ? undefined : (args.string('state') ?? 'state');
  if (!isLoopbackHost(host)) err.write(exposureWarning(host));
  const engine = new Engine({ stateDir, account, command: `logwarden serve (port ${port})` });
  const server = await startServer(engine, port, host).catch(async (e: NodeJS.ErrnoException) => {
    await engine.close();
    throw new Error(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`);
  });
  out.write(`listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await engine.close();
  return 0;
}
