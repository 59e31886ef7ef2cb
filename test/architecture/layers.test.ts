import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * The layers, top to bottom (README "Architecture"): a module imports only from its own layer or
 * those below it. `engine/protocol` sits above the rest of `engine/`, which knows nothing of it.
 */
const LAYERS = ['cli', 'render', 'apply', 'state', 'plan', 'manifest', 'guardrails', 'cost', 'driver', 'kinds', 'model', 'engine/protocol', 'engine', 'aws', 'persist'];

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The layer of a path below src/: the longest layer name it starts with. */
function layerOf(path: string): string | undefined {
  const rel = relative(SRC, path).split('\\').join('/');
  return LAYERS.filter((l) => rel === l || rel.startsWith(`${l}/`)).sort((a, b) => b.length - a.length)[0];
}

test('every source file belongs to a layer', () => {
  assert.equal(files(SRC).filter((f) => layerOf(f) === undefined).map((f) => relative(SRC, f)), []);
});

test('imports only point down the layers (or within one)', () => {
  const upward: string[] = [];
  for (const file of files(SRC)) {
    const from = layerOf(file)!;
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
      const target = posix.normalize(join(dirname(file), m[1]!));
      const to = layerOf(target);
      if (to !== undefined && LAYERS.indexOf(to) < LAYERS.indexOf(from)) upward.push(`${relative(SRC, file)} (${from}) imports ${relative(SRC, target)} (${to})`);
    }
  }
  assert.equal(upward, []);
});

test.run();
