import { Engine } from '../engine/engine.js';
import { startServer } from '../engine/protocol/server.js';
import type { ParsedArgs } from './args.js';

/** `logwarden serve`: the engine as an HTTP endpoint any AWS SDK can talk to. */
export async function serve(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const port = args.int('port', 4599);
  const host = args.string('host') ?? '127.0.0.1';
  const inMemory = args.flag('in-memory');
  const stateDir = inMemory ? undefined : (args.string('state') ?? 'state');
  const engine = new Engine({
    stateDir,
    account: args.string('account'),
    command: `logwarden serve (port ${port})`,
  });
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
