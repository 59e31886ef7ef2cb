import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

for (const example of readdirSync('examples')) {
  test(`examples/${example} validates`, async () => {
    let out = '';
    const code = await main(['validate', `examples/${example}`], new Writable({ write: (c, _e, cb) => ((out += c), cb()) }), quiet());
    assert.is(code, 0, out);
  });
}

test.run();
