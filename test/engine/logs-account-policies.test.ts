import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DeleteAccountPolicyCommand,
  DescribeAccountPoliciesCommand,
  DescribeLogGroupsCommand,
  PutAccountPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, harness, rejects, TRANSPORTS } from '../helpers/harness.js';
import { test as plain } from 'uvu';

const ACCOUNT = '123456789012';
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ship`;
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/logs`;
const EMAIL = 'arn:aws:dataprotection::aws:data-identifier/EmailAddress';

const DATA_PROTECTION = JSON.stringify({
  Name: 'account-dp',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: [EMAIL], Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'redact', DataIdentifier: [EMAIL], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});
const SUBSCRIPTION = JSON.stringify({ DestinationArn: LAMBDA, FilterPattern: 'ERROR', Distribution: 'Random' });
const FIELD_INDEX = JSON.stringify({ Fields: ['requestId'] });
const TRANSFORMER = JSON.stringify({ transformerConfig: [{ parseJSON: {} }] });
const METRIC_EXTRACTION = JSON.stringify({});

/** The policy types of the model (the SDK may know more than the engine's model). */
type PolicyType = 'DATA_PROTECTION_POLICY' | 'SUBSCRIPTION_FILTER_POLICY' | 'FIELD_INDEX_POLICY' | 'TRANSFORMER_POLICY' | 'METRIC_EXTRACTION_POLICY';

const DOCUMENTS: Record<PolicyType, string> = {
  DATA_PROTECTION_POLICY: DATA_PROTECTION,
  SUBSCRIPTION_FILTER_POLICY: SUBSCRIPTION,
  FIELD_INDEX_POLICY: FIELD_INDEX,
  TRANSFORMER_POLICY: TRANSFORMER,
  METRIC_EXTRACTION_POLICY: METRIC_EXTRACTION,
};

