import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteDestinationCommand,
  DescribeDestinationsCommand,
  DescribeSubscriptionFiltersCommand,
  ListTagsForResourceCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { suite } from 'uvu';
import { allows, parsePolicy, PolicySyntaxError, type PolicyRequest } from '../../src/engine/logs/iam-policy.js';
import { forEachTransport, rejects } from '../helpers/harness.js';

const OWNER = '123456789012';
const SENDER = '210987654321';
const ROLE = `arn:aws:iam::${OWNER}:role/logs-to-kinesis`;
const STREAM = `arn:aws:kinesis:us-east-1:${OWNER}:stream/central`;
const FIREHOSE = `arn:aws:firehose:us-east-1:${OWNER}:deliverystream/central`;
const SENDER_ROLE = `arn:aws:iam::${SENDER}:role/subscriber`;
const DESTINATION_ARN = `arn:aws:logs:us-east-1:${OWNER}:destination:central`;
const UNDELIVERABLE = 'Could not deliver test message to specified destination. Check if the destination is valid.';

const policy = (principal: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'logs:PutSubscriptionFilter', Resource: DESTINATION_ARN, ...extra }],
  });

forEachTransport('logs: destinations', (test, h) => {
  const register = () =>
    h().admin('POST /_engine/externals', { region: 'us-east-1', iamRoles: [ROLE], kinesisStreams: [STREAM], firehoseStreams: [FIREHOSE] });
  const putDestination = (destinationName = 'central', extra: Partial<ConstructorParameters<typeof PutDestinationCommand>[0]> = {}) =>
    h().logs.send(new PutDestinationCommand({ destinationName, targetArn: STREAM, roleArn: ROLE, ...extra }));
  const putPolicy = (accessPolicy: string, forceUpdate?: boolean, destinationName = 'central') =>
    h().logs.send(new PutDestinationPolicyCommand({ destinationName, accessPolicy, forceUpdate }));
  const describe = (input: ConstructorParameters<typeof DescribeDestinationsCommand>[0] = {}) =>
    h().logs.send(new DescribeDestinationsCommand(input));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };

  test('PutDestination creates a destination and returns it as AWS does', async () => {
    await register();
    const before = h().engine.now();
    const out = await putDestination('central', { tags: { team: 'sec' } });
    assert.ok(out.destination!.creationTime! >= before);
    assert.equal({ ...out.destination, creationTime: 0 }, {
      destinationName: 'central', targetArn: STREAM, roleArn: ROLE, arn: DESTINATION_ARN, creationTime: 0,
    });
    assert.equal((await describe()).destinations, [out.destination]);
    const tags = await h().logs.send(new ListTagsForResourceCommand({ resourceArn: DESTINATION_ARN }));
    assert.equal(tags.tags, { team: 'sec' });
  });

  test('PutDestination on an existing name updates target and role, keeping policy, creation time and tags', async () => {
    await register();
    const created = (await putDestination('central', { tags: { team: 'sec' } })).destination!;
    await putPolicy(policy({ AWS: SENDER }));
    await h().admin('POST /_engine/clock', { advanceSeconds: 60 });
    const updated = (await putDestination('central', { targetArn: FIREHOSE, tags: { other: 'x' } })).destination!;
    assert.is(updated.targetArn, FIREHOSE);
    assert.is(updated.creationTime, created.creationTime);
    assert.is(updated.accessPolicy, policy({ AWS: SENDER }));
    const tags = await h().logs.send(new ListTagsForResourceCommand({ resourceArn: DESTINATION_ARN }));
    assert.equal(tags.tags, { team: 'sec' });
  });

  test('PutDestination proves its target with a test delivery', async () => {
    await register();
    await expectError(() => putDestination('d', { targetArn: `${STREAM}-missing` }), 'InvalidParameterException', UNDELIVERABLE);
    await expectError(() => putDestination('d', { roleArn: `${ROLE}-missing` }), 'InvalidParameterException', UNDELIVERABLE);
    const lambda = `arn:aws:lambda:us-east-1:${OWNER}:function:f`;
    await h().admin('POST /_engine/externals', { region: 'us-east-1', lambdaFunctions: [lambda] });
    await expectError(() => putDestination('d', { targetArn: lambda }), 'InvalidParameterException', UNDELIVERABLE);
    assert.equal((await describe()).destinations, []);
  });

  test('PutDestinationPolicy validates the access policy and stores it verbatim', async () => {
    await register();
    await putDestination();
    const malformed =
      'Error occurred while parsing accessPolicy. Please check if the accessPolicy has been constructed correctly using IAM grammar.';
    await expectError(() => putPolicy('{not json'), 'InvalidParameterException', malformed);
    await expectError(() => putPolicy(JSON.stringify({ Statement: [{ Effect: 'Maybe', Action: '*', Principal: '*' }] })), 'InvalidParameterException', malformed);
    await expectError(() => putPolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 123456789012 }, Action: '*' }] })), 'InvalidParameterException', malformed);
    await expectError(() => putPolicy(policy({ AWS: SENDER }, { Padding: 'x'.repeat(5200) })), 'InvalidParameterException', malformed);
    await expectError(
      () => putPolicy(policy({ AWS: `arn:aws:iam::${SENDER}:root` })),
      'InvalidParameterException',
      `Principal section of policy contains ARN instead of account ID: arn:aws:iam::${SENDER}:root`,
    );
    const text = `{ "Statement": { "Effect": "Allow", "Principal": { "AWS": "${SENDER}" }, "Action": "logs:*" } }`;
    await putPolicy(text);
    assert.is((await describe()).destinations![0].accessPolicy, text);
    await expectError(() => putPolicy(text, undefined, 'missing'), 'InvalidParameterException', 'The specified destination does not exist.');
  });

  test('moving from account principals to an organization policy needs forceUpdate', async () => {
    await register();
    await putDestination();
    await putPolicy(policy({ AWS: SENDER }));
    const org = policy('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } } });
    const e = await rejects(() => putPolicy(org));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /^Cannot update existing policy on Subscription Destination\. .* Use the Force flag to accept this risk\.$/);
    await putPolicy(org, true);
    await putPolicy(org);
    assert.is((await describe()).destinations![0].accessPolicy, org);
  });

  test('DeleteDestination, and a missing destination', async () => {
    await register();
    await putDestination();
    await h().logs.send(new DeleteDestinationCommand({ destinationName: 'central' }));
    assert.equal((await describe()).destinations, []);
    await expectError(
      () => h().logs.send(new DeleteDestinationCommand({ destinationName: 'central' })),
      'ResourceNotFoundException',
      'The specified destination does not exist.',
    );
  });

  test('DescribeDestinations filters by prefix and pages in name order', async () => {
    await register();
    for (const name of ['b-two', 'a-one', 'b-one', 'c']) await putDestination(name);
    const b = await describe({ DestinationNamePrefix: 'b-' });
    assert.equal(b.destinations!.map((d) => d.destinationName), ['b-one', 'b-two']);
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await describe({ limit: 3, nextToken });
      names.push(...page.destinations!.map((d) => d.destinationName!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(names, ['a-one', 'b-one', 'b-two', 'c']);
    await expectError(() => describe({ nextToken: 'x.y' }), 'InvalidParameterException', 'The specified nextToken is invalid.');
  });

  test('cross-account subscription: the access policy decides', async () => {
    await register();
    await putDestination();
    const sender = h().clients({ accessKeyId: SENDER }).logs;
    await sender.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    const subscribe = (roleArn?: string) =>
      sender.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'central', filterPattern: '', destinationArn: DESTINATION_ARN, roleArn }));
    const denied = `User with accountId: ${SENDER} is not authorized to perform: logs:PutSubscriptionFilter on resource: ${DESTINATION_ARN}`;
    await expectError(() => subscribe(), 'AccessDeniedException', denied);
    await putPolicy(policy({ AWS: '111122223333' }));
    await expectError(() => subscribe(), 'AccessDeniedException', denied);
    await putPolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: [SENDER] }, Action: 'logs:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: SENDER }, Action: 'logs:PutSubscription*', Resource: DESTINATION_ARN },
      ],
    }));
    await expectError(() => subscribe(), 'AccessDeniedException', denied);
    await putPolicy(policy({ AWS: [SENDER, '111122223333'] }));
    await subscribe();
    const out = await sender.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'app' }));
    assert.equal(out.subscriptionFilters!.map((f) => [f.destinationArn, f.roleArn]), [[DESTINATION_ARN, undefined]]);
  });

  test('cross-account subscription through an organization policy needs a role and membership', async () => {
    await register();
    await putDestination();
    await putPolicy(policy('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }));
    await h().admin('POST /_engine/externals', { region: 'us-east-1', account: SENDER, iamRoles: [SENDER_ROLE] });
    const sender = h().clients({ accessKeyId: SENDER }).logs;
    await sender.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    const subscribe = (roleArn?: string) =>
      sender.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'central', filterPattern: '', destinationArn: DESTINATION_ARN, roleArn }));
    await expectError(
      () => subscribe(),
      'InvalidParameterException',
      'Role ARN is required when creating subscription filter against destination with Organization access policy',
    );
    const denied = `User with accountId: ${SENDER} is not authorized to perform: logs:PutSubscriptionFilter on resource: ${DESTINATION_ARN}`;
    await expectError(() => subscribe(SENDER_ROLE), 'AccessDeniedException', denied);
    await h().admin('POST /_engine/organization', { account: SENDER, managementAccount: false, organizationId: 'o-other' });
    await expectError(() => subscribe(SENDER_ROLE), 'AccessDeniedException', denied);
    await h().admin('POST /_engine/organization', { account: SENDER, managementAccount: false, organizationId: 'o-abc123' });
    await subscribe(SENDER_ROLE);
  });

  test('a subscription to a missing or other-region destination fails its test delivery', async () => {
    await register();
    await putDestination();
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    const subscribe = (destinationArn: string) =>
      h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'f', filterPattern: '', destinationArn }));
    await expectError(() => subscribe(`arn:aws:logs:us-east-1:${OWNER}:destination:missing`), 'InvalidParameterException', UNDELIVERABLE);
    await expectError(() => subscribe(`arn:aws:logs:eu-west-1:${OWNER}:destination:central`), 'InvalidParameterException', UNDELIVERABLE);
    await subscribe(DESTINATION_ARN);
  });
});

