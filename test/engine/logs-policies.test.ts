import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ROUTE53 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Route53LogsToCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: ['route53.amazonaws.com'] },
      Action: 'logs:PutLogEvents',
      Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/*',
    },
  ],
});

/** A valid policy whose Sid tells policies apart. */
const doc = (sid: string) =>
  JSON.stringify({ Statement: [{ Sid: sid, Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: 'logs:*', Resource: '*' }] });

forEachTransport('logs resource policies (account scope)', (test, h) => {
  test('Put echoes the document as sent; Describe shows the stored, canonical form', async () => {
    const put = await h().logs.send(new PutResourcePolicyCommand({ policyName: 'r53', policyDocument: ROUTE53 }));
    assert.equal(Object.keys(put.resourcePolicy ?? {}).sort(), ['lastUpdatedTime', 'policyDocument', 'policyName', 'policyScope']);
    assert.is(put.resourcePolicy?.policyDocument, ROUTE53);
    assert.is(put.resourcePolicy?.policyScope, 'ACCOUNT');
    assert.is(put.revisionId, undefined);
    const listed = await h().logs.send(new DescribeResourcePoliciesCommand({}));
    assert.is(listed.resourcePolicies?.length, 1);
    const [policy] = listed.resourcePolicies ?? [];
    assert.is(policy.policyName, 'r53');
    assert.is(policy.policyScope, 'ACCOUNT');
    assert.is(policy.lastUpdatedTime, put.resourcePolicy?.lastUpdatedTime);
    assert.is(
      policy.policyDocument,
      '{"Version":"2012-10-17","Statement":[{"Sid":"Route53LogsToCloudWatchLogs","Effect":"Allow","Principal":{"Service":"route53.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/*"}]}',
    );
  });

  test('a document without Version reads back as 2008-10-17 with IAM member order; account ids become root ARNs', async () => {
    const given = JSON.stringify({
      Statement: [{ Resource: '*', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Principal: { AWS: ['111122223333'] }, Effect: 'Allow', Condition: { StringEquals: { 'aws:SourceAccount': ['123456789012'] } } }],
    });
    await h().logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: given }));
    const [policy] = (await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies ?? [];
    assert.is(
      policy.policyDocument,
      '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
  });

  test('Put replaces a policy of the same name and moves lastUpdatedTime', async () => {
    const first = await h().logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: doc('one') }));
    await h().admin('POST /_engine/clock', { advanceSeconds: 10 });
    const second = await h().logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: doc('two') }));
    assert.is((second.resourcePolicy?.lastUpdatedTime ?? 0) - (first.resourcePolicy?.lastUpdatedTime ?? 0) >= 10_000, true);
    const listed = (await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies ?? [];
    assert.is(listed.length, 1);
    assert.ok(listed[0].policyDocument?.includes('"Sid":"two"'));
  });

  test('10 policies per region: the 11th name is refused, replacing one at the limit is allowed', async () => {
    for (let i = 0; i < 10; i++) {
      await h().logs.send(new PutResourcePolicyCommand({ policyName: `p${i}`, policyDocument: doc(`s${i}`) }));
    }
    const e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ policyName: 'p10', policyDocument: doc('x') })));
    assert.is(e.name, 'LimitExceededException');
    assert.is(e.message, 'Resource limit exceeded.');
    const updated = await h().logs.send(new PutResourcePolicyCommand({ policyName: 'p3', policyDocument: doc('new') }));
    assert.is(updated.resourcePolicy?.policyDocument, doc('new'));
    const other = h().clients({ region: 'eu-west-1' });
    await other.logs.send(new PutResourcePolicyCommand({ policyName: 'p10', policyDocument: doc('x') }));
  });

  test('documents AWS cannot store are refused with its messages', async () => {
    const cases: [string, string][] = [
      ['{"Statement": [', 'Policy document is not valid JSON.'],
      ['[]', 'Could not convert to persistable policy.'],
      [JSON.stringify({ Statement: [] }), 'Could not convert to persistable policy.'],
      [JSON.stringify({ Version: '2020-01-01', Statement: JSON.parse(doc('a')).Statement }), 'Could not convert to persistable policy.'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'delivery.logs.amazonaws.com' }, Action: 'logs:*', Resource: '*' }] }), 'Could not convert to persistable policy.'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Resource: '*' }] }), 'Could not convert to persistable policy.'],
      [JSON.stringify({ Statement: [{ Effect: 'Maybe', Principal: '*', Action: 'logs:*', Resource: '*' }] }), 'Could not convert to persistable policy.'],
      [
        JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/r' }, Action: 'logs:*', Resource: '*' }] }),
        'Principal section of policy contains ARN instead of account ID: arn:aws:iam::111122223333:role/r',
      ],
    ];
    for (const [policyDocument, message] of cases) {
      const e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ policyName: 'bad', policyDocument })));
      assert.is(e.name, 'InvalidParameterException', policyDocument);
      assert.is(e.message, message, policyDocument);
    }
    assert.equal((await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
  });

  test('a policy is named by exactly one of policyName and resourceArn, and needs a document', async () => {
    let e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ policyDocument: doc('a') })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'Either policyName or resourceArn must be specified.');
    e = await rejects(() =>
      h().logs.send(new PutResourcePolicyCommand({ policyName: 'p', resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g', policyDocument: doc('a') })),
    );
    assert.is(e.message, 'Only one of policyName or resourceArn can be specified.');
    e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ policyName: 'p' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
    e = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({})));
    assert.is(e.message, 'Either policyName or resourceArn must be specified.');
  });

  test('Delete removes the policy; deleting a missing one is ResourceNotFoundException', async () => {
    await h().logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: doc('a') }));
    await h().logs.send(new DeleteResourcePolicyCommand({ policyName: 'p' }));
    assert.equal((await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
    const e = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({ policyName: 'p' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'Policy with name [p] does not exist.');
  });

  test('names like __proto__ and constructor are ordinary policy names', async () => {
    for (const name of ['__proto__', 'constructor']) {
      await h().logs.send(new PutResourcePolicyCommand({ policyName: name, policyDocument: doc(name) }));
    }
    const names = ((await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies ?? []).map((p) => p.policyName);
    assert.equal(names, ['__proto__', 'constructor']);
    const e = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({ policyName: 'toString' })));
    assert.is(e.message, 'Policy with name [toString] does not exist.');
  });

  test('DescribeResourcePolicies pages by limit and nextToken; forged tokens are refused', async () => {
    for (const name of ['e', 'a', 'd', 'b', 'c']) {
      await h().logs.send(new PutResourcePolicyCommand({ policyName: name, policyDocument: doc(name) }));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h().logs.send(new DescribeResourcePoliciesCommand({ limit: 2, nextToken }));
      assert.ok((page.resourcePolicies?.length ?? 0) <= 2);
      seen.push(...(page.resourcePolicies ?? []).map((p) => p.policyName ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(seen, ['a', 'b', 'c', 'd', 'e']);
    const e = await rejects(() => h().logs.send(new DescribeResourcePoliciesCommand({ nextToken: 'forged' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified nextToken is invalid.');
  });
});

forEachTransport('logs resource policies (resource scope)', (test, h) => {
  const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:app';

  test('a log group carries one policy guarded by its revision id', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    const created = await h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('one') }));
    assert.is(created.resourcePolicy?.policyScope, 'RESOURCE');
    assert.is(created.resourcePolicy?.resourceArn, arn);
    assert.ok(created.revisionId);
    assert.is(created.resourcePolicy?.revisionId, created.revisionId);

    let e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('two') })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'expectedRevisionId is required to update or delete a resource-scoped policy.');
    e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('two'), expectedRevisionId: 'stale' })));
    assert.is(e.name, 'OperationAbortedException');
    assert.is(e.message, 'The expected revision ID does not match the current revision ID of the resource policy.');

    const updated = await h().logs.send(
      new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('two'), expectedRevisionId: created.revisionId }),
    );
    assert.is.not(updated.revisionId, created.revisionId);
    const listed = await h().logs.send(new DescribeResourcePoliciesCommand({ policyScope: 'RESOURCE', resourceArn: arn }));
    assert.is(listed.resourcePolicies?.length, 1);
    assert.is(listed.resourcePolicies?.[0].revisionId, updated.revisionId);
    assert.ok(listed.resourcePolicies?.[0].policyDocument?.includes('"Sid":"two"'));
    assert.equal((await h().logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);

    e = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: created.revisionId })));
    assert.is(e.name, 'OperationAbortedException');
    await h().logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: updated.revisionId }));
    e = await rejects(() => h().logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: updated.revisionId })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, `No resource policy exists for resource [${arn}].`);
  });

  test('creating names no revision; the group must exist and the ARN must be a log group', async () => {
    let e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('a') })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log group does not exist.');
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('a'), expectedRevisionId: 'x' })));
    assert.is(e.name, 'OperationAbortedException');
    const topic = 'arn:aws:sns:us-east-1:123456789012:topic';
    e = await rejects(() => h().logs.send(new PutResourcePolicyCommand({ resourceArn: topic, policyDocument: doc('a') })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, `Resource-scoped policies are only supported for log group ARNs: ${topic}`);
  });

  test('resource-scoped policies do not count against the 10 account policies', async () => {
    for (let i = 0; i < 10; i++) {
      await h().logs.send(new PutResourcePolicyCommand({ policyName: `p${i}`, policyDocument: doc(`s${i}`) }));
    }
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: doc('a') }));
  });
});
