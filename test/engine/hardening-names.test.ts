import * as assert from 'uvu/assert';
import {
  AddTagsCommand,
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  DeleteTrailCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  ListEventDataStoresCommand,
  ListTagsCommand,
  LookupEventsCommand,
  PutEventSelectorsCommand,
  RemoveTagsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteDestinationCommand,
  DeleteLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeDestinationsCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
  DescribeResourcePoliciesCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutMetricFilterCommand,
  PutResourcePolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { suite } from 'uvu';
import { allows, parsePolicy } from '../../src/engine/logs/iam-policy.js';
import { handleRequest } from '../../src/engine/protocol/route.js';
import { forEachTransport, harness, rejects, type Harness } from '../helpers/harness.js';

/** Every name a plain object answers to without owning it: lookups keyed by caller input must not find them. */
const BUILTIN = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'constructor', 'prototype'])];
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/to-kinesis`;
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/central`;
const ACCESS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }],
});
/** A resource policy whose condition key is `key` (IAM keeps condition keys as written). */
const resourcePolicy = (key: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*',
    Condition: { StringEquals: own(key, ACCOUNT) },
  }],
});
const TARGETS = ['Logs_20140328.', 'CloudTrail_20131101.', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.'];

/** An object whose key `name` is its own, also for `__proto__` (a literal `{ __proto__: v }` would set the prototype). */
const own = (name: string, value: string): Record<string, string> => Object.fromEntries([[name, value]]);

/** One hand-made AWS JSON 1.1 request over the harness's transport (any region, any target). */
async function raw(h: Harness, target: string, body: unknown, region = 'us-east-1') {
  const service = target.startsWith('Logs') ? 'logs' : 'cloudtrail';
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': target,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/${region}/${service}/aws4_request, SignedHeaders=host, Signature=abc`,
  };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (h.url) {
    const res = await fetch(h.url, { method: 'POST', headers, body: text });
    const out = await res.text();
    return { status: res.status, size: out.length, json: out ? JSON.parse(out) : undefined };
  }
  const res = handleRequest(h.engine, { method: 'POST', path: '/', headers, body: text });
  return { status: res.status, size: res.body.length, json: res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined };
}

/** Object.prototype as it must stay: nothing a caller sends may add to it. */
function assertPrototypesClean(): void {
  assert.equal(Object.keys(Object.prototype), []);
  assert.equal(Object.getOwnPropertyNames(Object).includes('organization'), false);
  assert.equal(({} as Record<string, unknown>).regions, undefined);
}

const validTrailName = (name: string) => /^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?![._-]))*[A-Za-z0-9]$/.test(name) && name.length >= 3;

