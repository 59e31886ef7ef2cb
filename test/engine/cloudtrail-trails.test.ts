import * as assert from 'uvu/assert';
import {
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
  type CreateTrailCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const BUCKET = 'trail-logs';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ct-to-logs`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/org:*`;
const arnOf = (name: string, region = 'us-east-1') => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

forEachTransport('cloudtrail trails', (test, h) => {
  const externals = (body: Record<string, unknown>) => h().admin('POST /_engine/externals', body);
  const create = (input: Partial<CreateTrailCommandInput> & { Name: string }, client = h().trail) =>
    client.send(new CreateTrailCommand({ S3BucketName: BUCKET, ...input }));
  const eu = () => h().clients({ region: 'eu-west-1' }).trail;

  test.before.each(async () => {
    await externals({ s3Buckets: [BUCKET], iamRoles: [ROLE], kmsKeys: [{ arn: KEY }], snsTopics: [`arn:aws:sns:us-east-1:${ACCOUNT}:deliveries`] });
  });

  test('CreateTrail returns the settings; the trail starts with defaults and is not logging', async () => {
    const out = await create({ Name: 'main' });
    assert.equal(out, {
      $metadata: out.$metadata,
      Name: 'main',
      S3BucketName: BUCKET,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      TrailARN: arnOf('main'),
      LogFileValidationEnabled: false,
      IsOrganizationTrail: false,
    });
    const { Trail } = await h().trail.send(new GetTrailCommand({ Name: 'main' }));
    assert.is(Trail!.HomeRegion, 'us-east-1');
    assert.is(Trail!.HasCustomEventSelectors, false);
    assert.is(Trail!.HasInsightSelectors, false);
    const status = await h().trail.send(new GetTrailStatusCommand({ Name: 'main' }));
    assert.is(status.IsLogging, false);
    assert.is(status.StartLoggingTime, undefined);
    assert.is(status.TimeLoggingStarted, '');
  });

  test('trail names follow CloudTrail rules, each with its message', async () => {
    const cases: [string, string][] = [
      ['ab', 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.'],
      ['a'.repeat(129), 'Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.'],
      ['-trail', 'Trail name must starts with a letter or number.'],
      ['trail!', 'Trail name must ends with a letter or number.'],
      ['my#trail', 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).'],
      ['my-_namespace', 'Trail name cannot contain adjacent periods, underscores or dashes.'],
      ['my--namespace', 'Trail name cannot contain adjacent periods, underscores or dashes.'],
      ['192.168.5.4', 'Trail name cannot be formatted as an IP address.'],
    ];
    for (const [name, message] of cases) {
      const e = await rejects(() => create({ Name: name }));
      assert.is(e.name, 'InvalidTrailNameException', name);
      assert.is(e.message, message, name);
    }
    await create({ Name: 'My.Trail_1-a' });
  });

  test('a duplicate name and a sixth trail in a region fail', async () => {
    await create({ Name: 'one' });
    const dup = await rejects(() => create({ Name: 'one' }));
    assert.is(dup.name, 'TrailAlreadyExistsException');
    assert.is(dup.message, `Trail one already exists for customer: ${ACCOUNT}`);
    await create({ Name: 'everywhere', IsMultiRegionTrail: true }, eu());
    for (const name of ['two', 'three', 'four']) await create({ Name: name });
    const sixth = await rejects(() => create({ Name: 'six' }));
    assert.is(sixth.name, 'MaximumNumberOfTrailsExceededException');
    assert.is(sixth.message, `User: ${ACCOUNT} already has 5 trails in us-east-1.`);
    assert.is(sixth.$metadata.httpStatusCode, 403);
    const shadowName = await rejects(() => create({ Name: 'everywhere' }));
    assert.is(shadowName.name, 'TrailAlreadyExistsException');
  });

  test('S3 bucket, key prefix, SNS topic and KMS key references are checked', async () => {
    const noBucket = await rejects(() => create({ Name: 'tr1', S3BucketName: 'nobody-has-this' }));
    assert.is(noBucket.name, 'S3BucketDoesNotExistException');
    assert.is(noBucket.message, 'S3 bucket nobody-has-this does not exist!');
    const badBucket = await rejects(() => create({ Name: 'tr1', S3BucketName: 'my_bucket' }));
    assert.is(badBucket.name, 'InvalidS3BucketNameException');
    assert.is(badBucket.message, "Bucket name should not contain '_'");
    const prefix = await rejects(() => create({ Name: 'tr1', S3KeyPrefix: 'p'.repeat(201) }));
    assert.is(prefix.name, 'InvalidS3PrefixException');
    const topic = await rejects(() => create({ Name: 'tr1', SnsTopicName: 'unknown-topic' }));
    assert.is(topic.name, 'InsufficientSnsTopicPolicyException');
    assert.is(topic.message, 'SNS Topic does not exist or the topic policy is incorrect!');
    const badKey = await rejects(() => create({ Name: 'tr1', KmsKeyId: 'not a key' }));
    assert.is(badKey.name, 'InvalidKmsKeyIdException');
    const noKey = await rejects(() => create({ Name: 'tr1', KmsKeyId: 'alias/nope' }));
    assert.is(noKey.name, 'KmsKeyNotFoundException');
    const out = await create({ Name: 'tr1', SnsTopicName: 'deliveries', KmsKeyId: '11111111-2222-3333-4444-555555555555', S3KeyPrefix: 'ct' });
    assert.is(out.SnsTopicName, 'deliveries');
    assert.is(out.SnsTopicARN, `arn:aws:sns:us-east-1:${ACCOUNT}:deliveries`);
    assert.is(out.KmsKeyId, KEY);
    assert.is(out.S3KeyPrefix, 'ct');
    await externals({ kmsKeys: [{ arn: KEY, enabled: false }] });
    const disabled = await rejects(() => create({ Name: 'tr2', KmsKeyId: KEY }));
    assert.is(disabled.name, 'KmsException');
  });

  test('the CloudWatch Logs group must exist in Logs (cross-service), with its role', async () => {
    const missing = await rejects(() => create({ Name: 'cwl', CloudWatchLogsLogGroupArn: GROUP_ARN, CloudWatchLogsRoleArn: ROLE }));
    assert.is(missing.name, 'InvalidCloudWatchLogsLogGroupArnException');
    assert.is(missing.message, 'CloudTrail cannot validate the specified log group ARN.');
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/cloudtrail/org' }));
    const noStar = await rejects(() =>
      create({ Name: 'cwl', CloudWatchLogsLogGroupArn: GROUP_ARN.slice(0, -2), CloudWatchLogsRoleArn: ROLE }));
    assert.is(noStar.name, 'InvalidCloudWatchLogsLogGroupArnException');
    const noRole = await rejects(() => create({ Name: 'cwl', CloudWatchLogsLogGroupArn: GROUP_ARN }));
    assert.is(noRole.name, 'InvalidCloudWatchLogsRoleArnException');
    assert.is(noRole.message, 'You must specify a role ARN as well as a log group.');
    const noGroup = await rejects(() => create({ Name: 'cwl', CloudWatchLogsRoleArn: ROLE }));
    assert.is(noGroup.name, 'InvalidCloudWatchLogsLogGroupArnException');
    const unknownRole = await rejects(() =>
      create({ Name: 'cwl', CloudWatchLogsLogGroupArn: GROUP_ARN, CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/other` }));
    assert.is(unknownRole.name, 'InvalidCloudWatchLogsRoleArnException');
    assert.is(unknownRole.message, 'Access denied. Check the trust relationships for your role.');
    const out = await create({ Name: 'cwl', CloudWatchLogsLogGroupArn: GROUP_ARN, CloudWatchLogsRoleArn: ROLE });
    assert.is(out.CloudWatchLogsLogGroupArn, GROUP_ARN);
    assert.is(out.CloudWatchLogsRoleArn, ROLE);
  });

  test('a multi-region trail must include global service events', async () => {
    const e = await rejects(() => create({ Name: 'mrt', S3BucketName: 'nope', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false }));
    assert.is(e.name, 'InvalidParameterCombinationException');
    assert.is(e.message, 'Multi-Region trail must include global service events.');
  });

  test('organization trails need the organization management account', async () => {
    const none = await rejects(() => create({ Name: 'org', IsOrganizationTrail: true }));
    assert.is(none.name, 'OrganizationsNotInUseException');
    await h().admin('POST /_engine/organization', { account: ACCOUNT, managementAccount: false });
    const member = await rejects(() => create({ Name: 'org', IsOrganizationTrail: true }));
    assert.is(member.name, 'NotOrganizationMasterAccountException');
    await h().admin('POST /_engine/organization', { account: ACCOUNT, managementAccount: true });
    const out = await create({ Name: 'org', IsOrganizationTrail: true, IsMultiRegionTrail: true });
    assert.is(out.IsOrganizationTrail, true);
  });

  test('UpdateTrail changes only what is given; empty strings clear optional settings', async () => {
    await create({ Name: 'upd', S3KeyPrefix: 'a', SnsTopicName: 'deliveries' });
    const out = await h().trail.send(new UpdateTrailCommand({ Name: arnOf('upd'), EnableLogFileValidation: true, S3KeyPrefix: '' }));
    assert.is(out.LogFileValidationEnabled, true);
    assert.is(out.S3KeyPrefix, undefined);
    assert.is(out.SnsTopicName, 'deliveries');
    const cleared = await h().trail.send(new UpdateTrailCommand({ Name: 'upd', SnsTopicName: '' }));
    assert.is(cleared.SnsTopicARN, undefined);
    const missing = await rejects(() => h().trail.send(new UpdateTrailCommand({ Name: 'nope', S3KeyPrefix: 'x' })));
    assert.is(missing.name, 'TrailNotFoundException');
    assert.is(missing.message, `Unknown trail: nope for the user: ${ACCOUNT}`);
    const badBucket = await rejects(() => h().trail.send(new UpdateTrailCommand({ Name: 'upd', S3BucketName: 'gone-bucket' })));
    assert.is(badBucket.name, 'S3BucketDoesNotExistException');
  });

  test('multi-region trails show as shadows in other regions', async () => {
    await create({ Name: 'global', IsMultiRegionTrail: true });
    await create({ Name: 'local' });
    const all = await eu().send(new DescribeTrailsCommand({}));
    assert.equal(all.trailList!.map((t) => [t.Name, t.HomeRegion]), [['global', 'us-east-1']]);
    const own = await eu().send(new DescribeTrailsCommand({ includeShadowTrails: false }));
    assert.equal(own.trailList, []);
    const listed = await eu().send(new ListTrailsCommand({}));
    assert.equal(listed.Trails!.map((t) => t.Name).sort(), ['global', 'local']);
    const byArn = await eu().send(new GetTrailCommand({ Name: arnOf('global') }));
    assert.is(byArn.Trail!.HomeRegion, 'us-east-1');
    const statusByName = await rejects(() => eu().send(new GetTrailStatusCommand({ Name: 'global' })));
    assert.is(statusByName.name, 'TrailNotFoundException');
    assert.is(statusByName.message, `Unknown trail: ${arnOf('global', 'eu-west-1')} for the user: ${ACCOUNT}`);
    assert.is((await eu().send(new GetTrailStatusCommand({ Name: arnOf('global') }))).IsLogging, false);
    for (const send of [
      () => eu().send(new StartLoggingCommand({ Name: 'global' })),
      () => eu().send(new StopLoggingCommand({ Name: arnOf('global') })),
      () => eu().send(new UpdateTrailCommand({ Name: 'global', S3KeyPrefix: 'x' })),
      () => eu().send(new DeleteTrailCommand({ Name: 'global' })),
    ]) {
      const e = await rejects(send);
      assert.is(e.name, 'InvalidHomeRegionException');
    }
    const localFromEu = await rejects(() => eu().send(new GetTrailCommand({ Name: arnOf('local') })));
    assert.is(localFromEu.name, 'TrailNotFoundException');
    await h().trail.send(new UpdateTrailCommand({ Name: 'global', IsMultiRegionTrail: false }));
    assert.equal((await eu().send(new DescribeTrailsCommand({}))).trailList, []);
  });

  test('StartLogging/StopLogging and the status deliveries computed from engine time', async () => {
    await create({ Name: 'log' });
    await h().trail.send(new StartLoggingCommand({ Name: 'log' }));
    const started = await h().trail.send(new GetTrailStatusCommand({ Name: 'log' }));
    assert.is(started.IsLogging, true);
    assert.instance(started.StartLoggingTime, Date);
    assert.is(started.LatestDeliveryTime, undefined);
    assert.match(started.TimeLoggingStarted!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await h().admin('POST /_engine/clock', { advanceSeconds: 360 });
    const delivered = await h().trail.send(new GetTrailStatusCommand({ Name: arnOf('log') }));
    assert.is(delivered.LatestDeliveryTime!.getTime() - started.StartLoggingTime!.getTime(), 300_000);
    await h().trail.send(new StopLoggingCommand({ Name: 'log' }));
    const stopped = await h().trail.send(new GetTrailStatusCommand({ Name: 'log' }));
    assert.is(stopped.IsLogging, false);
    assert.instance(stopped.StopLoggingTime, Date);
    assert.is(stopped.LatestDeliveryTime!.getTime(), delivered.LatestDeliveryTime!.getTime());
  });

  test('DeleteTrail removes the trail; DescribeTrails takes names and ARNs', async () => {
    await create({ Name: 'keep' });
    await create({ Name: 'drop' });
    const some = await h().trail.send(new DescribeTrailsCommand({ trailNameList: ['keep', arnOf('drop'), 'unknown'] }));
    assert.equal(some.trailList!.map((t) => t.Name), ['keep', 'drop']);
    await h().trail.send(new DeleteTrailCommand({ Name: arnOf('drop') }));
    const left = await h().trail.send(new DescribeTrailsCommand({}));
    assert.equal(left.trailList!.map((t) => t.Name), ['keep']);
    const again = await rejects(() => h().trail.send(new DeleteTrailCommand({ Name: 'drop' })));
    assert.is(again.name, 'TrailNotFoundException');
    assert.is(again.$metadata.httpStatusCode, 404);
    const otherAccount = await rejects(() =>
      h().trail.send(new GetTrailCommand({ Name: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/keep' })));
    assert.is(otherAccount.name, 'CloudTrailARNInvalidException');
    assert.is(otherAccount.message, `AccountID in ARN is wrong, you can only access resources with AccountID ${ACCOUNT}.`);
  });
});
