import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { resolveGuardrails } from '../../src/manifest/guardrails.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest, scopesOf } from '../../src/manifest/resolve.js';
import { emptyResourceSet } from '../../src/model/resources.js';
import { diffResources } from '../../src/plan/changes.js';
import { planFleetCalls } from '../../src/plan/fleet.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { NO_COLOR } from '../../src/render/values.js';
import { Random } from '../plan/generate.js';

const MUTATIONS_PER_FILE = 150;
const SEED = 9;

/** Every manifest of the examples, as parsed YAML. */
const EXAMPLES = readdirSync('examples', { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && e.name !== 'logwarden.yaml')
  .map((e) => ({ file: relative('.', join(e.parentPath, e.name)), doc: parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as unknown }));

/** Values of every shape, to put where the schema wants another. */
const JUNK: unknown[] = [null, '', 'x', 0, -1, 1.5, 3653, true, false, [], [1, 'a'], {}, { a: 1 }, { metricTransformations: 'nope' }, [[{}]], 'a'.repeat(300)];

/** One random change at a random place: a member deleted, replaced by junk, wrapped in a list, or a key renamed. */
function mutate(value: unknown, r: Random, depth = 0): unknown {
  if (Array.isArray(value)) {
    if (value.length && r.chance(0.6)) return value.map((v) => (r.chance(0.5) ? mutate(v, r, depth + 1) : v));
    return r.chance(0.5) ? r.pick(JUNK) : [...value, r.pick(JUNK)];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || r.chance(0.1)) return r.pick(JUNK);
    const i = r.int(entries.length);
    const [key, v] = entries[i]!;
    const out = Object.fromEntries(entries);
    switch (r.int(depth < 6 ? 8 : 3)) {
      case 0:
        delete out[key];
        break;
      case 1:
        out[key] = r.pick(JUNK);
        break;
      case 2:
        out[`${key}${r.pick(['s', '_', 'X'])}`] = v;
        delete out[key];
        break;
      default:
        out[key] = mutate(v, r, depth + 1);
    }
    return out;
  }
  return r.pick(JUNK);
}

test(`${MUTATIONS_PER_FILE} mutations of every example file: only diagnostics, never an exception`, () => {
  const r = new Random(SEED);
  let diagnosed = 0;
  for (const { file, doc } of EXAMPLES) {
    for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
      let text = '';
      try {
        text = stringify(mutate(doc, r));
        const manifest = emptyManifest();
        loadFile(file, text, manifest);
        const defaults = { account: '123456789012', region: 'us-east-1' };
        const scopes = scopesOf(manifest, defaults).map((scope) => ({ scope, desired: resolveManifest(manifest, scope, defaults) }));
        const guardrails = resolveGuardrails(manifest);
        const diagnostics = [...manifest.diagnostics, ...guardrails.diagnostics, ...scopes.flatMap((s) => s.desired.diagnostics)];
        if (diagnostics.length) diagnosed++;
        const changes = scopes.map(({ scope, desired }) => ({ scope, changes: diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }) }));
        const calls = planFleetCalls(changes, scopes.length > 1);
        const view = { target: 't', changes: changes.flatMap((c) => c.changes), diagnostics, calls, readCalls: {} };
        renderPlanText(view, NO_COLOR);
        renderPlanJson(view);
      } catch (e) {
        assert.unreachable(`${file}, mutation ${i}: ${(e as Error).stack}\n--- the manifest:\n${text}`);
      }
    }
  }
  assert.ok(diagnosed > EXAMPLES.length * MUTATIONS_PER_FILE * 0.5, `most mutations are diagnosed (${diagnosed})`);
});

test.run();