forEachTransport('hardening: built-in object names', (test, h) => {
  test('as operation names of either service: UnknownOperationException, small, unrecorded', async () => {
    for (const prefix of TARGETS) {
      for (const name of BUILTIN) {
        const r = await raw(h(), `${prefix}${name}`, {});
        assert.is(r.status, 400, `${prefix}${name}`);
        assert.is(r.json.__type, 'UnknownOperationException', `${prefix}${name}`);
        assert.ok(r.size < 300, `${prefix}${name}: ${r.size} bytes`);
      }
    }
    const history = await h().trail.send(new LookupEventsCommand({}));
    assert.equal(history.Events, []);
    assertPrototypesClean();
  });

  test('as log group, stream, metric filter names and tag keys: ordinary resources', async () => {
    for (const name of BUILTIN) {
      const absent = await rejects(() => h().logs.send(new DescribeLogStreamsCommand({ logGroupName: name })));
      assert.is(absent.name, 'ResourceNotFoundException', name);
      await h().logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: own(name, 'at-create') }));
      assert.equal((await h().logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags, own(name, 'at-create'), name);
      const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
      await h().logs.send(new TagResourceCommand({ resourceArn: arn, tags: { ...own(name, 'tagged'), other: 'x' } }));
      assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { ...own(name, 'tagged'), other: 'x' });
      await h().logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [name] }));
      assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { other: 'x' }, name);
      await h().logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: name }));
      const streams = await h().logs.send(new DescribeLogStreamsCommand({ logGroupName: name }));
      assert.equal(streams.logStreams!.map((s) => s.logStreamName), [name]);
      await h().logs.send(new PutMetricFilterCommand({
        logGroupName: name, filterName: name, filterPattern: 'ERROR',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      }));
      const filters = await h().logs.send(new DescribeMetricFiltersCommand({ logGroupName: name }));
      assert.equal(filters.metricFilters!.map((f) => f.filterName), [name]);
    }
    const groups = await h().logs.send(new DescribeLogGroupsCommand({}));
    assert.equal(groups.logGroups!.map((g) => g.logGroupName), [...BUILTIN].sort());
    for (const name of BUILTIN) await h().logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    assert.equal((await h().logs.send(new DescribeLogGroupsCommand({}))).logGroups, []);
    assertPrototypesClean();
  });

  test('as destination and resource policy names: ordinary resources', async () => {
    await h().admin('POST /_engine/externals', { iamRoles: [ROLE], kinesisStreams: [STREAM] });
    const putPolicy = (destinationName: string) => h().logs.send(new PutDestinationPolicyCommand({ destinationName, accessPolicy: ACCESS_POLICY }));
    const control = await rejects(() => putPolicy('ordinary'));
    for (const name of BUILTIN) {
      const absent = await rejects(() => putPolicy(name));
      assert.equal([absent.name, absent.message], [control.name, control.message], name);
      const noPolicy = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({ policyName: name })));
      assert.is(noPolicy.name, 'ResourceNotFoundException', name);
      await h().logs.send(new PutDestinationCommand({ destinationName: name, targetArn: STREAM, roleArn: ROLE, tags: own(name, 'v') }));
      await h().logs.send(new PutResourcePolicyCommand({ policyName: name, policyDocument: resourcePolicy(name) }));
      const policies = (await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies!;
      assert.equal(policies.map((p) => p.policyName), [name]);
      const condition = JSON.parse(policies[0]!.policyDocument!).Statement[0].Condition;
      assert.equal(condition, { StringEquals: own(name, ACCOUNT) }, name);
      await h().logs.send(new DeleteResourcePolicyCommand({ policyName: name }));
    }
    const destinations = await h().logs.send(new DescribeDestinationsCommand({}));
    assert.equal(destinations.destinations!.map((d) => d.destinationName), [...BUILTIN].sort());
    const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:destination:constructor`;
    assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, own('constructor', 'v'));
    for (const name of BUILTIN) await h().logs.send(new DeleteDestinationCommand({ destinationName: name }));
    assert.equal((await h().logs.send(new DescribeDestinationsCommand({}))).destinations, []);
    assertPrototypesClean();
  });

  test('as trail names and CloudTrail tag keys: a trail where the name is valid, InvalidTrailNameException where not', async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    const valid = BUILTIN.filter(validTrailName);
    assert.ok(valid.includes('constructor') && valid.includes('prototype') && !valid.includes('__proto__'));
    for (const name of BUILTIN) {
      const absent = await rejects(() => h().trail.send(new GetTrailCommand({ Name: name })));
      assert.is(absent.name, validTrailName(name) ? 'TrailNotFoundException' : 'InvalidTrailNameException', name);
      if (!validTrailName(name)) {
        const refused = await rejects(() => h().trail.send(new CreateTrailCommand({ Name: name, S3BucketName: 'trail-logs' })));
        assert.is(refused.name, 'InvalidTrailNameException', name);
      }
    }
    for (const name of valid.slice(0, 5)) {
      const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`;
      await h().trail.send(new CreateTrailCommand({ Name: name, S3BucketName: 'trail-logs', TagsList: [{ Key: name, Value: 'v' }] }));
      assert.is((await h().trail.send(new GetTrailCommand({ Name: name }))).Trail!.Name, name);
      await h().trail.send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: '__proto__', Value: 'p' }, { Key: 'constructor', Value: 'c' }] }));
      const tags = (await h().trail.send(new ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList![0]!.TagsList!;
      assert.equal(Object.fromEntries(tags.map((t) => [t.Key, t.Value])), { ...own(name, 'v'), ...own('__proto__', 'p'), constructor: 'c' });
      await h().trail.send(new RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: '__proto__' }] }));
      const left = (await h().trail.send(new ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList![0]!.TagsList!;
      assert.equal(left.map((t) => t.Key).includes('__proto__'), false, name);
      await h().trail.send(new DeleteTrailCommand({ Name: name }));
    }
    assertPrototypesClean();
  });

  test('as event data store names, tag keys and selector values: ordinary values', async () => {
    for (const name of BUILTIN.slice(0, 4)) {
      await h().trail.send(new CreateEventDataStoreCommand({ Name: `${name}-store`, TagsList: [{ Key: name, Value: 'v' }] }));
    }
    const stores = (await h().trail.send(new ListEventDataStoresCommand({}))).EventDataStores!;
    assert.is(stores.length, 4);
    const tags = (await h().trail.send(new ListTagsCommand({ ResourceIdList: [stores.find((s) => s.Name === '__proto__-store')?.EventDataStoreArn ?? stores[0]!.EventDataStoreArn!] })));
    assert.is(tags.ResourceTagList![0]!.TagsList!.length, 1);
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs' }));
    for (const type of ['constructor', '__proto__', 'toString']) {
      const e = await rejects(() => h().trail.send(new PutEventSelectorsCommand({
        TrailName: 'main', EventSelectors: [{ DataResources: [{ Type: type, Values: ['x'] }] }],
      })));
      assert.is(e.name, 'InvalidEventSelectorsException', type);
      const field = await rejects(() => h().trail.send(new PutEventSelectorsCommand({
        TrailName: 'main', AdvancedEventSelectors: [{ FieldSelectors: [{ Field: type, Equals: ['x'] }] }],
      })));
      assert.is(field.name, 'InvalidEventSelectorsException', type);
    }
    const selectors = await h().trail.send(new GetEventSelectorsCommand({ TrailName: 'main' }));
    assert.is(selectors.AdvancedEventSelectors, undefined);
    for (const name of BUILTIN) {
      const found = await h().trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }));
      assert.equal(found.Events, [], name);
    }
    assertPrototypesClean();
  });

  test('as regions of the credential scope: a region like any other, nothing shared with us-east-1', async () => {
    for (const region of BUILTIN) {
      const created = await raw(h(), 'Logs_20140328.CreateLogGroup', { logGroupName: `in-${region}` }, region);
      assert.is(created.status, 200, region);
      const there = await raw(h(), 'Logs_20140328.DescribeLogGroups', {}, region);
      assert.equal(there.json.logGroups.map((g: { logGroupName: string }) => g.logGroupName), [`in-${region}`], region);
      assert.is(there.json.logGroups[0].arn, `arn:aws:logs:${region}:${ACCOUNT}:log-group:in-${region}:*`);
      const trails = await raw(h(), 'CloudTrail_20131101.DescribeTrails', {}, region);
      assert.equal(trails.json, { trailList: [] }, region);
    }
    const home = await raw(h(), 'Logs_20140328.DescribeLogGroups', {});
    assert.equal(home.json.logGroups, []);
    assert.equal(Object.keys(h().engine.world.accounts[ACCOUNT]!.regions).sort(), [...BUILTIN, 'us-east-1'].sort());
    assertPrototypesClean();
  });

  test('as admin accounts and regions: ordinary ones, or a clear 400; the engine keeps working', async () => {
    for (const name of BUILTIN) {
      const org = await h().admin('POST /_engine/organization', { account: name });
      assert.is(org.status, 400, name);
      assert.match(org.body.error, /12-digit/);
      const ext = await h().admin('POST /_engine/externals', { region: name, s3Buckets: [`bucket-${name.length}`] });
      assert.is(ext.status, 200, name);
      const faults = await h().admin('POST /_engine/faults', { rate: 0, errors: [name] });
      assert.is(faults.status, 200, name);
    }
    assert.is((await h().admin(`POST /_engine/__proto__`, {})).status, 404);
    assert.is((await h().admin(`POST /_engine/constructor`, {})).status, 404);
    await h().admin('POST /_engine/faults', { rate: 1, errors: ['constructor'], seed: 1 });
    const injected = await raw(h(), 'Logs_20140328.DescribeLogGroups', {});
    assert.is(injected.status, 400);
    assert.equal(injected.json, { __type: 'constructor', message: 'Injected fault: constructor' });
    await h().admin('POST /_engine/faults', { rate: 0 });
    assert.is((await raw(h(), 'Logs_20140328.DescribeLogGroups', {})).status, 200);
    assertPrototypesClean();
  });

  test('as Lake SQL column names: the "cannot be resolved" error of any unknown column', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'lake', TerminationProtectionEnabled: false }))).EventDataStoreArn!;
    const id = arn.split('/').pop()!;
    const query = (column: string) => h().trail.send(new StartQueryCommand({ QueryStatement: `SELECT ${column} FROM ${id}` }));
    const control = await rejects(() => query('nosuchcolumn'));
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'userIdentity.constructor', 'eventName']) {
      if (name === 'eventName') {
        await query(name);
        continue;
      }
      const e = await rejects(() => query(name));
      assert.is(e.name, control.name, name);
      assert.is(e.message, control.message.replace('nosuchcolumn', name), name);
    }
  });

  test('as STS actions: InvalidAction', async () => {
    for (const action of BUILTIN) {
      const body = `Action=${encodeURIComponent(action)}&Version=2011-06-15`;
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc',
      };
      const res = h().url
        ? await fetch(h().url!, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, text: await r.text() }))
        : ((r) => ({ status: r.status, text: r.body.toString('utf8') }))(handleRequest(h().engine, { method: 'POST', path: '/', headers, body }));
      assert.is(res.status, 400, action);
      assert.match(res.text, '<Code>InvalidAction</Code>', action);
    }
  });
});

