import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteIndexPolicyCommand,
  DescribeFieldIndexesCommand,
  DescribeIndexPoliciesCommand,
  PutAccountPolicyCommand,
  PutIndexPolicyCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { test as plain } from 'uvu';
import { forEachTransport, harness, rejects, TRANSPORTS, type Harness } from '../helpers/harness.js';

const ARN = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;
const DOC = JSON.stringify({ Fields: ['requestId'], FieldsV2: { 'user.id': { type: 'FACET' } } });

async function groupWithStream(h: Harness, logGroupName: string, extra: { logGroupClass?: 'INFREQUENT_ACCESS' } = {}) {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName, ...extra }));
  await h.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
}

const putEvents = (h: Harness, logGroupName: string, messages: [number, unknown][]) =>
  h.logs.send(new PutLogEventsCommand({
    logGroupName,
    logStreamName: 's',
    logEvents: messages.map(([timestamp, m]) => ({ timestamp, message: typeof m === 'string' ? m : JSON.stringify(m) })),
  }));

forEachTransport('logs: field index policies', (test, h) => {
  const putPolicy = (logGroupIdentifier: string, policyDocument = DOC) => h().logs.send(new PutIndexPolicyCommand({ logGroupIdentifier, policyDocument }));
  const describePolicies = (id: string) => h().logs.send(new DescribeIndexPoliciesCommand({ logGroupIdentifiers: [id] }));
  const fieldIndexes = async (...ids: string[]) => (await h().logs.send(new DescribeFieldIndexesCommand({ logGroupIdentifiers: ids }))).fieldIndexes!;
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };

  test('PutIndexPolicy stores a log-group level policy that DescribeIndexPolicies reports', async () => {
    await groupWithStream(h(), 'app');
    const out = await putPolicy('app');
    assert.equal(out.indexPolicy, { logGroupIdentifier: ARN('app'), lastUpdateTime: out.indexPolicy!.lastUpdateTime, policyDocument: DOC, source: 'LOG_GROUP' });
    assert.equal((await describePolicies(ARN('app'))).indexPolicies, [out.indexPolicy]);
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'bare' }));
    assert.equal((await describePolicies('bare')).indexPolicies, []);
  });

  test('the document needs 1 to 20 distinct fields of at most 100 characters', async () => {
    await groupWithStream(h(), 'app');
    const cases: [string, string, string][] = [
      ['{', 'InvalidParameterException', 'The index policy document is not valid JSON.'],
      ['["a"]', 'InvalidParameterException', 'The index policy document must be a JSON object.'],
      ['{"Fields": []}', 'InvalidParameterException', 'The index policy document must include at least one field index.'],
      ['{"Fields": [1]}', 'InvalidParameterException', 'Fields in the index policy document must be an array of non-empty strings.'],
      ['{"FieldsV2": {"a": {"type": "BTREE"}}}', 'InvalidParameterException', 'The field "a" in FieldsV2 must have a type of FIELD_INDEX or FACET.'],
      ['{"Fields": ["a"], "FieldsV2": {"a": {"type": "FACET"}}}', 'InvalidParameterException', 'The field "a" appears more than once; field names within Fields and FieldsV2 must be mutually exclusive.'],
      [JSON.stringify({ Fields: ['x'.repeat(101)] }), 'InvalidParameterException', `The field name "${'x'.repeat(101)}" is longer than 100 characters.`],
      [JSON.stringify({ Fields: Array.from({ length: 21 }, (_, i) => `f${i}`) }), 'LimitExceededException', 'An index policy can include at most 20 fields.'],
    ];
    for (const [doc, name, message] of cases) await expectError(() => putPolicy('app', doc), name, message);
    await putPolicy('app', JSON.stringify({ Fields: Array.from({ length: 20 }, (_, i) => `f${i}`) }));
  });

  test('only Standard-class groups that exist take a policy', async () => {
    await groupWithStream(h(), 'cold', { logGroupClass: 'INFREQUENT_ACCESS' });
    await expectError(() => putPolicy('cold'), 'InvalidParameterException', 'Only log groups in the Standard log class support field index policies.');
    for (const call of [() => putPolicy('missing'), () => describePolicies('missing'), () => fieldIndexes('missing'), () => h().logs.send(new DeleteIndexPolicyCommand({ logGroupIdentifier: 'missing' }))]) {
      await expectError(call, 'ResourceNotFoundException', 'The specified log group does not exist.');
    }
  });

  test('an account-level policy applies to the groups it selects until a group has its own', async () => {
    await groupWithStream(h(), '/app/api');
    await groupWithStream(h(), '/other');
    const account = await h().logs.send(new PutAccountPolicyCommand({
      policyName: 'apps', policyType: 'FIELD_INDEX_POLICY', policyDocument: '{"Fields": ["traceId"]}', selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]',
    }));
    const inherited = (await describePolicies('/app/api')).indexPolicies!;
    assert.equal(inherited, [{
      logGroupIdentifier: ARN('/app/api'), lastUpdateTime: account.accountPolicy!.lastUpdatedTime, policyDocument: '{"Fields": ["traceId"]}', policyName: 'apps', source: 'ACCOUNT',
    }]);
    assert.equal((await describePolicies('/other')).indexPolicies, []);
    await putPolicy('/app/api');
    assert.is((await describePolicies('/app/api')).indexPolicies![0]!.source, 'LOG_GROUP');
    await h().logs.send(new DeleteIndexPolicyCommand({ logGroupIdentifier: '/app/api' }));
    assert.equal((await describePolicies('/app/api')).indexPolicies, inherited);
    await expectError(
      () => h().logs.send(new DeleteIndexPolicyCommand({ logGroupIdentifier: '/app/api' })),
      'ResourceNotFoundException',
      'The specified log group does not have an index policy.',
    );
  });

  test('DescribeFieldIndexes reports the indexed fields found in events ingested since the policy', async () => {
    await groupWithStream(h(), 'app');
    const t0 = Date.now() - 60_000;
    await putEvents(h(), 'app', [[t0, { requestId: 'before' }]]);
    await putPolicy('app');
    assert.equal(await fieldIndexes('app'), []);
    await putEvents(h(), 'app', [[t0 + 1000, { requestId: 'a', user: { id: 7 } }], [t0 + 2000, 'requestId=plain text'], [t0 + 3000, { requestId: 'b' }]]);
    const found = await fieldIndexes('app');
    const lastScan = found[0]!.lastScanTime!;
    assert.ok(Math.abs(lastScan - Date.now()) < 60_000);
    assert.equal(found, [
      { logGroupIdentifier: ARN('app'), fieldIndexName: 'requestId', lastScanTime: lastScan, firstEventTime: t0 + 1000, lastEventTime: t0 + 3000, type: 'FIELD_INDEX' },
      { logGroupIdentifier: ARN('app'), fieldIndexName: 'user.id', lastScanTime: found[1]!.lastScanTime, firstEventTime: t0 + 1000, lastEventTime: t0 + 1000, type: 'FACET' },
    ]);
    await putPolicy('app', '{"Fields": ["user.id"]}');
    assert.equal((await fieldIndexes('app')).map((f) => [f.fieldIndexName, f.type]), [['user.id', 'FIELD_INDEX']]);
  });

  test('DescribeFieldIndexes covers several groups, by name or ARN, each once', async () => {
    await groupWithStream(h(), 'a');
    await groupWithStream(h(), 'b');
    await putPolicy('a');
    await putPolicy('b');
    const now = Date.now();
    await putEvents(h(), 'a', [[now, { requestId: 1 }]]);
    await putEvents(h(), 'b', [[now, { requestId: 2 }]]);
    const found = await fieldIndexes('a', ARN('b'), 'a');
    assert.equal(found.map((f) => [f.logGroupIdentifier, f.fieldIndexName]), [[ARN('a'), 'requestId'], [ARN('b'), 'requestId']]);
  });
});

for (const transport of TRANSPORTS) {
  plain(`index policies and discovered field indexes survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-index-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await groupWithStream(h, 'app');
      await h.logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: 'app', policyDocument: DOC }));
      await putEvents(h, 'app', [[Date.now(), { requestId: 'x' }]]);
      const before = await h.logs.send(new DescribeFieldIndexesCommand({ logGroupIdentifiers: ['app'] }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const after = await h.logs.send(new DescribeFieldIndexesCommand({ logGroupIdentifiers: ['app'] }));
      assert.equal(after.fieldIndexes, before.fieldIndexes);
      assert.is((await h.logs.send(new DescribeIndexPoliciesCommand({ logGroupIdentifiers: ['app'] }))).indexPolicies![0]!.policyDocument, DOC);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
plain.run();
