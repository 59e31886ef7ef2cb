import * as assert from 'uvu/assert';
import {
  AddTagsCommand,
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  DeleteEventDataStoreCommand,
  DeleteTrailCommand,
  ListTagsCommand,
  RemoveTagsCommand,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;

forEachTransport('cloudtrail tags', (test, h) => {
  const add = (ResourceId: string, TagsList: Tag[]) => h().trail.send(new AddTagsCommand({ ResourceId, TagsList }));
  const list = async (...ids: string[]) => (await h().trail.send(new ListTagsCommand({ ResourceIdList: ids }))).ResourceTagList;

  test.before.each(async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    await h().trail.send(new CreateTrailCommand({
      Name: 'main', S3BucketName: 'trail-logs', IsMultiRegionTrail: true, TagsList: [{ Key: 'team', Value: 'sec' }, { Key: 'flag' }],
    }));
  });

  test('tags given at CreateTrail are listed; a tag without value has no Value', async () => {
    assert.equal(await list(TRAIL_ARN), [{ ResourceId: TRAIL_ARN, TagsList: [{ Key: 'team', Value: 'sec' }, { Key: 'flag' }] }]);
  });

  test('AddTags adds and overwrites, RemoveTags removes by key', async () => {
    await add(TRAIL_ARN, [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }]);
    assert.equal((await list(TRAIL_ARN))![0]!.TagsList, [{ Key: 'team', Value: 'platform' }, { Key: 'flag' }, { Key: 'env', Value: 'prod' }]);
    await h().trail.send(new RemoveTagsCommand({ ResourceId: TRAIL_ARN, TagsList: [{ Key: 'flag' }, { Key: 'absent' }] }));
    assert.equal((await list(TRAIL_ARN))![0]!.TagsList, [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }]);
  });

  test('50 tags per resource; key and value rules', async () => {
    await add(TRAIL_ARN, Array.from({ length: 48 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })));
    const over = await rejects(() => add(TRAIL_ARN, [{ Key: 'one-too-many', Value: 'v' }]));
    assert.is(over.name, 'TagsLimitExceededException');
    assert.is(over.message, 'The number of tags on the resource exceeds the limit of 50.');
    await add(TRAIL_ARN, [{ Key: 'team', Value: 'overwrite is not a new tag' }]);
    for (const tags of [[{ Key: 'aws:reserved', Value: 'x' }], [{ Key: 'bad#key', Value: 'x' }], [{ Key: 'k1', Value: 'a' }, { Key: 'k1', Value: 'b' }]]) {
      const e = await rejects(() => add(TRAIL_ARN, tags));
      assert.is(e.name, 'InvalidTagParameterException', JSON.stringify(tags));
    }
  });

  test('ARNs must be of this account and region; unknown resources are not found', async () => {
    const region = await rejects(() => h().clients({ region: 'eu-west-1' }).trail.send(new ListTagsCommand({ ResourceIdList: [TRAIL_ARN] })));
    assert.is(region.name, 'CloudTrailARNInvalidException');
    assert.is(region.message, 'Region in ARN is wrong, you can only access resources in region eu-west-1.');
    const account = await rejects(() => list('arn:aws:cloudtrail:us-east-1:999999999999:trail/main'));
    assert.is(account.name, 'CloudTrailARNInvalidException');
    assert.is(account.message, `AccountID in ARN is wrong, you can only access resources with AccountID ${ACCOUNT}.`);
    const notArn = await rejects(() => add('main', [{ Key: 'a', Value: 'b' }]));
    assert.is(notArn.name, 'CloudTrailARNInvalidException');
    const missing = await rejects(() => add(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/other`, [{ Key: 'a', Value: 'b' }]));
    assert.is(missing.name, 'ResourceNotFoundException');
    const store = await rejects(() => list(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/11111111-2222-3333-4444-555555555555`));
    assert.is(store.name, 'EventDataStoreNotFoundException');
    const channel = await rejects(() => list(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/11111111-2222-3333-4444-555555555555`));
    assert.is(channel.name, 'ChannelNotFoundException');
    const query = await rejects(() => list(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:query/abc`));
    assert.is(query.name, 'ResourceTypeNotSupportedException');
  });

  test('event data stores are tagged through the same operations', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({
      Name: 'lake', TagsList: [{ Key: 'a', Value: '1' }], TerminationProtectionEnabled: false,
    }))).EventDataStoreArn!;
    await add(arn, [{ Key: 'b', Value: '2' }]);
    assert.equal(await list(arn, TRAIL_ARN), [
      { ResourceId: arn, TagsList: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] },
      { ResourceId: TRAIL_ARN, TagsList: [{ Key: 'team', Value: 'sec' }, { Key: 'flag' }] },
    ]);
    await h().trail.send(new RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'a' }] }));
    assert.equal((await list(arn))![0]!.TagsList, [{ Key: 'b', Value: '2' }]);
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    const inactive = await rejects(() => add(arn, [{ Key: 'c', Value: '3' }]));
    assert.is(inactive.name, 'InactiveEventDataStoreException');
  });

  test('deleting a trail deletes its tags', async () => {
    await h().trail.send(new DeleteTrailCommand({ Name: 'main' }));
    await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs' }));
    assert.equal((await list(TRAIL_ARN))![0]!.TagsList, []);
  });
});