const unit = suite('hardening: built-in names in policy documents and persisted state');

unit('an IAM condition under a built-in operator name is kept, and (unknown to the engine) never holds', () => {
  for (const operator of BUILTIN) {
    const policy = parsePolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'logs:PutSubscriptionFilter', Resource: '*',
        Condition: own(operator, JSON.parse(JSON.stringify(own('aws:PrincipalOrgID', 'o-abc')))),
      }],
    }));
    assert.equal(Object.keys(policy.statements[0]!.condition!), [operator]);
    const request = { principalAccount: '210987654321', action: 'logs:PutSubscriptionFilter', resource: 'arn:aws:logs:us-east-1:1:destination:d' };
    assert.is(allows(policy, request), false, operator);
  }
});

unit('built-in names survive an engine restart as ordinary keys', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-names-'));
  try {
    let h = await harness('in-process', { stateDir: dir });
    for (const name of ['__proto__', 'constructor']) {
      await h.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: own(name, 'v') }));
      await raw(h, 'Logs_20140328.CreateLogGroup', { logGroupName: 'elsewhere' }, name);
    }
    await h.close();
    h = await harness('in-process', { stateDir: dir });
    const groups = await h.logs.send(new DescribeLogGroupsCommand({}));
    assert.equal(groups.logGroups!.map((g) => g.logGroupName), ['__proto__', 'constructor']);
    assert.equal((await h.logs.send(new ListTagsLogGroupCommand({ logGroupName: '__proto__' }))).tags, own('__proto__', 'v'));
    const there = await raw(h, 'Logs_20140328.DescribeLogGroups', {}, '__proto__');
    assert.equal(there.json.logGroups.map((g: { logGroupName: string }) => g.logGroupName), ['elsewhere']);
    await h.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assertPrototypesClean();
});

unit.run();
