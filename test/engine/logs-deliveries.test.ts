import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDeliveryCommand,
  CreateLogGroupCommand,
  DeleteDeliveryCommand,
  DeleteDeliveryDestinationCommand,
  DeleteDeliverySourceCommand,
  DescribeConfigurationTemplatesCommand,
  DescribeDeliveriesCommand,
  GetDeliveryCommand,
  ListTagsForResourceCommand,
  PutDeliveryDestinationCommand,
  PutDeliveryDestinationPolicyCommand,
  PutDeliverySourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDeliveryConfigurationCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { emptyRegion } from '../../src/engine/world.js';
import { forEachTransport, harness, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const OTHER = '222222222222';
const DISTRIBUTION = `arn:aws:cloudfront::${ACCOUNT}:distribution/E19DL18TOXN9JU`;
const RUNTIME = `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/rt-1`;
const destinationArn = (name: string, account = ACCOUNT) => `arn:aws:logs:us-east-1:${account}:delivery-destination:${name}`;

/** A CloudFront source `cf`, an S3 destination `s3`, a CloudWatch Logs destination `cwl` and an X-Ray one `xray`. */
async function setup(h: Harness): Promise<void> {
  await h.admin('POST /_engine/externals', { resources: [DISTRIBUTION, RUNTIME], s3Buckets: ['logs-bucket'] });
  await h.logs.send(new PutDeliverySourceCommand({ name: 'cf', resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS' }));
  await h.logs.send(new PutDeliveryDestinationCommand({
    name: 's3', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::logs-bucket' },
  }));
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'vended' }));
  await h.logs.send(new PutDeliveryDestinationCommand({
    name: 'cwl', deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:vended` },
  }));
  await h.logs.send(new PutDeliveryDestinationCommand({ name: 'xray', deliveryDestinationType: 'XRAY' }));
}

forEachTransport('logs deliveries', (test, h) => {
  const create = (source: string, destination: string, extra = {}) =>
    h().logs.send(new CreateDeliveryCommand({ deliverySourceName: source, deliveryDestinationArn: destinationArn(destination), ...extra }));

  test('CreateDelivery to S3 takes the template defaults: every CloudFront field, AWS default suffix path', async () => {
    await setup(h());
    const { delivery } = await create('cf', 's3');
    assert.match(delivery!.id!, /^[0-9A-Za-z]{16}$/);
    assert.is(delivery!.arn, `arn:aws:logs:us-east-1:${ACCOUNT}:delivery:${delivery!.id}`);
    assert.is(delivery!.deliveryDestinationType, 'S3');
    assert.is(delivery!.recordFields!.length, 33);
    assert.equal(delivery!.recordFields!.slice(0, 3), ['date', 'time', 'x-edge-location']);
    assert.equal(delivery!.s3DeliveryConfiguration, { suffixPath: 'AWSLogs/{account-id}/CloudFront/', enableHiveCompatiblePath: false });
    assert.is(delivery!.fieldDelimiter, undefined);
    const got = await h().logs.send(new GetDeliveryCommand({ id: delivery!.id }));
    assert.equal(got.delivery, delivery);
  });

  test('explicit configuration is kept and checked against the template', async () => {
    await setup(h());
    const { delivery } = await create('cf', 's3', {
      recordFields: ['date'], fieldDelimiter: ',', tags: { key1: 'value1' },
      s3DeliveryConfiguration: { suffixPath: `AWSLogs/${ACCOUNT}/CloudFront/{DistributionId}/`, enableHiveCompatiblePath: true },
    });
    assert.equal(delivery!.recordFields, ['date']);
    assert.is(delivery!.fieldDelimiter, ',');
    assert.equal(delivery!.tags, { key1: 'value1' });
    assert.equal(delivery!.s3DeliveryConfiguration, { suffixPath: `AWSLogs/${ACCOUNT}/CloudFront/{DistributionId}/`, enableHiveCompatiblePath: true });
    await h().logs.send(new DeleteDeliveryCommand({ id: delivery!.id }));
    const field = await rejects(() => create('cf', 's3', { recordFields: ['no-such-field'] }));
    assert.is(field.name, 'ValidationException');
    assert.is(field.message, 'Record field no-such-field is not allowed for log type ACCESS_LOGS.');
    const suffix = await rejects(() => create('cf', 's3', { s3DeliveryConfiguration: { suffixPath: '{bogus}/' } }));
    assert.is(suffix.name, 'ValidationException');
    const delimiter = await rejects(() => create('cf', 's3', { fieldDelimiter: '#' }));
    assert.is(delimiter.name, 'ValidationException');
    const notS3 = await rejects(() => create('cf', 'cwl', { s3DeliveryConfiguration: { suffixPath: 'x/' } }));
    assert.is(notS3.message, 's3DeliveryConfiguration can only be specified for deliveries to S3 delivery destinations.');
  });

  test('missing source or destination; unsupported destination type; one delivery per destination type', async () => {
    await setup(h());
    const noSource = await rejects(() => create('nope', 's3'));
    assert.is(noSource.name, 'ResourceNotFoundException');
    assert.is(noSource.message, 'Requested Delivery Source does not exist in this account.');
    const noDestination = await rejects(() => create('cf', 'nope'));
    assert.is(noDestination.message, 'Requested Delivery Destination does not exist in this account.');
    const xray = await rejects(() => create('cf', 'xray'));
    assert.is(xray.name, 'ValidationException');
    assert.is(xray.message, 'Delivery Destination Type XRAY is not supported for log type ACCESS_LOGS of cloudfront.');
    await create('cf', 's3');
    const same = await rejects(() => create('cf', 's3'));
    assert.is(same.name, 'ConflictException');
    assert.is(same.message, 'The specified Delivery already exists');
    await h().admin('POST /_engine/externals', { s3Buckets: ['other-bucket'] });
    await h().logs.send(new PutDeliveryDestinationCommand({
      name: 's3-b', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::other-bucket' },
    }));
    const sameType = await rejects(() => create('cf', 's3-b'));
    assert.is(sameType.message, 'Delivery already exists for this Delivery Source with the same Delivery Destination Type.');
    await create('cf', 'cwl');
  });

  test('traces go to X-Ray; a source or destination in use cannot be deleted', async () => {
    await setup(h());
    await h().logs.send(new PutDeliverySourceCommand({ name: 'traces', resourceArn: RUNTIME, logType: 'TRACES' }));
    const { delivery } = await create('traces', 'xray');
    assert.is(delivery!.deliveryDestinationType, 'XRAY');
    assert.is(delivery!.s3DeliveryConfiguration, undefined);
    const source = await rejects(() => h().logs.send(new DeleteDeliverySourceCommand({ name: 'traces' })));
    assert.is(source.name, 'ConflictException');
    assert.is(source.message, 'Delivery Source traces is associated with one or more Deliveries. Delete the Deliveries first.');
    const destination = await rejects(() => h().logs.send(new DeleteDeliveryDestinationCommand({ name: 'xray' })));
    assert.is(destination.name, 'ConflictException');
    await h().logs.send(new DeleteDeliveryCommand({ id: delivery!.id }));
    await h().logs.send(new DeleteDeliverySourceCommand({ name: 'traces' }));
    await h().logs.send(new DeleteDeliveryDestinationCommand({ name: 'xray' }));
    const gone = await rejects(() => h().logs.send(new GetDeliveryCommand({ id: delivery!.id })));
    assert.is(gone.name, 'ResourceNotFoundException');
    assert.is(gone.message, 'Requested Delivery does not exist in this account.');
  });

  test('UpdateDeliveryConfiguration changes what it names and keeps the rest', async () => {
    await setup(h());
    const { delivery } = await create('cf', 's3', { fieldDelimiter: ',' });
    await h().logs.send(new UpdateDeliveryConfigurationCommand({
      id: delivery!.id, recordFields: ['date', 'time'], s3DeliveryConfiguration: { enableHiveCompatiblePath: true },
    }));
    const got = (await h().logs.send(new GetDeliveryCommand({ id: delivery!.id }))).delivery!;
    assert.equal(got.recordFields, ['date', 'time']);
    assert.is(got.fieldDelimiter, ',');
    assert.equal(got.s3DeliveryConfiguration, { suffixPath: 'AWSLogs/{account-id}/CloudFront/', enableHiveCompatiblePath: true });
    const bad = await rejects(() => h().logs.send(new UpdateDeliveryConfigurationCommand({ id: delivery!.id, recordFields: ['nope'] })));
    assert.is(bad.name, 'ValidationException');
    const missing = await rejects(() => h().logs.send(new UpdateDeliveryConfigurationCommand({ id: 'abc123' })));
    assert.is(missing.message, 'Requested Delivery does not exist in this account.');
  });

  test('cross-account: the destination policy must allow the source account logs:CreateDelivery', async () => {
    const other = h().clients({ accessKeyId: OTHER }).logs;
    await h().admin('POST /_engine/externals', { account: OTHER, s3Buckets: ['central-logs'] });
    await h().admin('POST /_engine/externals', { resources: [DISTRIBUTION] });
    await other.send(new PutDeliveryDestinationCommand({
      name: 'central', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::central-logs' },
    }));
    await h().logs.send(new PutDeliverySourceCommand({ name: 'cf', resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS' }));
    const input = { deliverySourceName: 'cf', deliveryDestinationArn: destinationArn('central', OTHER) };
    const denied = await rejects(() => h().logs.send(new CreateDeliveryCommand(input)));
    assert.is(denied.name, 'AccessDeniedException');
    await other.send(new PutDeliveryDestinationPolicyCommand({
      deliveryDestinationName: 'central',
      deliveryDestinationPolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'logs:CreateDelivery',
          Resource: [`arn:aws:logs:us-east-1:${OTHER}:delivery-destination:*`],
        }],
      }),
    }));
    const { delivery } = await h().logs.send(new CreateDeliveryCommand(input));
    assert.is(delivery!.deliveryDestinationArn, destinationArn('central', OTHER));
    const inUse = await rejects(() => other.send(new DeleteDeliveryDestinationCommand({ name: 'central' })));
    assert.is(inUse.name, 'ConflictException');
  });

  test('DescribeDeliveries pages in creation order', async () => {
    await setup(h());
    await h().logs.send(new PutDeliverySourceCommand({ name: 'app', resourceArn: RUNTIME, logType: 'APPLICATION_LOGS' }));
    const a = (await create('cf', 's3')).delivery!.id;
    const b = (await create('cf', 'cwl')).delivery!.id;
    const c = (await create('app', 's3')).delivery!.id;
    const first = await h().logs.send(new DescribeDeliveriesCommand({ limit: 2 }));
    const rest = await h().logs.send(new DescribeDeliveriesCommand({ limit: 2, nextToken: first.nextToken }));
    const ids = [...first.deliveries!, ...rest.deliveries!].map((d) => d.id);
    assert.equal(new Set(ids), new Set([a, b, c]));
    assert.is(ids.length, 3);
    assert.is(rest.nextToken, undefined);
  });

  test('tags on sources, destinations and deliveries through TagResource and friends', async () => {
    await setup(h());
    const { delivery } = await create('cf', 's3');
    const arns = [`arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:cf`, destinationArn('s3'), delivery!.arn!];
    for (const resourceArn of arns) {
      await h().logs.send(new TagResourceCommand({ resourceArn, tags: { team: 'obs', env: 'prod' } }));
      await h().logs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['env'] }));
      assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags, { team: 'obs' });
    }
    assert.equal((await h().logs.send(new GetDeliveryCommand({ id: delivery!.id }))).delivery!.tags, { team: 'obs' });
    const missing = await rejects(() =>
      h().logs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:nope` })),
    );
    assert.is(missing.name, 'ResourceNotFoundException');
  });

  test('DescribeConfigurationTemplates: filters and paging over the table', async () => {
    const cf = await h().logs.send(new DescribeConfigurationTemplatesCommand({ service: 'cloudfront', deliveryDestinationTypes: ['S3'] }));
    assert.is(cf.configurationTemplates!.length, 1);
    const [t] = cf.configurationTemplates!;
    assert.is(t!.logType, 'ACCESS_LOGS');
    assert.is(t!.resourceType, 'distribution');
    assert.is(t!.allowedActionForAllowVendedLogsDeliveryForResource, 'cloudfront:AllowVendedLogDeliveryForResource');
    assert.equal(t!.defaultDeliveryConfigValues!.s3DeliveryConfiguration, { suffixPath: 'AWSLogs/{account-id}/CloudFront/', enableHiveCompatiblePath: false });
    assert.ok(t!.allowedOutputFormats!.includes('parquet'));
    assert.ok(t!.allowedSuffixPathFields!.includes('{DistributionId}'));
    assert.equal(t!.allowedFields![0], { name: 'date', mandatory: false });
    const traces = await h().logs.send(new DescribeConfigurationTemplatesCommand({ logTypes: ['TRACES'] }));
    assert.ok(traces.configurationTemplates!.length > 1);
    assert.ok(traces.configurationTemplates!.every((x) => x.deliveryDestinationType === 'XRAY'));
    const all: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h().logs.send(new DescribeConfigurationTemplatesCommand({ limit: 20, nextToken }));
      all.push(...page.configurationTemplates!.map((x) => `${x.service}/${x.resourceType}/${x.logType}/${x.deliveryDestinationType}`));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.ok(all.length > 50, `${all.length} templates`);
    assert.is(new Set(all).size, all.length);
  });
});

