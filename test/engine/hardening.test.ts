import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import {
  AddTagsCommand,
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  GetEventDataStoreCommand,
  ListEventDataStoresCommand,
  ListImportsCommand,
  LookupEventsCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { Call } from '../../src/engine/call.js';
import { buildEvent } from '../../src/engine/cloudtrail/event-build.js';
import { eventRecord } from '../../src/engine/cloudtrail/event-json.js';
import { handleRequest } from '../../src/engine/protocol/route.js';
import { cloudtrailTable } from '../../src/engine/validation/cloudtrail.gen.js';
import { emptyWorld } from '../../src/engine/world.js';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

/** One hand-made AWS JSON 1.1 request over the harness's transport. */
async function raw(h: Harness, target: string, body: string) {
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': target,
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=abc',
  };
  if (h.url) {
    const res = await fetch(h.url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }
  const res = handleRequest(h.engine, { method: 'POST', path: '/', headers, body });
  return { status: res.status, json: res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined };
}

/** `depth` levels of nested arrays, as JSON text. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Runs `fn` with console.error captured; returns what it printed. */
async function quietly(fn: () => Promise<void>): Promise<unknown[][]> {
  const printed: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void printed.push(args);
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return printed;
}

const TOO_DEEP = 'Request body nests deeper than 64 levels of objects and arrays.';

forEachTransport('hardening: deeply nested requests', (test, h) => {
  const history = async () => (await h().trail.send(new LookupEventsCommand({}))).Events!;

  test('a body nested past 64 levels is a SerializationException, unrecorded, changing nothing; no stack trace is logged', async () => {
    await h().trail.send(new CreateEventDataStoreCommand({ Name: 'lake', TerminationProtectionEnabled: false }));
    const before = (await history()).length;
    const printed = await quietly(async () => {
      for (const body of [
        `{"logGroupName":"deep","x":${nested(64)}}`,
        `{"logGroupName":"deep","tags":{"k":${nested(5000)}}}`,
        `{"logGroupName":${nested(200000)}}`,
      ]) {
        const r = await raw(h(), 'Logs_20140328.CreateLogGroup', body);
        assert.is(r.status, 400);
        assert.equal(r.json, { __type: 'SerializationException', message: TOO_DEEP });
      }
    });
    assert.equal(printed, []);
    const events = await history();
    assert.is(events.length, before + 1, 'only the LookupEvents call itself was added');
    assert.equal(events.map((e) => e.EventName).includes('CreateLogGroup'), false);
    const store = h().engine.world.accounts['123456789012']!.regions['us-east-1']!.cloudtrail.lake.eventDataStores;
    assert.equal(Object.values(store).flatMap((s) => s.events.map((e) => e.eventName)).includes('CreateLogGroup'), false);
    const groups = await raw(h(), 'Logs_20140328.DescribeLogGroups', '{}');
    assert.equal(groups.json.logGroups, []);
  });

  test('64 levels are accepted, recorded, and rendered by LookupEvents', async () => {
    const r = await raw(h(), 'Logs_20140328.CreateLogGroup', `{"logGroupName":"ok","x":${nested(63)}}`);
    assert.is(r.status, 200);
    const [event] = (await history()).filter((e) => e.EventName === 'CreateLogGroup');
    const record = JSON.parse(event!.CloudTrailEvent!);
    assert.is(record.requestParameters.logGroupName, 'ok');
    assert.equal(JSON.stringify(record.requestParameters.x), nested(63));
  });

  test('a body whose JSON types do not decode is a SerializationException and is not recorded', async () => {
    const r = await raw(h(), 'Logs_20140328.CreateLogGroup', '{"logGroupName":5}');
    assert.is(r.status, 400);
    assert.is(r.json.__type, 'SerializationException');
    assert.equal(await history(), []);
  });
});

const rendering = suite('hardening: event history rendering never fails');

rendering('values that are not JSON, cycles and deep nesting are recorded replaced or truncated', () => {
  const context = { world: emptyWorld(), now: () => 1_700_000_000_000, eventSource: (s: string) => `${s}.amazonaws.com` };
  const call = new Call(context, 'cloudtrail', 'CreateTrail', { account: '123456789012', region: 'us-east-1', accessKeyId: 'AKID', requestId: 'r' });
  const cycle: Record<string, unknown> = { Name: 'main' };
  cycle.Self = cycle;
  let deep: unknown = 'bottom';
  for (let i = 0; i < 200; i++) deep = [deep];
  const input = { Name: 'main', Cycle: cycle, Deep: deep, NotANumber: NaN, Big: 10n, Fn: () => 1, Missing: undefined };
  const event = buildEvent(call, 'cloudtrail.amazonaws.com', false, input, { TrailARN: 'arn', Cycle: cycle }, undefined);
  const text = JSON.stringify(eventRecord(event));
  const record = JSON.parse(text);
  assert.is(record.requestParameters.name, 'main');
  assert.is(record.requestParameters.notANumber, null);
  assert.is(record.requestParameters.big, null);
  assert.is(record.requestParameters.fn, null);
  assert.equal(Object.hasOwn(record.requestParameters, 'missing'), false);
  assert.match(text, '"[truncated]"');
  let level = record.requestParameters.deep;
  let depth = 1;
  while (Array.isArray(level)) [level, depth] = [level[0], depth + 1];
  assert.is(level, '[truncated]');
  assert.ok(depth < 70, `${depth}`);
  assert.is(record.responseElements.trailARN, 'arn');
});

rendering.run();

forEachTransport('hardening: validation messages', (test, h) => {
  test('10,001 events each with an empty message: ten violations, as Coral reports them, the long value cut', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    const logEvents = Array.from({ length: 10_001 }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, message: '' }));
    const e = await rejects(() => h().logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents })));
    assert.is(e.name, 'InvalidParameterException');
    const parts = e.message.replace(/^10 validation errors detected: /, '').split('; ');
    assert.ok(e.message.startsWith('10 validation errors detected: '), e.message.slice(0, 80));
    assert.is(parts.length, 10);
    assert.match(parts[0]!, /^Value '\[\{timestamp=1700000000000, message=\}, .*\.\.\.' at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000$/);
    assert.ok(parts[0]!.length < 1200, `${parts[0]!.length}`);
    for (let i = 1; i < 10; i++) {
      assert.is(parts[i], `Value '' at 'logEvents.${i}.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    }
  });

  test('CloudWatch Logs leaves the value out of pattern violations only; CloudTrail quotes it', async () => {
    const pattern = await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name' })));
    assert.is(pattern.message, "1 validation error detected: Value at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    const range = await rejects(() => h().logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    assert.is(range.message, "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50");
    const length = await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: '' })));
    assert.match(length.message, "Value '' at 'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const trail = await rejects(() => h().trail.send(new GetEventDataStoreCommand({ EventDataStore: 'bad value' })));
    assert.is(trail.message, "1 validation error detected: Value 'bad value' at 'EventDataStore' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9._/\\-:]+");
  });
});

forEachTransport('hardening: CloudTrail member-specific validation errors', (test, h) => {
  const tags = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

  test('each member answers with its own error where the operation declares it', async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs' }));
    const arn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main';
    const cases: [string, () => Promise<unknown>, string][] = [
      ['InvalidLookupAttributesException', () => h().trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: '' }] })),
        "1 validation error detected: Value '' at 'LookupAttributes.1.member.AttributeValue' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      ['InvalidEventCategoryException', () => h().trail.send(new LookupEventsCommand({ EventCategory: 'nope' as 'insight' })),
        "1 validation error detected: Value 'nope' at 'EventCategory' failed to satisfy constraint: Member must satisfy enum value set: [insight]"],
      ['InvalidMaxResultsException', () => h().trail.send(new ListEventDataStoresCommand({ MaxResults: 0 })),
        "1 validation error detected: Value '0' at 'MaxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
      ['InvalidNextTokenException', () => h().trail.send(new ListEventDataStoresCommand({ NextToken: 'abc' })),
        "1 validation error detected: Value 'abc' at 'NextToken' failed to satisfy constraint: Member must have length greater than or equal to 4"],
      ['TagsLimitExceededException', () => h().trail.send(new AddTagsCommand({ ResourceId: arn, TagsList: tags(201) })), 'at \'TagsList\' failed to satisfy constraint: Member must have length less than or equal to 200'],
      ['InvalidTagParameterException', () => h().trail.send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: '' }] })),
        "1 validation error detected: Value '' at 'TagsList.1.member.Key' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      ['InvalidTagParameterException', () => h().trail.send(new CreateEventDataStoreCommand({ Name: 'lake', TagsList: tags(201) })), "at 'TagsList' failed to satisfy constraint"],
      ['InvalidEventSelectorsException', () => h().trail.send(new PutEventSelectorsCommand({ TrailName: 'main', AdvancedEventSelectors: [{ FieldSelectors: [] }] })),
        "1 validation error detected: Value '[]' at 'AdvancedEventSelectors.1.member.FieldSelectors' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      ['InvalidInsightSelectorsException', () => h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: [{ InsightType: 'Nope' as 'ApiCallRateInsight' }] })),
        "1 validation error detected: Value 'Nope' at 'InsightSelectors.1.member.InsightType' failed to satisfy constraint: Member must satisfy enum value set: [ApiCallRateInsight, ApiErrorRateInsight]"],
      ['InvalidTrailNameException', () => h().trail.send(new CreateTrailCommand({ S3BucketName: 'trail-logs' } as { Name: string; S3BucketName: string })),
        "1 validation error detected: Value null at 'Name' failed to satisfy constraint: Member must not be null"],
      ['InvalidParameterException', () => h().trail.send(new ListImportsCommand({ MaxResults: 0 })),
        "1 validation error detected: Value '0' at 'MaxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ];
    for (const [name, send, message] of cases) {
      const e = await rejects(send);
      assert.is(e.name, name, message);
      assert.match(e.message, message, name);
      assert.is(e.$metadata.httpStatusCode, 400);
    }
  });
});

const table = suite('hardening: the member error table');

table('every member error is declared by its operation and names a member of its input', () => {
  let rules = 0;
  for (const [name, op] of Object.entries(cloudtrailTable.operations)) {
    const input = op.input ? cloudtrailTable.shapes[op.input] : undefined;
    for (const [member, rule] of Object.entries(op.memberErrors ?? {})) {
      rules++;
      assert.ok(input?.type === 'structure' && Object.hasOwn(input.members, member), `${name}.${member}`);
      assert.ok(op.errors.includes(rule.error), `${name}: ${rule.error}`);
      if (rule.tooMany) assert.ok(op.errors.includes(rule.tooMany), `${name}: ${rule.tooMany}`);
    }
  }
  assert.ok(rules >= 30, `${rules}`);
  assert.equal(cloudtrailTable.operations.LookupEvents!.memberErrors, {
    LookupAttributes: { error: 'InvalidLookupAttributesException' },
    EventCategory: { error: 'InvalidEventCategoryException' },
    MaxResults: { error: 'InvalidMaxResultsException' },
    NextToken: { error: 'InvalidNextTokenException' },
  });
});

table.run();

forEachTransport('hardening: admin endpoints refuse bodies that are not what they take', (test, h) => {
  const EXPECTS: Record<string, string> = {
    'POST /_engine/reset': 'no body (or a JSON object)',
    'POST /_engine/externals': 'a JSON object, e.g. {"region":"us-east-1","s3Buckets":["my-bucket"]}',
    'POST /_engine/faults': 'a JSON object, e.g. {"rate":0.2,"errors":["ThrottlingException"],"seed":1}',
    'POST /_engine/clock': 'a JSON object, e.g. {"advanceSeconds":60}',
    'POST /_engine/organization': 'a JSON object, e.g. {"account":"123456789012","managementAccount":true}',
  };

  test('null, an array, a string, a number or a boolean: a 400 naming what is expected', async () => {
    for (const [route, expected] of Object.entries(EXPECTS)) {
      for (const [body, kind] of [[null, 'null'], [[1], 'an array'], ['x', 'a string'], [5, 'a number'], [true, 'a boolean']] as const) {
        const r = await h().admin(route, body);
        assert.is(r.status, 400, `${route} ${kind}`);
        assert.equal(r.body, { error: `${route} expects ${expected}; got ${kind}` });
      }
    }
    const groups = await raw(h(), 'Logs_20140328.DescribeLogGroups', '{}');
    assert.is(groups.status, 200);
  });

  test('members of the wrong type: a 400 naming the member', async () => {
    const cases: [string, unknown, string][] = [
      ['POST /_engine/faults', {}, 'faults: "rate" must be a number from 0 to 1'],
      ['POST /_engine/faults', { rate: '0.5' }, 'faults: "rate" must be a number from 0 to 1'],
      ['POST /_engine/faults', { rate: 2 }, 'faults: "rate" must be a number from 0 to 1'],
      ['POST /_engine/faults', { rate: 0.5, errors: 'ThrottlingException' }, 'faults: "errors" must be a non-empty list of error codes such as "ThrottlingException"'],
      ['POST /_engine/faults', { rate: 0.5, errors: ['Bad\r\nX-Injected: 1'] }, 'faults: "errors" must be a non-empty list of error codes such as "ThrottlingException"'],
      ['POST /_engine/faults', { rate: 0.5, seed: 'x' }, 'faults: "seed" must be a number'],
      ['POST /_engine/clock', {}, 'clock: "advanceSeconds" must be a non-negative number'],
      ['POST /_engine/clock', { advanceSeconds: '60' }, 'clock: "advanceSeconds" must be a non-negative number'],
      ['POST /_engine/clock', { advanceSeconds: -1 }, 'clock: "advanceSeconds" must be a non-negative number'],
      ['POST /_engine/organization', { account: 123456789012 }, 'organization: "account" must be a 12-digit account id'],
      ['POST /_engine/organization', { managementAccount: 'yes' }, 'organization: "managementAccount" must be true or false'],
      ['POST /_engine/organization', { organizationId: 7 }, 'organization: "organizationId" must be a non-empty string'],
      ['POST /_engine/externals', { region: 5 }, 'externals: "region" must be a non-empty string'],
      ['POST /_engine/externals', { account: 'me' }, 'externals: "account" must be a 12-digit account id'],
      ['POST /_engine/externals', { s3Buckets: 'b' }, 'externals: "s3Buckets" must be a list of non-empty strings'],
      ['POST /_engine/externals', { kmsKeys: 'k' }, 'externals: "kmsKeys" must be a list of {"arn":…, "enabled":true}'],
      ['POST /_engine/externals', { kmsKeys: [{ arn: 'arn:aws:kms:us-east-1:123456789012:key/k', enabled: 'no' }] }, 'externals: a KMS key\'s "enabled" must be true or false'],
    ];
    for (const [route, body, error] of cases) {
      const r = await h().admin(route, body);
      assert.equal([r.status, r.body], [400, { error }], `${route} ${JSON.stringify(body)}`);
    }
    const after = await raw(h(), 'Logs_20140328.DescribeLogGroups', '{}');
    assert.is(after.status, 200, 'no fault was left configured');
  });
});
