import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { scopeOf } from '../../src/apply/converge.js';
import { executeCalls } from '../../src/apply/execute.js';
import { createClients } from '../../src/driver/clients.js';
import { PacedSender } from '../../src/driver/pacing.js';
import { refresh, type RefreshScope } from '../../src/driver/refresh.js';
import { sendOperation } from '../../src/driver/send.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceName } from '../../src/model/calls.js';
import type { Json, ResourceSet } from '../../src/model/resources.js';
import { emptyResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';
import { ACCOUNT_ARN, CTX, EVERYTHING_OWNED, group, metricFilter, namesOf, NOTHING_OWNED, set, subscription, trail } from '../plan/fixtures.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const GROUPS = 120;
const LAMBDA = `arn:aws:lambda:${ACCOUNT_ARN}:function:sink`;
const DATA_PROTECTED = ['/app/007', '/app/100'];
const DATA_PROTECTION: Json = {
  Name: 'dp',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'redact', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
};

/** 120 groups with tags, a metric filter and a subscription filter, 2 of them with data protection; 3 trails. */
function workload(): ResourceSet {
  const groups = Array.from({ length: GROUPS }, (_, i) => {
    const name = `/app/${String(i).padStart(3, '0')}`;
    return group(name, {
      retentionInDays: 30,
      tags: { team: `t${i % 7}` },
      metricFilters: { errors: metricFilter('errors') },
      subscriptionFilters: { sink: subscription('sink', LAMBDA) },
      ...(DATA_PROTECTED.includes(name) ? { dataProtectionPolicy: DATA_PROTECTION } : {}),
    });
  });
  const management = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
  return set({
    logGroups: groups,
    trails: [
      trail('plain', { tags: { a: 'b' } }),
      trail('basic', { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }], insightSelectors: ['ApiCallRateInsight'] }),
      trail('advanced', { advancedEventSelectors: [management], logging: false }),
    ],
  });
}

/** A PacedSender that also remembers every call's input, to see where the conditional reads went. */
class RecordingSender extends PacedSender {
  readonly sent: { api: string; input: Record<string, unknown> }[] = [];
  override send(service: ServiceName, operation: string, input: Record<string, unknown>) {
    this.sent.push({ api: `${service}:${operation}`, input });
    return super.send(service, operation, input);
  }
  inputsOf(api: string) {
    return this.sent.filter((s) => s.api === api).map((s) => s.input);
  }
}

const engine = new Engine({ account: CTX.account });
const clients = createClients({ kind: 'local', engine, stateDir: '(memory)', region: CTX.region });
const desired = workload();

const names = (s: ResourceSet): RefreshScope => scopeOf([...s.values()].map((r) => r.address));

const test = suite('refresh: calls per API for a fixed workload');

test.before(async () => {
  engine.registerExternals({ region: CTX.region, account: CTX.account, lambdaFunctions: [LAMBDA], s3Buckets: ['trail-bucket'] });
  const calls = planCalls(diffResources(desired, emptyResourceSet(), NOTHING_OWNED), CTX);
  const results = await executeCalls(calls, async (c) => ({ output: await sendOperation(clients, c.service, c.operation, c.input), attempts: 1 }));
  assert.equal(results.filter((r) => r.status !== 'done').map((r) => r.error), []);
});
test.after(async () => {
  clients.destroy();
  await engine.close();
});

test('everything in scope: bulk reads in pages of 50, one tag, subscription and index policy read per group, the rest only where needed', async () => {
  const sender = new RecordingSender(clients);
  const observed = await refresh(sender, names(desired));
  assert.equal(sender.calls, {
    'logs:DescribeLogGroups': 3,
    'logs:DescribeMetricFilters': 3,
    'logs:ListTagsForResource': GROUPS,
    'logs:DescribeSubscriptionFilters': GROUPS,
    'logs:DescribeIndexPolicies': GROUPS,
    'logs:GetTransformer': GROUPS,
    'logs:GetDataProtectionPolicy': 2,
    'cloudtrail:DescribeTrails': 1,
    'cloudtrail:ListTags': 1,
    'cloudtrail:GetTrailStatus': 3,
    'cloudtrail:GetEventSelectors': 2,
    'cloudtrail:GetInsightSelectors': 1,
  });
  assert.is(sender.total, 3 + 3 + 4 * GROUPS + 2 + 1 + 1 + 3 + 2 + 1);
  assert.equal(sender.inputsOf('logs:GetDataProtectionPolicy').map((i) => i.logGroupIdentifier).sort(), DATA_PROTECTED);
  const trailArn = (name: string) => `arn:aws:cloudtrail:${ACCOUNT_ARN}:trail/${name}`;
  assert.equal(sender.inputsOf('cloudtrail:GetEventSelectors').map((i) => i.TrailName).sort(), [trailArn('advanced'), trailArn('basic')]);
  assert.equal(sender.inputsOf('cloudtrail:GetInsightSelectors').map((i) => i.TrailName), [trailArn('basic')]);
  assert.equal(sender.inputsOf('logs:DescribeLogGroups').map((i) => i.limit), [50, 50, 50]);
  assert.equal(
    diffResources(desired, observed.resources, EVERYTHING_OWNED).filter((c) => c.action !== 'no-op'),
    [],
    'what was read is what was applied',
  );
});

test('only what is in scope is read in depth; the bulk reads of the kinds in scope stay the same, kinds out of scope are not listed', async () => {
  const sender = new RecordingSender(clients);
  const scope: RefreshScope = { logGroup: new Set(['/app/000', '/app/007', '/app/050']), destination: new Set(), trail: new Set(['plain']) };
  const observed = await refresh(sender, scope);
  assert.equal(sender.calls, {
    'logs:DescribeLogGroups': 3,
    'logs:DescribeMetricFilters': 3,
    'logs:ListTagsForResource': 3,
    'logs:DescribeSubscriptionFilters': 3,
    'logs:DescribeIndexPolicies': 3,
    'logs:GetTransformer': 3,
    'logs:GetDataProtectionPolicy': 1,
    'cloudtrail:DescribeTrails': 1,
    'cloudtrail:ListTags': 1,
    'cloudtrail:GetTrailStatus': 1,
  });
  assert.equal(namesOf(observed.resources, 'logGroup'), ['/app/000', '/app/007', '/app/050']);
  assert.equal(namesOf(observed.resources, 'trail'), ['plain']);
  assert.is(observed.present.logGroup!.length, GROUPS, 'every group is still seen by name');
  assert.equal(observed.present.trail!.sort(), ['advanced', 'basic', 'plain']);
});

test('nothing in scope: nothing is read (no kind is declared or owned)', async () => {
  const sender = new RecordingSender(clients);
  const observed = await refresh(sender, { logGroup: new Set(), destination: new Set(), trail: new Set() });
  assert.equal(sender.calls, {});
  assert.equal(observed.present, {});
});

test.run();