const iam = suite('logs: IAM policy evaluation');
const doc = (...Statement: unknown[]) => parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement }));
const request = (extra: Partial<PolicyRequest> = {}): PolicyRequest => ({
  principalAccount: SENDER, action: 'logs:PutSubscriptionFilter', resource: DESTINATION_ARN, ...extra,
});

iam('single values normalize to one-item lists; the grammar is enforced', () => {
  const p = doc({ Sid: 's', Effect: 'Allow', Principal: { AWS: SENDER }, Action: 'logs:*', Resource: DESTINATION_ARN });
  assert.equal(p.statements, [{ sid: 's', effect: 'Allow', principal: { AWS: [SENDER] }, action: ['logs:*'], resource: [DESTINATION_ARN] }]);
  for (const bad of [
    '[]', '{"Statement": []}', '{"Version": "2020-01-01", "Statement": {"Effect": "Allow", "Action": "*"}}',
    '{"Statement": {"Effect": "Allow"}}', '{"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "x"}}',
    '{"Statement": {"Effect": "Allow", "Action": "*", "Extra": 1}}', '{"Statement": {"Effect": "Allow", "Action": []}}',
  ]) {
    assert.throws(() => parsePolicy(bad), (e: unknown) => e instanceof PolicySyntaxError, bad);
  }
});

