import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { project, runCli, outOfBand, type Project } from '../helpers/cli.js';

const test = suite('kinds: a log group\'s transformer, end to end on the local engine');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const GROUP = (processors: string) => `logGroups:
  /app/api:
    transformer:
${processors}
    metricFilters:
      errors:
        filterPattern: '{ $.level = "error" }'
        applyOnTransformedLogs: true
        metricTransformations:
          - { metricName: Errors, metricNamespace: App, metricValue: "1" }
`;

test('declared, applied, in sync; changed processors update it; removing it deletes it', async () => {
  p.write('app.yaml', GROUP('      - parseKeyValue: { fieldDelimiter: " ", keyValueDelimiter: "=" }'));
  const applied = await lw('apply', p.manifests, '--auto-approve');
  assert.is(applied.code, 0, applied.out + applied.err);
  assert.match(applied.out, 'transformer "/app/api": created');
  assert.match((await lw('plan', p.manifests)).out, 'No changes.');
  assert.match((await lw('drift', p.manifests)).out, 'No drift: 3 resources in sync');

  p.write('app.yaml', GROUP('      - parseJSON: {}\n      - lowerCaseString: { withKeys: [level] }'));
  const changed = JSON.parse((await lw('plan', p.manifests, '--json')).out);
  assert.equal(changed.resource_changes.filter((c: { action: string }) => c.action !== 'no-op').map((c: { action: string; address: string }) => `${c.action} ${c.address}`), ['update transformer "/app/api"']);
  assert.equal(changed.calls.map((c: { operation: string }) => c.operation), ['PutTransformer']);
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);

  p.write('app.yaml', 'logGroups:\n  /app/api: {}\n');
  const removed = JSON.parse((await lw('plan', p.manifests, '--json')).out);
  assert.ok(removed.calls.some((c: { operation: string }) => c.operation === 'DeleteTransformer'));
});

test("a transformer added out of band to a managed group is drift, and apply removes it", async () => {
  p.write('app.yaml', 'logGroups:\n  /app/api: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  await outOfBand(p.state, [['logs', 'PutTransformer', { logGroupIdentifier: '/app/api', transformerConfig: [{ parseJSON: {} }] }]]);
  const drift = await lw('drift', p.manifests);
  assert.is(drift.code, 2);
  assert.match(drift.out, 'transformer "/app/api"');
});

test('a transformer AWS would refuse fails at plan time, pointing at the manifest', async () => {
  p.write('app.yaml', 'logGroups:\n  /app/api:\n    transformer:\n      - lowerCaseString: { withKeys: [level] }\n');
  const r = await lw('plan', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.out, 'PutTransformer for transformer "/app/api" would fail: InvalidParameterException');
  assert.match(r.out, /app\.yaml:3:5/);
});

test.run();
