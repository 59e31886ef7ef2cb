import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngineState } from '../../src/engine/persist/snapshot.js';

const test = suite('engine persistence: kill -9 under write load');
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ACCOUNT = '123456789012';
const AUTH = `AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0`;
let dir: string;
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'logwarden-crash-'));
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** `logwarden serve --state DIR --port 0` in a child process, once it listens. */
async function startServe(): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--state', dir, '--port', '0'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, url };
}

/** One Logs call; resolves with the HTTP status (0 when the connection died with the server). */
function post(agent: Agent, url: URL, operation: string, body: object): Promise<number> {
  return new Promise((resolve) => {
    const text = JSON.stringify(body);
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${operation}`, authorization: AUTH, 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(text);
  });
}

/**
 * 8 writers create groups (each then given a retention) until `acks` calls were acknowledged,
 * then the server is killed with SIGKILL while the writers keep going. Returns what was acknowledged.
 */
async function loadAndKill(round: number, acks: number): Promise<Map<string, number | undefined>> {
  const { child, url } = await startServe();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const acknowledged = new Map<string, number | undefined>();
  let count = 0;
  let dead = false;
  const exited = new Promise((r) => child.once('exit', r));
  const writer = async (w: number) => {
    for (let i = 0; !dead; i++) {
      const name = `/crash/r${round}-w${w}-${i}`;
      if ((await post(agent, url, 'CreateLogGroup', { logGroupName: name })) !== 200) break;
      acknowledged.set(name, undefined);
      if ((await post(agent, url, 'PutRetentionPolicy', { logGroupName: name, retentionInDays: 7 })) !== 200) break;
      acknowledged.set(name, 7);
      count += 2;
      if (count >= acks && !dead) {
        dead = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
  await exited;
  agent.destroy();
  return acknowledged;
}

test('every acknowledged write survives kill -9, round after round, and a torn tail is dropped', async () => {
  const all = new Map<string, number | undefined>();
  for (let round = 0; round < 3; round++) {
    for (const [name, retention] of await loadAndKill(round, 120)) all.set(name, retention);
    const groups = loadEngineState(dir).world!.accounts[ACCOUNT]!.regions['us-east-1']!.logs.logGroups;
    for (const [name, retention] of all) {
      assert.ok(Object.hasOwn(groups, name), `acknowledged ${name} is missing after round ${round}`);
      if (retention !== undefined) assert.is(groups[name]!.retentionInDays, retention, name);
    }
    // an append cut short by the crash, as a kill mid-write leaves it
    const log = join(dir, 'engine.log');
    const whole = statSync(log).size;
    appendFileSync(log, '1234abcd {"serial":');
    const { child, url } = await startServe();
    assert.is(statSync(log).size, whole, 'the torn tail is dropped when serve opens the directory');
    const agent = new Agent({ keepAlive: false });
    assert.is(await post(agent, url, 'DescribeLogGroups', { limit: 1 }), 200);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  assert.ok(all.size >= 3 * 60);
});

test.run();