forEachTransport('logs: account policies', (test, h) => {
  const put = (policyName: string, policyType: PolicyType, extra: { policyDocument?: string; selectionCriteria?: string } = {}) =>
    h().logs.send(new PutAccountPolicyCommand({ policyName, policyType, policyDocument: DOCUMENTS[policyType], ...extra }));
  const describe = (policyType: PolicyType, policyName?: string) =>
    h().logs.send(new DescribeAccountPoliciesCommand({ policyType, policyName }));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };
  const registerLambda = () => h().admin('POST /_engine/externals', { lambdaFunctions: [LAMBDA] });

  test('every policy type round-trips through Put, Describe and Delete', async () => {
    await registerLambda();
    for (const type of Object.keys(DOCUMENTS) as PolicyType[]) {
      const out = await put(`p-${type}`, type);
      assert.equal(out.accountPolicy, {
        policyName: `p-${type}`,
        policyDocument: DOCUMENTS[type],
        lastUpdatedTime: out.accountPolicy!.lastUpdatedTime,
        policyType: type,
        scope: 'ALL',
        accountId: ACCOUNT,
      });
      const listed = await describe(type);
      assert.equal(listed.accountPolicies, [out.accountPolicy]);
      assert.is(listed.nextToken, undefined);
      await h().logs.send(new DeleteAccountPolicyCommand({ policyName: `p-${type}`, policyType: type }));
      assert.equal((await describe(type)).accountPolicies, []);
    }
  });

  test('DescribeAccountPolicies narrows by name and type; another account is not listed', async () => {
    await put('a', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["/a"]' });
    await put('b', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["/b"]' });
    assert.equal((await describe('FIELD_INDEX_POLICY')).accountPolicies!.map((p) => p.policyName), ['a', 'b']);
    const b = (await describe('FIELD_INDEX_POLICY', 'b')).accountPolicies!;
    assert.equal(b.map((p) => [p.policyName, p.selectionCriteria]), [['b', 'LogGroupNamePrefix IN ["/b"]']]);
    assert.equal((await describe('FIELD_INDEX_POLICY', 'nope')).accountPolicies, []);
    assert.equal((await describe('TRANSFORMER_POLICY')).accountPolicies, []);
    const other = await h().logs.send(new DescribeAccountPoliciesCommand({ policyType: 'FIELD_INDEX_POLICY', accountIdentifiers: ['210987654321'] }));
    assert.equal(other.accountPolicies, []);
    await expectError(
      () => h().logs.send(new DescribeAccountPoliciesCommand({ policyType: 'FIELD_INDEX_POLICY', nextToken: 'forged' })),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
  });

  test('a replacement keeps the name and takes the new document; a second name of a one-per-account type is refused', async () => {
    await put('dp', 'DATA_PROTECTION_POLICY');
    const again = await put('dp', 'DATA_PROTECTION_POLICY');
    assert.is(again.accountPolicy!.policyName, 'dp');
    await expectError(() => put('dp2', 'DATA_PROTECTION_POLICY'), 'LimitExceededException', 'Resource limit exceeded.');
    await registerLambda();
    await put('sub', 'SUBSCRIPTION_FILTER_POLICY', { selectionCriteria: 'LogGroupName NOT IN ["loop"]' });
    await expectError(() => put('sub2', 'SUBSCRIPTION_FILTER_POLICY'), 'LimitExceededException', 'Resource limit exceeded.');
    const [sub] = (await describe('SUBSCRIPTION_FILTER_POLICY')).accountPolicies!;
    assert.is(sub!.selectionCriteria, 'LogGroupName NOT IN ["loop"]');
  });

  test('documents follow the rules of their type', async () => {
    await expectError(() => put('dp', 'DATA_PROTECTION_POLICY', { policyDocument: '{"Statement": [' }), 'InvalidParameterException', 'The data protection policy document is not valid JSON.');
    await expectError(
      () => put('s', 'SUBSCRIPTION_FILTER_POLICY', { policyDocument: JSON.stringify({ DestinationArn: STREAM }) }),
      'InvalidParameterException',
      'destinationArn for vendor kinesis cannot be used without roleArn',
    );
    await expectError(
      () => put('s', 'SUBSCRIPTION_FILTER_POLICY'),
      'InvalidParameterException',
      'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
    );
    await registerLambda();
    await expectError(
      () => put('s', 'SUBSCRIPTION_FILTER_POLICY', { policyDocument: JSON.stringify({ FilterPattern: 'x' }) }),
      'InvalidParameterException',
      'The subscription filter policy document must include a DestinationArn.',
    );
    await expectError(
      () => put('s', 'SUBSCRIPTION_FILTER_POLICY', { policyDocument: JSON.stringify({ DestinationArn: LAMBDA, FilterPattern: '{ $.x = }' }) }),
      'InvalidParameterException',
      'Invalid subscription filter pattern',
    );
    await expectError(() => put('f', 'FIELD_INDEX_POLICY', { policyDocument: '{"Fields": []}' }), 'InvalidParameterException', 'The index policy document must include at least one field index.');
    await expectError(
      () => put('t', 'TRANSFORMER_POLICY', { policyDocument: '{"transformerConfig": [{"explode": {}}]}' }),
      'InvalidParameterException',
      'Each processor in transformerConfig must be an object naming exactly one supported processor.',
    );
    await expectError(() => put('m', 'METRIC_EXTRACTION_POLICY', { policyDocument: '[]' }), 'InvalidParameterException', 'The policy document must be a JSON object.');
    await expectError(
      () => put('m', 'METRIC_EXTRACTION_POLICY', { policyDocument: JSON.stringify({ x: 'y'.repeat(30_720) }) }),
      'InvalidParameterException',
      'The policy document must be at most 30720 characters long.',
    );
  });

  test('names and selection criteria are checked per type', async () => {
    await expectError(() => put('aws/mine', 'FIELD_INDEX_POLICY'), 'InvalidParameterException', 'Policy names starting with aws/ are reserved for AWS.');
    await expectError(
      () => put('dp', 'DATA_PROTECTION_POLICY', { selectionCriteria: 'LogGroupName NOT IN ["a"]' }),
      'InvalidParameterException',
      'Selection criteria for DATA_PROTECTION_POLICY supports only no selection criteria.',
    );
    await expectError(
      () => put('s', 'SUBSCRIPTION_FILTER_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["a"]' }),
      'InvalidParameterException',
      'Selection criteria for SUBSCRIPTION_FILTER_POLICY supports only LogGroupName NOT IN [...].',
    );
    await expectError(
      () => put('t', 'TRANSFORMER_POLICY', { selectionCriteria: 'LogGroupNamePrefix NOT IN ["a"]' }),
      'InvalidParameterException',
      'Selection criteria for TRANSFORMER_POLICY supports only LogGroupNamePrefix IN [...].',
    );
    await expectError(() => put('f', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix = "a"' }), 'InvalidParameterException', 'Invalid selection criteria: LogGroupNamePrefix = "a"');
    await expectError(() => put('f', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN [1]' }), 'InvalidParameterException', 'Invalid selection criteria: LogGroupNamePrefix IN [1]');
    const fifty = JSON.stringify(Array.from({ length: 51 }, (_, i) => `/g${i}`));
    await expectError(
      () => put('m', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: `LogGroupName IN ${fifty}` }),
      'InvalidParameterException',
      'Selection criteria can have at most 50 values in an IN or NOT IN list.',
    );
    const source = await put('vpc', 'FIELD_INDEX_POLICY', { selectionCriteria: 'DataSourceType = "flow" AND DataSourceName = "amazon_vpc"' });
    assert.is(source.accountPolicy!.selectionCriteria, 'DataSourceType = "flow" AND DataSourceName = "amazon_vpc"');
  });

  test('scoped field index and transformer policies: 20 by prefix, no overlaps, and not beside an unscoped one', async () => {
    for (let i = 0; i < 20; i++) await put(`p${i}`, 'FIELD_INDEX_POLICY', { selectionCriteria: `LogGroupNamePrefix IN ["/app${String(i).padStart(2, '0')}/"]` });
    await expectError(() => put('p20', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["/zzz"]' }), 'LimitExceededException', 'Resource limit exceeded.');
    await expectError(() => put('all', 'FIELD_INDEX_POLICY'), 'LimitExceededException', 'Resource limit exceeded.');
    await put('p0', 'FIELD_INDEX_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["/app00/"]' });
    await put('vpc', 'FIELD_INDEX_POLICY', { selectionCriteria: 'DataSourceName = "amazon_vpc" AND DataSourceType = "flow"' });
    await expectError(
      () => put('vpc2', 'FIELD_INDEX_POLICY', { selectionCriteria: 'DataSourceName = "amazon_vpc" AND DataSourceType = "flow"' }),
      'InvalidParameterException',
      'The selection criteria overlap with those of the FIELD_INDEX_POLICY named vpc.',
    );
    await put('my-log', 'TRANSFORMER_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["my-log"]' });
    await expectError(
      () => put('my-logging', 'TRANSFORMER_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["my-logging"]' }),
      'InvalidParameterException',
      'The selection criteria overlap with those of the TRANSFORMER_POLICY named my-log.',
    );
  });

  test('metric extraction policies: 5 scoped, one NOT IN, and IN lists within a NOT IN list', async () => {
    await put('not-lambda', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: 'LogGroupNamePrefix NOT IN ["/aws/lambda"]' });
    await put('fn1', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: 'LogGroupName IN ["/aws/lambda/function1"]' });
    await expectError(
      () => put('aws', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: 'LogGroupNamePrefix IN ["/aws"]' }),
      'InvalidParameterException',
      'The selection criteria overlap with those of the METRIC_EXTRACTION_POLICY named not-lambda.',
    );
    await expectError(
      () => put('not-ecs', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: 'LogGroupNamePrefix NOT IN ["/aws/ecs"]' }),
      'InvalidParameterException',
      'The selection criteria overlap with those of the METRIC_EXTRACTION_POLICY named not-lambda.',
    );
    for (const n of [2, 3, 4]) await put(`fn${n}`, 'METRIC_EXTRACTION_POLICY', { selectionCriteria: `LogGroupName IN ["/aws/lambda/function${n}"]` });
    await expectError(
      () => put('fn5', 'METRIC_EXTRACTION_POLICY', { selectionCriteria: 'LogGroupName IN ["/aws/lambda/function5"]' }),
      'LimitExceededException',
      'Resource limit exceeded.',
    );
  });

  test('DeleteAccountPolicy of a policy that is not there is ResourceNotFoundException', async () => {
    await put('f', 'FIELD_INDEX_POLICY');
    await expectError(
      () => h().logs.send(new DeleteAccountPolicyCommand({ policyName: 'f', policyType: 'TRANSFORMER_POLICY' })),
      'ResourceNotFoundException',
      'Policy with name [f] does not exist.',
    );
  });

  test('an account data protection policy shows on every log group as inherited', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'before' }));
    const describeGroups = async () => (await h().logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
    assert.is((await describeGroups())[0]!.inheritedProperties, undefined);
    await put('dp', 'DATA_PROTECTION_POLICY');
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'after' }));
    for (const g of await describeGroups()) assert.equal(g.inheritedProperties, ['ACCOUNT_DATA_PROTECTION'], g.logGroupName);
    await h().logs.send(new DeleteAccountPolicyCommand({ policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY' }));
    assert.is((await describeGroups())[0]!.inheritedProperties, undefined);
  });
});

for (const transport of TRANSPORTS) {
  plain(`account policies survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-account-policies-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await h.logs.send(new PutAccountPolicyCommand({ policyName: 'idx', policyType: 'FIELD_INDEX_POLICY', policyDocument: FIELD_INDEX, selectionCriteria: 'LogGroupNamePrefix IN ["/x"]' }));
      const before = (await h.logs.send(new DescribeAccountPoliciesCommand({ policyType: 'FIELD_INDEX_POLICY' }))).accountPolicies;
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const after = (await h.logs.send(new DescribeAccountPoliciesCommand({ policyType: 'FIELD_INDEX_POLICY' }))).accountPolicies;
      assert.equal(after, before);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
plain.run();
