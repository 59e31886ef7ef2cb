import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { harness, type Harness } from '../helpers/harness.js';
import { project, runCli, type Project } from '../helpers/cli.js';

const test = suite('cli: resources AWS names by generated ids, planned against `logwarden serve` over HTTP');
let p: Project;
let h: Harness;
test.before.each(async () => {
  p = project();
  h = await harness('http');
});
test.after.each(async () => {
  await h.close();
  p.remove();
});

const lw = (...argv: string[]) => runCli(...argv, '--endpoint', h.url!, '--state', p.state, '--no-color');

const ACCOUNT = '123456789012';
const DISTRIBUTION = `arn:aws:cloudfront::${ACCOUNT}:distribution/EDIST1`;

const MANIFEST = `
externals:
  resources: [${DISTRIBUTION}]
logGroups:
  /cdn/access: {}
deliverySources:
  cdn: { resourceArn: "${DISTRIBUTION}", logType: ACCESS_LOGS }
deliveryDestinations:
  logs: { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/cdn/access" } }
deliveries:
  cdn/logs: { recordFields: [date, time, c-ip], tags: { team: edge } }
queryDefinitions:
  slow-requests: { queryString: "fields @timestamp | filter time-taken > 1", logGroupNames: [/cdn/access] }
anomalyDetectors:
  cdn: { logGroupArnList: [/cdn/access] }
`;

test('updates and deletes by id are simulated on a rebuilt copy of the target (whose ids differ), then applied', async () => {
  assert.is((await h.admin('POST /_engine/externals', { resources: [DISTRIBUTION] })).status, 200);
  p.write('m.yaml', MANIFEST);
  const created = await lw('apply', p.manifests, '--auto-approve');
  assert.is(created.code, 0, created.out + created.err);
  assert.match(created.out, 'Apply complete! Resources: 6 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.is((await lw('plan', p.manifests, '--detailed-exitcode')).code, 0);
  p.write(
    'm.yaml',
    MANIFEST.replace('[date, time, c-ip], tags: { team: edge }', '[date, time], tags: { team: cdn }')
      .replace('time-taken > 1', 'time-taken > 2')
      .replace('anomalyDetectors:\n  cdn: { logGroupArnList: [/cdn/access] }\n', 'anomalyDetectors:\n  cdn: { logGroupArnList: [/cdn/access], enabled: false }\n'),
  );
  const planned = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(planned.code, 2, planned.out + planned.err);
  assert.match(planned.out, 'Plan: 0 to add, 3 to change, 0 to replace, 0 to destroy.');
  const changed = await lw('apply', p.manifests, '--auto-approve');
  assert.is(changed.code, 0, changed.out + changed.err);
  assert.match(changed.out, 'Converged: re-read 3 resources; the target matches the manifests.');
  p.write('m.yaml', MANIFEST.slice(0, MANIFEST.indexOf('deliveries:')));
  const removed = await lw('apply', p.manifests, '--auto-approve');
  assert.is(removed.code, 0, removed.out + removed.err);
  assert.match(removed.out, 'Apply complete! Resources: 0 added, 0 changed, 0 replaced, 3 destroyed.');
  assert.is((await lw('drift', p.manifests)).code, 0);
});

test.run();
