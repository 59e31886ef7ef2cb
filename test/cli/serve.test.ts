import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { exposureWarning, isLoopbackHost } from '../../src/cli/serve.js';
import { runCli, runCliWatching } from '../helpers/cli.js';

const test = suite('cli: serve');

test('loopback hosts are the local ones only', () => {
  for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1']) {
    assert.not.ok(isLoopbackHost(host), host);
  }
});

test('a non-loopback --host is warned about on stderr, before listening', async () => {
  // 203.0.113.0/24 is TEST-NET-3: never a local address, so the bind fails and nothing is exposed.
  const run = await runCli('serve', '--host', '203.0.113.7', '--port', '0', '--in-memory');
  assert.is(run.code, 1);
  assert.is(
    run.err,
    'logwarden serve: WARNING: --host 203.0.113.7 is not a loopback address. The engine verifies no request signature ' +
      'and its admin endpoints (/_engine/*: reset, externals, faults, clock, organization) are open: anyone who can reach ' +
      '203.0.113.7 can read and change every account and region it holds. Serve on 127.0.0.1 unless every host on this ' +
      'network is trusted.\n' +
      'logwarden: cannot listen on 203.0.113.7:0: EADDRNOTAVAIL\n',
  );
  assert.is(exposureWarning('0.0.0.0').includes('--host 0.0.0.0 is not a loopback address'), true);
});

test('on loopback it warns of nothing, listens, and stops on SIGINT', async () => {
  let stopped = false;
  const run = await runCliWatching(['serve', '--port', '0', '--in-memory'], (out) => {
    if (!stopped && out.includes('listening on http://127.0.0.1:')) {
      stopped = true;
      setImmediate(() => process.emit('SIGINT'));
    }
  });
  assert.is(run.code, 0);
  assert.match(run.out, /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  assert.is(run.err, '');
});

test('--account must be a 12-digit account id', async () => {
  const run = await runCli('serve', '--account', 'admin', '--in-memory', '--port', '0');
  assert.equal([run.code, run.err], [1, "logwarden: --account expects a 12-digit account id, got 'admin'\n"]);
});

test.run();
