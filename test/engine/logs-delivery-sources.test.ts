import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteDeliveryDestinationCommand,
  DeleteDeliveryDestinationPolicyCommand,
  DeleteDeliverySourceCommand,
  DescribeDeliveryDestinationsCommand,
  DescribeDeliverySourcesCommand,
  GetDeliveryDestinationCommand,
  GetDeliveryDestinationPolicyCommand,
  GetDeliverySourceCommand,
  PutDeliveryDestinationCommand,
  PutDeliveryDestinationPolicyCommand,
  PutDeliverySourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const DISTRIBUTION = `arn:aws:cloudfront::${ACCOUNT}:distribution/E1Q5F5862X9VJ5`;
const AGENT_RUNTIME = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/agent-1`;

forEachTransport('logs delivery sources and destinations', (test, h) => {
  const register = () => h().admin('POST /_engine/externals', { resources: [DISTRIBUTION, AGENT_RUNTIME], s3Buckets: ['logs-bucket'] });
  const putSource = (name: string, resourceArn = DISTRIBUTION, logType = 'ACCESS_LOGS', extra = {}) =>
    h().logs.send(new PutDeliverySourceCommand({ name, resourceArn, logType, ...extra }));

  test('PutDeliverySource creates a source of a registered resource, in AWS shape', async () => {
    await register();
    const out = await putSource('cf', DISTRIBUTION, 'ACCESS_LOGS', { tags: { team: 'edge' } });
    assert.equal(out.deliverySource, {
      name: 'cf',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:cf`,
      resourceArns: [DISTRIBUTION],
      service: 'cloudfront',
      logType: 'ACCESS_LOGS',
      tags: { team: 'edge' },
    });
    const got = await h().logs.send(new GetDeliverySourceCommand({ name: 'cf' }));
    assert.equal(got.deliverySource, out.deliverySource);
  });

  test('a source needs a supported service, a log type it vends, and an existing resource', async () => {
    await register();
    const s3 = await rejects(() => putSource('x', 'arn:aws:s3:::test-s3-bucket', 'ACCESS_LOGS'));
    assert.is(s3.name, 'ValidationException');
    assert.is(s3.message, 'This service is not allowed for this LogSource.');
    const unknown = await rejects(() => putSource('x', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`));
    assert.is(unknown.name, 'ResourceNotFoundException');
    assert.is(unknown.message, 'Cannot access provided service.');
    const missing = await rejects(() => putSource('x', `arn:aws:cloudfront::${ACCOUNT}:distribution/ENOTREGISTERED`));
    assert.is(missing.name, 'ResourceNotFoundException');
    assert.is(missing.message, 'Cannot access provided service.');
    const wrongType = await rejects(() => putSource('x', DISTRIBUTION, 'TRACES'));
    assert.is(wrongType.name, 'ValidationException');
    const hub = await putSource('hub', `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/*`, 'SECURITY_FINDING_LOGS');
    assert.is(hub.deliverySource?.service, 'securityhub');
  });

  test('POST /_engine/externals takes "resources" as ARNs, added to what was registered', async () => {
    const bad = await h().admin('POST /_engine/externals', { resources: ['distribution/E1'] });
    assert.is(bad.status, 400);
    assert.equal(bad.body, { error: 'externals: "resources" entries must be ARNs (arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)' });
    assert.is((await h().admin('POST /_engine/externals', { resources: [DISTRIBUTION] })).status, 200);
    assert.is((await h().admin('POST /_engine/externals', { resources: [AGENT_RUNTIME] })).status, 200);
    await putSource('cf');
    await putSource('rt', AGENT_RUNTIME, 'APPLICATION_LOGS');
  });

  test('constraint violations are ValidationExceptions naming the member', async () => {
    const e = await rejects(() => putSource('bad name!'));
    assert.is(e.name, 'ValidationException');
    assert.is(
      e.message,
      "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]*",
    );
  });

  test('updates may not add tags, change the resource or the log type; one source per resource and log type', async () => {
    await register();
    await putSource('cf');
    const tags = await rejects(() => putSource('cf', DISTRIBUTION, 'ACCESS_LOGS', { tags: { a: 'b' } }));
    assert.is(tags.name, 'ConflictException');
    assert.is(tags.message, 'Tags can only be provided when a resource is being created, not updated.');
    const moved = await rejects(() => putSource('cf', AGENT_RUNTIME, 'APPLICATION_LOGS'));
    assert.is(moved.name, 'ConflictException');
    assert.is(moved.message, 'Update to existing Delivery Source with new ResourceId is not allowed. Please create a new Delivery Source instead.');
    const twice = await rejects(() => putSource('cf-2'));
    assert.is(twice.name, 'ConflictException');
    assert.is(twice.message, 'This ResourceId has already been used in another Delivery Source in this account.');
    const updated = await putSource('cf', DISTRIBUTION, 'ACCESS_LOGS', { deliverySourceConfiguration: { samplingRate: '50' } });
    assert.equal(updated.deliverySource?.deliverySourceConfiguration, { samplingRate: '50' });
    await putSource('rt-app', AGENT_RUNTIME, 'APPLICATION_LOGS');
    await putSource('rt-traces', AGENT_RUNTIME, 'TRACES');
  });

  test('missing sources: Get and Delete say so; Describe pages by name', async () => {
    const e = await rejects(() => h().logs.send(new GetDeliverySourceCommand({ name: 'nope' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'Requested Delivery Source does not exist in this account.');
    const d = await rejects(() => h().logs.send(new DeleteDeliverySourceCommand({ name: 'nope' })));
    assert.is(d.message, 'Requested Delivery Source does not exist in this account.');
    await register();
    await putSource('b-app', AGENT_RUNTIME, 'APPLICATION_LOGS');
    await putSource('a-cf');
    await putSource('c-usage', AGENT_RUNTIME, 'USAGE_LOGS');
    const first = await h().logs.send(new DescribeDeliverySourcesCommand({ limit: 2 }));
    assert.equal(first.deliverySources?.map((s) => s.name), ['a-cf', 'b-app']);
    const second = await h().logs.send(new DescribeDeliverySourcesCommand({ limit: 2, nextToken: first.nextToken }));
    assert.equal(second.deliverySources?.map((s) => s.name), ['c-usage']);
    assert.is(second.nextToken, undefined);
    const bad = await rejects(() => h().logs.send(new DescribeDeliverySourcesCommand({ nextToken: 'forged' })));
    assert.is(bad.name, 'ValidationException');
    await h().logs.send(new DeleteDeliverySourceCommand({ name: 'a-cf' }));
    assert.is((await h().logs.send(new DescribeDeliverySourcesCommand({}))).deliverySources?.length, 2);
  });

  const putDestination = (name: string, extra: object) => h().logs.send(new PutDeliveryDestinationCommand({ name, ...extra }));

  test('destinations: the type comes from the resource ARN, which must exist', async () => {
    await register();
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/vendedlogs/cf' }));
    await h().admin('POST /_engine/externals', { firehoseStreams: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/fh`] });
    const s3 = await putDestination('to-s3', {
      outputFormat: 'json', tags: { k: 'v' }, deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket/prefix' },
    });
    assert.equal(s3.deliveryDestination, {
      name: 'to-s3',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:to-s3`,
      deliveryDestinationType: 'S3',
      outputFormat: 'json',
      deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket/prefix' },
    });
    const cwlArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/cf`;
    const cwl = await putDestination('to-cwl', { deliveryDestinationConfiguration: { destinationResourceArn: cwlArn } });
    assert.is(cwl.deliveryDestination?.deliveryDestinationType, 'CWL');
    const fh = await putDestination('to-fh', {
      deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/fh` },
    });
    assert.is(fh.deliveryDestination?.deliveryDestinationType, 'FH');
    const xray = await putDestination('to-xray', { deliveryDestinationType: 'XRAY' });
    assert.equal(xray.deliveryDestination?.deliveryDestinationConfiguration, undefined);
    const got = await h().logs.send(new GetDeliveryDestinationCommand({ name: 'to-s3' }));
    assert.equal(got.deliveryDestination?.tags, { k: 'v' });

    const noGroup = await rejects(() => putDestination('x', { deliveryDestinationConfiguration: { destinationResourceArn: `${cwlArn}-missing` } }));
    assert.is(noGroup.name, 'ResourceNotFoundException');
    assert.is(noGroup.message, 'The specified log group does not exist.');
    const noBucket = await rejects(() => putDestination('x', { deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::nobody' } }));
    assert.is(noBucket.name, 'ResourceNotFoundException');
    const noStream = await rejects(() => putDestination('x', {
      deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/other` },
    }));
    assert.is(noStream.name, 'ResourceNotFoundException');
    const noConfig = await rejects(() => putDestination('x', {}));
    assert.is(noConfig.name, 'ValidationException');
    const mismatch = await rejects(() => putDestination('x', {
      deliveryDestinationType: 'FH', deliveryDestinationConfiguration: { destinationResourceArn: cwlArn },
    }));
    assert.is(mismatch.name, 'ValidationException');
  });

  test('output formats per destination type; an update keeps its format and tags', async () => {
    await register();
    const config = { deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket' } };
    const enumError = await rejects(() => putDestination('x', { ...config, outputFormat: 'foobar' }));
    assert.is(enumError.name, 'ValidationException');
    assert.is(
      enumError.message,
      "1 validation error detected: Value 'foobar' at 'outputFormat' failed to satisfy constraint: Member must satisfy enum value set: [json, plain, w3c, raw, parquet]",
    );
    const xrayFormat = await rejects(() => putDestination('x', { deliveryDestinationType: 'XRAY', outputFormat: 'json' }));
    assert.is(xrayFormat.message, 'Output format json is not supported for delivery destination type XRAY.');
    await putDestination('d', { ...config, outputFormat: 'parquet' });
    const changed = await rejects(() => putDestination('d', { ...config, outputFormat: 'json' }));
    assert.is(changed.name, 'ValidationException');
    assert.is(changed.message, 'Update to existing Delivery Destination with new Output Format is not allowed. Please create a new Delivery Destination instead.');
    const tagged = await rejects(() => putDestination('d', { ...config, tags: { a: 'b' } }));
    assert.is(tagged.name, 'ConflictException');
    await h().admin('POST /_engine/externals', { s3Buckets: ['second-bucket'] });
    const moved = await putDestination('d', { deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::second-bucket' } });
    assert.is(moved.deliveryDestination?.outputFormat, 'parquet');
    assert.is(moved.deliveryDestination?.deliveryDestinationConfiguration?.destinationResourceArn, 'arn:aws:s3:::second-bucket');
  });

  test('destination policies: put, get (empty without one), delete', async () => {
    await register();
    await putDestination('d', { deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket' } });
    const empty = await h().logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd' }));
    assert.equal(empty.policy, {});
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'logs:CreateDelivery', Resource: '*' }],
    });
    const put = await h().logs.send(new PutDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd', deliveryDestinationPolicy: policy }));
    assert.equal(put.policy, { deliveryDestinationPolicy: policy });
    const got = await h().logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd' }));
    assert.equal(got.policy, { deliveryDestinationPolicy: policy });
    const bad = await rejects(() =>
      h().logs.send(new PutDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd', deliveryDestinationPolicy: '{"Statement": 1}' })),
    );
    assert.is(bad.name, 'ValidationException');
    await h().logs.send(new DeleteDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd' }));
    assert.equal((await h().logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd' }))).policy, {});
    const again = await rejects(() => h().logs.send(new DeleteDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'd' })));
    assert.is(again.name, 'ResourceNotFoundException');
    const none = await rejects(() => h().logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'nope' })));
    assert.is(none.message, 'Requested Delivery Destination does not exist in this account.');
  });

  test('destinations: Describe pages by name; Get and Delete of a missing one fail', async () => {
    await register();
    for (const name of ['c', 'a', 'b']) {
      await putDestination(name, { deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket' } });
    }
    const first = await h().logs.send(new DescribeDeliveryDestinationsCommand({ limit: 2 }));
    assert.equal(first.deliveryDestinations?.map((d) => d.name), ['a', 'b']);
    const rest = await h().logs.send(new DescribeDeliveryDestinationsCommand({ nextToken: first.nextToken }));
    assert.equal(rest.deliveryDestinations?.map((d) => d.name), ['c']);
    await h().logs.send(new DeleteDeliveryDestinationCommand({ name: 'a' }));
    const gone = await rejects(() => h().logs.send(new GetDeliveryDestinationCommand({ name: 'a' })));
    assert.is(gone.name, 'ResourceNotFoundException');
    assert.is(gone.message, 'Requested Delivery Destination does not exist in this account.');
    const again = await rejects(() => h().logs.send(new DeleteDeliveryDestinationCommand({ name: 'a' })));
    assert.is(again.message, 'Requested Delivery Destination does not exist in this account.');
  });
});
