import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harness, type Harness } from '../helpers/harness.js';
import { project, runCli, type Project } from '../helpers/cli.js';

const test = suite('cli: fleets of accounts and regions from one repository');
let p: Project;
test.before.each(() => {
  p = project();
});
test.after.each(() => p.remove());

const lw = (...argv: string[]) => runCli(...argv, '--state', p.state, '--no-color');

const GROUP = (region: string) => `scope: { account: "333333333333", region: ${region} }\nlogGroups:\n  /app/api:\n    retentionInDays: 30\n`;

test('moving a file to another region plans create-there and delete-here, explicitly', async () => {
  p.write('app.yaml', GROUP('us-east-1'));
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  p.write('app.yaml', GROUP('eu-west-1'));
  const r = await lw('plan', p.manifests, '--json');
  const doc = JSON.parse(r.out);
  assert.equal(
    doc.resource_changes.map((c: { account: string; region: string; action: string; address: string }) => [c.account, c.region, c.action, c.address]),
    [
      ['333333333333', 'eu-west-1', 'create', 'logGroup "/app/api"'],
      ['333333333333', 'us-east-1', 'delete', 'logGroup "/app/api"'],
    ],
  );
  assert.equal(doc.scopes.map((s: { region: string; summary: { add: number; destroy: number } }) => [s.region, s.summary.add, s.summary.destroy]), [['eu-west-1', 1, 0], ['us-east-1', 0, 1]]);
  const text = await lw('plan', p.manifests);
  assert.match(text.out, '── 333333333333 eu-west-1: 1 to add, 0 to change, 0 to replace, 0 to destroy');
  assert.match(text.out, '── 333333333333 us-east-1: 0 to add, 0 to change, 0 to replace, 1 to destroy');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  assert.match((await lw('plan', p.manifests)).out, 'No changes.');
});

test('manifests without a scope are pinned where first applied: a stray region is an error, never a move', async () => {
  p.write('app.yaml', 'logGroups:\n  /app/api: {}\n');
  assert.is((await lw('apply', p.manifests, '--auto-approve')).code, 0);
  const r = await lw('plan', p.manifests, '--region', 'eu-west-1');
  assert.is(r.code, 1);
  assert.match(r.out, 'manifests without a scope were applied to 123456789012 us-east-1, and the target is now 123456789012 eu-west-1');
  assert.match(r.out, 'Run with --region us-east-1');
  assert.not.match(r.out, 'to destroy');
  assert.match((await lw('plan', p.manifests)).out, 'No changes.', 'with the pinned region all is well');
});

test('a cross-account subscription the destination\'s access policy does not allow fails at plan time, naming the policy', async () => {
  p.write('logwarden.yaml', 'accounts:\n  archive: { id: "222222222222" }\n  member: { id: "333333333333" }\n');
  p.write(
    'archive.yaml',
    `scope: { account: archive, region: us-east-1 }
externals:
  kinesisStreams: ["arn:aws:kinesis:us-east-1:222222222222:stream/s"]
  iamRoles: ["arn:aws:iam::222222222222:role/r"]
destinations:
  central:
    targetArn: arn:aws:kinesis:us-east-1:222222222222:stream/s
    roleArn: arn:aws:iam::222222222222:role/r
    accessPolicy:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: "444444444444" }, Action: logs:PutSubscriptionFilter, Resource: "*" }
`,
  );
  p.write('member.yaml', 'scope: { account: member, region: us-east-1 }\nlogGroups:\n  /app/api:\n    subscriptionFilters:\n      ship: { filterPattern: "", destination: central, destinationAccount: archive }\n');
  const r = await lw('plan', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.out, 'PutSubscriptionFilter for subscriptionFilter "/app/api/ship" in 333333333333 us-east-1 would fail: AccessDeniedException: User with accountId: 333333333333 is not authorized to perform: logs:PutSubscriptionFilter on resource: arn:aws:logs:us-east-1:222222222222:destination:central');
  assert.match(r.out, 'the access policy of destination "central" in 222222222222 us-east-1 does not allow account 333333333333');
  assert.match(r.out, /\(the policy is at [^)]*archive\.yaml:9:5\)/);
  assert.match(r.out, '1 error; nothing was planned.');
});

test('an organization trail outside the management account fails at plan time', async () => {
  p.write('logwarden.yaml', 'organization:\n  managementAccount: "111111111111"\n');
  p.write('trail.yaml', 'scope: { account: "222222222222", region: us-east-1 }\nexternals:\n  s3Buckets: [org-trail-archive]\ntrails:\n  organization:\n    s3BucketName: org-trail-archive\n    isOrganizationTrail: true\n');
  const r = await lw('plan', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.out, 'CreateTrail for trail "organization" in 222222222222 us-east-1 would fail:');
  assert.match(r.out, 'management account');
});

test('a scope account that is neither an id nor an alias is an error at the document', async () => {
  p.write('a.yaml', 'scope: { account: nobody, region: us-east-1 }\nlogGroups:\n  /a: {}\n');
  const r = await runCli('validate', p.manifests);
  assert.is(r.code, 1);
  assert.match(r.out, "scope account 'nobody' is neither an account id (12 digits) nor an alias of logwarden.yaml's accounts");
});

