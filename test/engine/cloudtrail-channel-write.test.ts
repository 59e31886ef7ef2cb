import * as assert from 'uvu/assert';
import {
  CreateChannelCommand,
  CreateEventDataStoreCommand,
  DeleteChannelCommand,
  DeleteEventDataStoreCommand,
  GetChannelCommand,
  ListChannelsCommand,
  ListTagsCommand,
  StartEventDataStoreIngestionCommand,
  StopEventDataStoreIngestionCommand,
  GetEventDataStoreCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-cloudtrail';
import { regionOf } from '../../src/engine/world.js';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const ACTIVITY = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }];

async function activityStore(h: Harness, name: string): Promise<string> {
  const out = await h.trail.send(
    new CreateEventDataStoreCommand({ Name: name, AdvancedEventSelectors: ACTIVITY, MultiRegionEnabled: false, TerminationProtectionEnabled: false }),
  );
  return out.EventDataStoreArn!;
}

forEachTransport('cloudtrail channel writes', (test, h) => {
  test('create, get, list, rename, re-target and delete a channel', async () => {
    const a = await activityStore(h(), 'audit-a');
    const b = await activityStore(h(), 'audit-b');
    const created = await h().trail.send(
      new CreateChannelCommand({ Name: 'okta', Source: 'Custom', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: a }], Tags: [{ Key: 'team', Value: 'sec' }] }),
    );
    assert.match(created.ChannelArn!, new RegExp(`^arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/[0-9a-f-]{36}$`));
    assert.equal(created.Destinations, [{ Type: 'EVENT_DATA_STORE', Location: a }]);
    assert.equal(created.Tags, [{ Key: 'team', Value: 'sec' }]);
    const got = await h().trail.send(new GetChannelCommand({ Channel: created.ChannelArn! }));
    assert.is(got.Name, 'okta');
    assert.is(got.Source, 'Custom');
    const byId = await h().trail.send(new GetChannelCommand({ Channel: created.ChannelArn!.split('/')[1]! }));
    assert.is(byId.ChannelArn, created.ChannelArn);
    const tags = await h().trail.send(new ListTagsCommand({ ResourceIdList: [created.ChannelArn!] }));
    assert.equal(tags.ResourceTagList![0]!.TagsList, [{ Key: 'team', Value: 'sec' }]);
    const updated = await h().trail.send(
      new UpdateChannelCommand({ Channel: created.ChannelArn!, Name: 'okta-prod', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: b }] }),
    );
    assert.equal(updated, { ...updated, Name: 'okta-prod', Source: 'Custom', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: b }] });
    const e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: b })));
    assert.is(e.name, 'ChannelExistsForEDSException');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: a }));
    await h().trail.send(new DeleteChannelCommand({ Channel: created.ChannelArn! }));
    assert.equal((await h().trail.send(new ListChannelsCommand({}))).Channels, []);
    const gone = await rejects(() => h().trail.send(new GetChannelCommand({ Channel: created.ChannelArn! })));
    assert.is(gone.name, 'ChannelNotFoundException');
  });

  test('names and sources are unique; aws sources are reserved', async () => {
    const a = await activityStore(h(), 'audit');
    const dest = [{ Type: 'EVENT_DATA_STORE' as const, Location: a }];
    await h().trail.send(new CreateChannelCommand({ Name: 'one', Source: 'Custom', Destinations: dest }));
    let e = await rejects(() => h().trail.send(new CreateChannelCommand({ Name: 'one', Source: 'Okta', Destinations: dest })));
    assert.is(e.name, 'ChannelAlreadyExistsException');
    assert.is(e.message, 'Channel one already exists.');
    e = await rejects(() => h().trail.send(new CreateChannelCommand({ Name: 'two', Source: 'Custom', Destinations: dest })));
    assert.is(e.name, 'ChannelAlreadyExistsException');
    assert.is(e.message, 'A channel already exists for source Custom. A maximum of one channel is allowed per source.');
    e = await rejects(() => h().trail.send(new CreateChannelCommand({ Name: 'three', Source: 'aws.config', Destinations: dest })));
    assert.is(e.name, 'InvalidSourceException');
  });

  test('destinations must be live single-region stores of ActivityAuditLog events', async () => {
    const mgmt = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt', TerminationProtectionEnabled: false }))).EventDataStoreArn!;
    const send = (Location: string, Type: 'EVENT_DATA_STORE' | 'AWS_SERVICE' = 'EVENT_DATA_STORE') =>
      rejects(() => h().trail.send(new CreateChannelCommand({ Name: 'chan1', Source: 'Custom', Destinations: [{ Type, Location }] })));
    let e = await send(mgmt);
    assert.is(e.name, 'InvalidEventDataStoreCategoryException');
    e = await send('not-a-store');
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    e = await send(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/00000000-0000-0000-0000-000000000000`);
    assert.is(e.name, 'EventDataStoreNotFoundException');
    e = await send('cloudtrail.amazonaws.com', 'AWS_SERVICE');
    assert.is(e.name, 'InvalidParameterException');
    const a = await activityStore(h(), 'audit');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: a }));
    e = await send(a);
    assert.is(e.name, 'InactiveEventDataStoreException');
  });

  test('at most 25 integration channels; service-linked ones cannot be changed', async () => {
    const a = await activityStore(h(), 'audit');
    for (let i = 0; i < 25; i++) {
      await h().trail.send(new CreateChannelCommand({ Name: `chan${i}`, Source: `Partner${i}`, Destinations: [{ Type: 'EVENT_DATA_STORE', Location: a }] }));
    }
    const e = await rejects(() => h().trail.send(new CreateChannelCommand({ Name: 'chan25', Source: 'Partner25', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: a }] })));
    assert.is(e.name, 'ChannelMaxLimitExceededException');
    const page = await h().trail.send(new ListChannelsCommand({ MaxResults: 10 }));
    assert.is(page.Channels!.length, 10);
    assert.ok(page.NextToken);
    const lake = regionOf(h().engine.world, ACCOUNT, 'us-east-1').cloudtrail.lake;
    const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/aws-service-channel/config/x`;
    lake.channels![arn] = { arn, name: 'aws-service-channel/config/x', source: 'config.amazonaws.com', applyToAllRegions: false, advancedEventSelectors: [], destinations: [] };
    const denied = await rejects(() => h().trail.send(new DeleteChannelCommand({ Channel: arn })));
    assert.is(denied.name, 'OperationNotPermittedException');
  });

  test('ingestion stops and starts; other statuses and categories are refused', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt', TerminationProtectionEnabled: false }))).EventDataStoreArn!;
    let e = await rejects(() => h().trail.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InvalidEventDataStoreStatusException');
    assert.is(e.message, 'The event data store is not in a status that supports the operation.');
    await h().trail.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn }));
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).Status, 'STOPPED_INGESTION');
    e = await rejects(() => h().trail.send(new StopEventDataStoreIngestionCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InvalidEventDataStoreStatusException');
    await h().trail.send(new StartEventDataStoreIngestionCommand({ EventDataStore: arn }));
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).Status, 'ENABLED');
    const audit = await activityStore(h(), 'audit');
    e = await rejects(() => h().trail.send(new StopEventDataStoreIngestionCommand({ EventDataStore: audit })));
    assert.is(e.name, 'InvalidEventDataStoreCategoryException');
  });
});