const persisted = suite('logs deliveries persistence');
for (const transport of ['in-process', 'http'] as const) {
  persisted(`sources, destinations, policies and deliveries survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-delivery-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await setup(h);
      await h.logs.send(new PutDeliveryDestinationPolicyCommand({
        deliveryDestinationName: 's3',
        deliveryDestinationPolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'logs:CreateDelivery', Resource: '*' }] }),
      }));
      const { delivery } = await h.logs.send(new CreateDeliveryCommand({ deliverySourceName: 'cf', deliveryDestinationArn: destinationArn('s3') }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      assert.equal((await h.logs.send(new GetDeliveryCommand({ id: delivery!.id }))).delivery, delivery);
      const deliveries = await h.logs.send(new DescribeDeliveriesCommand({}));
      assert.is(deliveries.deliveries!.length, 1);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
persisted('a world persisted before delivery and anomaly detection existed still loads and works', async () => {
  const old = emptyRegion();
  for (const key of ['deliverySources', 'deliveryDestinations', 'deliveries', 'anomalyDetectors'] as const) delete old.logs[key];
  delete old.externals.resources;
  const h = await harness('in-process', { world: { accounts: { [ACCOUNT]: { regions: { 'us-east-1': old } } }, clockOffsetMs: 0 } });
  try {
    assert.equal((await h.logs.send(new DescribeDeliveriesCommand({}))).deliveries, []);
    await setup(h);
    const { delivery } = await h.logs.send(new CreateDeliveryCommand({ deliverySourceName: 'cf', deliveryDestinationArn: destinationArn('cwl') }));
    assert.is(delivery!.deliveryDestinationType, 'CWL');
  } finally {
    await h.close();
  }
});
persisted.run();