/** The organization example against `logwarden serve`, as a team would run it: externals and the organization registered first. */
async function registerOrganization(h: Harness): Promise<void> {
  const settings = readFileSync('examples/organization/logwarden.yaml', 'utf8');
  assert.match(settings, 'managementAccount: management');
  await h.admin('POST /_engine/organization', { account: '111111111111', managementAccount: true, organizationId: 'o-example' });
  for (const account of ['222222222222', '333333333333', '444444444444']) await h.admin('POST /_engine/organization', { account, managementAccount: false, organizationId: 'o-example' });
  await h.admin('POST /_engine/externals', { account: '111111111111', region: 'us-east-1', s3Buckets: ['org-trail-archive'], iamRoles: ['arn:aws:iam::111111111111:role/cloudtrail-to-logs'] });
  for (const region of ['us-east-1', 'eu-west-1']) {
    await h.admin('POST /_engine/externals', { account: '222222222222', region, kinesisStreams: [`arn:aws:kinesis:${region}:222222222222:stream/central-logs`], iamRoles: ['arn:aws:iam::222222222222:role/cwl-to-kinesis'] });
  }
}

test('the organization example applies to `logwarden serve` as an endpoint, then settles', async () => {
  const h = await harness('http');
  try {
    await registerOrganization(h);
    const at = (...argv: string[]) => lw(...argv, '--endpoint', h.url!);
    const applied = await at('apply', 'examples/organization', '--auto-approve');
    assert.is(applied.code, 0, applied.out + applied.err);
    assert.match(applied.out, 'Apply complete! Resources: 20 added');
    const again = await at('plan', 'examples/organization');
    assert.match(again.out, 'No changes.');
    // against an endpoint, the simulation took the manifests' externals on trust, and says so
    assert.match(again.out, "Assumed to exist (the manifests' externals: the simulation took them on trust; the target checks them when the calls run):");
    assert.match(again.out, '  111111111111 us-east-1: s3Buckets: org-trail-archive');
    const json = JSON.parse((await at('plan', 'examples/organization', '--json')).out);
    assert.equal(json.assumed_externals.find((a: { account: string }) => a.account === '111111111111').s3Buckets, ['org-trail-archive']);
    assert.match((await at('drift', 'examples/organization')).out, 'No drift: 20 resources in sync');
  } finally {
    await h.close();
  }
});

test('--target aws reaches every account through its assumed role (here `serve` standing in for AWS)', async () => {
  const h = await harness('http');
  const saved = { ...process.env };
  try {
    await registerOrganization(h);
    for (const account of ['111111111111', '222222222222', '333333333333', '444444444444']) {
      await h.admin('POST /_engine/externals', { account, region: 'us-east-1', iamRoles: [`arn:aws:iam::${account}:role/logwarden-deployer`] });
    }
    cpSync('examples/organization', join(p.root, 'org'), { recursive: true });
    Object.assign(process.env, { AWS_ENDPOINT_URL: h.url, AWS_ACCESS_KEY_ID: 'AKIDSTARTING', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' });
    const applied = await lw('apply', join(p.root, 'org'), '--target', 'aws', '--auto-approve');
    assert.is(applied.code, 0, applied.out + applied.err);
    assert.match(applied.out.split('\n')[0]!, `Target: AWS through ${h.url} (AWS_ENDPOINT_URL), 4 accounts in 2 regions`);
    assert.match(applied.out, 'Apply complete! Resources: 20 added');
    const lookups = (await h.admin('GET /_engine/health')).status;
    assert.is(lookups, 200);
  } finally {
    process.env = saved;
    await h.close();
  }
});

test("one account's failures leave the other accounts' applies done and reported", async () => {
  const h = await harness('http');
  try {
    for (const account of ['333333333333', '444444444444']) {
      p.write(`${account}.yaml`, `scope: { account: "${account}", regions: [us-east-1, eu-west-1] }\nlogGroups:\n  /app/api:\n    retentionInDays: 30\n  /app/worker: {}\n`);
    }
    const at = (...argv: string[]) => lw(...argv, '--endpoint', h.url!);
    // the writes of 444444444444 fail for good (its reads work); 333333333333 is healthy
    await h.admin('POST /_engine/faults', { rate: 1, errors: ['AccessDeniedException'], accounts: ['444444444444'], operations: ['CreateLogGroup'], seed: 7 });
    const applied = await at('apply', p.manifests, '--auto-approve');
    assert.match(applied.out, 'Apply incomplete: 4 of 8 resources done, 4 failed, 0 not attempted.');
    for (const region of ['us-east-1', 'eu-west-1']) {
      assert.match(applied.out, `333333333333 ${region} logGroup "/app/api": created`);
      assert.match(applied.out, `444444444444 ${region} logGroup "/app/api": failed: CreateLogGroup: AccessDeniedException`);
    }
    // a plan while the account cannot even be read: its scopes are reported, the others are planned
    await h.admin('POST /_engine/faults', { rate: 1, errors: ['AccessDeniedException'], accounts: ['444444444444'], seed: 7 });
    const partial = await at('plan', p.manifests);
    assert.is(partial.code, 1);
    assert.match(partial.out, /── 444444444444 us-east-1\n   could not be read: reading endpoint .* failed: logs:\w+: AccessDeniedException/);
    assert.match(partial.out, '── 333333333333 us-east-1\n   no changes');
    await h.admin('POST /_engine/faults', { rate: 0 });
    const plan = JSON.parse((await at('plan', p.manifests, '--json')).out);
    const pending = plan.resource_changes.filter((c: { action: string }) => c.action !== 'no-op').map((c: { account: string }) => c.account);
    assert.equal([...new Set(pending)], ['444444444444'], "what is left is the failing account's work only");
  } finally {
    await h.close();
  }
});

test.run();
