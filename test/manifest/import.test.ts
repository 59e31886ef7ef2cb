import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { stringify } from 'yaml';
import { executeCalls } from '../../src/apply/execute.js';
import { createClients } from '../../src/driver/clients.js';
import { PacedSender } from '../../src/driver/pacing.js';
import { EVERYTHING, refresh } from '../../src/driver/refresh.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import { ALL_KINDS, kindSpec } from '../../src/kinds/index.js';
import { importFiles, prefixOf } from '../../src/manifest/import-files.js';
import { importResources } from '../../src/manifest/import.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { formatAddress } from '../../src/model/address.js';
import { emptyResourceSet, type ResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';
import { renderManifestYaml } from '../../src/render/manifest-yaml.js';
import { CTX, NOTHING_OWNED } from '../plan/fixtures.js';
import { EXTERNALS, generateManifest, Random } from '../plan/generate.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CASES = 60;
const SEED = 20250117;

const engine = new Engine({ account: CTX.account });
const clients = createClients({ kind: 'local', engine, stateDir: '(memory)', region: CTX.region });

const test = suite('manifest: import — what the target holds, declared, resolves back to exactly it');

test.after(async () => {
  clients.destroy();
  await engine.close();
});

/** The desired state of YAML files, loaded together (as DIR would be). */
function load(files: { path: string; text: string }[]) {
  const m = emptyManifest();
  for (const f of files) loadFile(f.path, f.text, m);
  const desired = resolveManifest(m, CTX);
  return { desired: desired.resources, problems: [...m.diagnostics, ...desired.diagnostics].map((d) => `${d.summary} (${d.source?.file}:${d.source?.line})`) };
}

/** A generated manifest applied to an empty engine through the planner; the target read back whole. */
async function estate(seed: number): Promise<ResourceSet> {
  engine.reset();
  engine.registerExternals({ ...EXTERNALS, region: CTX.region, account: CTX.account });
  const m = emptyManifest();
  loadFile('generated.yaml', stringify(generateManifest(new Random(seed))), m);
  const calls = planCalls(diffResources(resolveManifest(m, CTX).resources, emptyResourceSet(), NOTHING_OWNED), CTX);
  const results = await executeCalls(calls, async (call) => ({ output: await sendOperation(clients, call.service, call.operation, call.input), attempts: 1 }));
  assert.equal(results.filter((r) => r.status !== 'done').map((r) => r.error?.message), [], `seed ${seed} applies`);
  return (await refresh(new PacedSender(clients), EVERYTHING)).resources;
}

/** Imports what was read into files (by kind, or by prefix), as text. */
function imported(observed: ResourceSet, groupBy: 'kind' | 'prefix') {
  const result = importResources([{ scope: CTX, observed }], { isDeclared: () => false, defaultTags: {}, accountName: (id) => id });
  const files = importFiles(result, { groupBy, scoped: false, fleet: false, accountName: (id) => id });
  return { result, files: files.map((f) => ({ path: f.path, text: renderManifestYaml(f.documents) })) };
}

test('every kind of the registry can be declared', () => {
  assert.equal(ALL_KINDS.filter((k) => kindSpec(k).declare === undefined), []);
});

test(`${CASES} generated estates: imported, loaded and resolved, they equal what was read (a plan adopts them and changes nothing)`, async () => {
  for (let i = 0; i < CASES; i++) {
    const observed = await estate(SEED + i);
    const { result, files } = imported(observed, i % 2 ? 'prefix' : 'kind');
    assert.equal(result.leftOut, [], `case ${i}: nothing left out`);
    const { desired, problems } = load(files);
    assert.equal(problems, [], `case ${i}: the import is valid:\n${files.map((f) => `# ${f.path}\n${f.text}`).join('\n')}`);
    const changes = diffResources(desired, observed, NOTHING_OWNED);
    const pending = changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${formatAddress(c.address)} ${JSON.stringify(c.attributes.map((a) => [a.path, a.before, a.after]))}`);
    assert.equal(pending, [], `case ${i}: only adoptions`);
    assert.is(changes.filter((c) => c.adopt).length, observed.size, `case ${i}: everything read is adopted`);
  }
});

test('tags every resource shares go to defaults.tags; each declares only its own', () => {
  const observed = emptyResourceSet();
  for (const [name, tags] of [['/a', { 'managed-by': 'lw', team: 'a' }], ['/b', { 'managed-by': 'lw', team: 'b' }]] as const) {
    observed.set(`logGroup:${name}`, { address: { kind: 'logGroup', name }, value: { logGroupName: name, logGroupClass: 'STANDARD', tags } });
  }
  const { files } = imported(observed, 'kind');
  assert.equal(
    files.map((f) => f.text).join(''),
    [
      '# Tags every imported resource shares, factored out by logwarden import: defaults apply to every manifest of the directory.',
      '',
      'defaults: { tags: { managed-by: lw } }',
      '# Log groups by name, of 123456789012 us-east-1: imported by logwarden import.',
      '',
      'logGroups:',
      '  /a:',
      '    tags: { team: a }',
      '  /b:',
      '    tags: { team: b }',
      '',
    ].join('\n'),
  );
});

test('log groups by prefix: AWS services by service, the rest by first segment, bare names in other', () => {
  assert.equal(['/aws/lambda/pay', '/aws/ecs/containerinsights/x/performance', '/app/api', 'plain', '/solo', 'a/b'].map(prefixOf), ['aws-lambda', 'aws-ecs', 'app', 'other', 'other', 'a']);
});

test.run();
