import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetChannelCommand,
  ListChannelsCommand,
} from '@aws-sdk/client-cloudtrail';
import type { ChannelRecord } from '../../src/engine/cloudtrail/channel-types.js';
import { regionOf } from '../../src/engine/world.js';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';

/** Seeds a service-linked channel, as a world refreshed from a real account would hold one. */
function seedChannel(h: Harness, suffix: string, destinations: ChannelRecord['destinations'] = []): ChannelRecord {
  const lake = regionOf(h.engine.world, ACCOUNT, 'us-east-1').cloudtrail.lake;
  const channel: ChannelRecord = {
    arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/aws-service-channel/application-signals/${suffix}`,
    name: `aws-service-channel/application-signals/${suffix}`,
    source: 'application-signals.cloudwatch.amazonaws.com',
    applyToAllRegions: false,
    advancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }],
    destinations: destinations.length ? destinations : [{ Type: 'AWS_SERVICE', Location: 'application-signals.cloudwatch.amazonaws.com' }],
  };
  (lake.channels ??= {})[channel.arn] = channel;
  return channel;
}

forEachTransport('cloudtrail channels', (test, h) => {
  test('an account without integrations has no channels', async () => {
    const out = await h().trail.send(new ListChannelsCommand({}));
    assert.equal(out.Channels, []);
    assert.is(out.NextToken, undefined);
    const e = await rejects(() =>
      h().trail.send(new GetChannelCommand({ Channel: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/aws-service-channel/config/default` })),
    );
    assert.is(e.name, 'ChannelNotFoundException');
    assert.is(e.message, 'CloudTrail cannot find the specified channel.');
  });

  test('get by ARN; malformed references are ChannelARNInvalidException', async () => {
    const c = seedChannel(h(), 'default');
    const out = await h().trail.send(new GetChannelCommand({ Channel: c.arn }));
    assert.is(out.ChannelArn, c.arn);
    assert.is(out.Name, c.name);
    assert.is(out.Source, 'application-signals.cloudwatch.amazonaws.com');
    assert.equal(out.SourceConfig, { ApplyToAllRegions: false, AdvancedEventSelectors: c.advancedEventSelectors });
    assert.equal(out.Destinations, [{ Type: 'AWS_SERVICE', Location: 'application-signals.cloudwatch.amazonaws.com' }]);
    for (const bad of ['not-a-channel', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/x`]) {
      const e = await rejects(() => h().trail.send(new GetChannelCommand({ Channel: bad })));
      assert.is(e.name, 'ChannelARNInvalidException');
      assert.is(e.message, 'The specified value of ChannelARN is not valid.');
    }
    const e = await rejects(() => h().trail.send(new GetChannelCommand({ Channel: '0123abcd-0000-1111-2222-333344445555' })));
    assert.is(e.name, 'ChannelNotFoundException');
    const elsewhere = h().clients({ region: 'eu-west-1' }).trail;
    assert.equal((await elsewhere.send(new ListChannelsCommand({}))).Channels, []);
  });

  test('list pages in ARN order', async () => {
    for (const s of ['c', 'a', 'b']) seedChannel(h(), s);
    const p1 = await h().trail.send(new ListChannelsCommand({ MaxResults: 2 }));
    assert.equal(p1.Channels!.map((c) => c.Name), ['aws-service-channel/application-signals/a', 'aws-service-channel/application-signals/b']);
    const p2 = await h().trail.send(new ListChannelsCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    assert.equal(p2.Channels!.map((c) => c.Name), ['aws-service-channel/application-signals/c']);
    assert.is(p2.NextToken, undefined);
    const e = await rejects(() => h().trail.send(new ListChannelsCommand({ NextToken: 'forged-token' })));
    assert.is(e.name, 'InvalidNextTokenException');
    const big = await rejects(() => h().trail.send(new ListChannelsCommand({ MaxResults: 1001 })));
    assert.is(big.name, 'InvalidParameterException');
  });

  test('a store that a channel delivers to cannot be deleted', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'audit', TerminationProtectionEnabled: false }))).EventDataStoreArn!;
    seedChannel(h(), 'to-store', [{ Type: 'EVENT_DATA_STORE', Location: arn }]);
    const e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'ChannelExistsForEDSException');
    assert.is(e.message, 'The event data store cannot be deleted because it is in use by a channel.');
  });
});