iam('principals, actions and resources match with IAM wildcards; Deny wins', () => {
  const p = doc(
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SENDER}:root` }, Action: 'LOGS:put?ubscription*', Resource: 'arn:aws:logs:*:*:destination:*' },
    { Effect: 'Deny', Principal: '*', NotAction: 'logs:Put*', Resource: '*' },
  );
  assert.ok(allows(p, request()));
  assert.not.ok(allows(p, request({ principalAccount: OWNER })));
  assert.not.ok(allows(p, request({ resource: `arn:aws:logs:us-east-1:${OWNER}:log-group:x` })));
  assert.not.ok(allows(p, request({ action: 'logs:DescribeDestinations' })));
  const notPrincipal = doc({ Effect: 'Allow', NotPrincipal: { AWS: OWNER }, Action: '*', NotResource: 'arn:aws:s3:::*' });
  assert.ok(allows(notPrincipal, request()));
  assert.not.ok(allows(notPrincipal, request({ principalAccount: OWNER })));
  assert.not.ok(allows(notPrincipal, request({ resource: 'arn:aws:s3:::bucket' })));
  const service = doc({ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: '*' });
  assert.ok(allows(service, request({ principalAccount: undefined, principalService: 'delivery.logs.amazonaws.com' })));
  assert.not.ok(allows(service, request()));
});

iam('conditions: missing keys, IfExists, negation, set operators and Null', () => {
  const when = (Condition: unknown) => doc({ Effect: 'Allow', Principal: '*', Action: '*', Condition });
  const org = { 'aws:PrincipalOrgID': ['o-1'] };
  assert.ok(allows(when({ StringEquals: { 'aws:principalorgid': 'o-1' } }), request({ context: org })));
  assert.not.ok(allows(when({ StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }), request()));
  assert.ok(allows(when({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } }), request()));
  assert.ok(allows(when({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-2' } }), request()));
  assert.not.ok(allows(when({ StringNotEquals: { 'aws:PrincipalOrgID': ['o-1', 'o-2'] } }), request({ context: org })));
  assert.ok(allows(when({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } }), request({ context: org })));
  const tags = { 'aws:TagKeys': ['a', 'b'] };
  assert.ok(allows(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } }), request({ context: tags })));
  assert.not.ok(allows(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }), request({ context: tags })));
  assert.ok(allows(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['b'] } }), request({ context: tags })));
  assert.ok(allows(when({ Null: { 'aws:PrincipalOrgID': 'true' } }), request()));
  assert.not.ok(allows(when({ Null: { 'aws:PrincipalOrgID': 'true' } }), request({ context: org })));
  assert.not.ok(allows(when({ NumericMadeUp: { 'aws:PrincipalOrgID': 'o-1' } }), request({ context: org })));
});

iam.run();
