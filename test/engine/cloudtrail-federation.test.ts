import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  DeleteEventDataStoreCommand,
  DisableFederationCommand,
  EnableFederationCommand,
  GetEventConfigurationCommand,
  GetEventDataStoreCommand,
  PutEventConfigurationCommand,
} from '@aws-sdk/client-cloudtrail';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/lake-federation`;

forEachTransport('cloudtrail federation and event configuration', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  const store = async (name = 'mgmt') =>
    (await h().trail.send(new CreateEventDataStoreCommand({ Name: name, TerminationProtectionEnabled: false }))).EventDataStoreArn!;

  test('federation goes ENABLING → ENABLED → DISABLING → DISABLED on engine time', async () => {
    await h().admin('POST /_engine/externals', { iamRoles: [ROLE] });
    const arn = await store();
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).FederationStatus, undefined);
    const on = await h().trail.send(new EnableFederationCommand({ EventDataStore: arn, FederationRoleArn: ROLE }));
    assert.equal([on.EventDataStoreArn, on.FederationStatus, on.FederationRoleArn], [arn, 'ENABLING', ROLE]);
    let e = await rejects(() => h().trail.send(new DisableFederationCommand({ EventDataStore: arn })));
    assert.is(e.name, 'ConcurrentModificationException');
    await advance(61);
    const got = await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }));
    assert.equal([got.FederationStatus, got.FederationRoleArn], ['ENABLED', ROLE]);
    e = await rejects(() => h().trail.send(new EnableFederationCommand({ EventDataStore: arn, FederationRoleArn: ROLE })));
    assert.is(e.name, 'EventDataStoreFederationEnabledException');
    e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreFederationEnabledException');
    assert.is(
      e.message,
      'You cannot delete the event data store because Lake query federation is enabled. To delete the event data store, run the DisableFederation operation to disable Lake query federation on the event data store.',
    );
    const off = await h().trail.send(new DisableFederationCommand({ EventDataStore: arn }));
    assert.is(off.FederationStatus, 'DISABLING');
    await advance(61);
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).FederationStatus, 'DISABLED');
    e = await rejects(() => h().trail.send(new DisableFederationCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InvalidParameterException');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
  });

  test('federation needs a registered role and a live store', async () => {
    const arn = await store();
    let e = await rejects(() => h().trail.send(new EnableFederationCommand({ EventDataStore: arn, FederationRoleArn: ROLE })));
    assert.is(e.name, 'AccessDeniedException');
    e = await rejects(() =>
      h().trail.send(new EnableFederationCommand({ EventDataStore: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/00000000-0000-0000-0000-000000000000`, FederationRoleArn: ROLE })),
    );
    assert.is(e.name, 'EventDataStoreNotFoundException');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    e = await rejects(() => h().trail.send(new EnableFederationCommand({ EventDataStore: arn, FederationRoleArn: ROLE })));
    assert.is(e.name, 'InactiveEventDataStoreException');
  });

  test('store event configuration: event size and context key selectors', async () => {
    const arn = await store();
    assert.equal(await strip(h().trail.send(new GetEventConfigurationCommand({ EventDataStore: arn }))), {
      EventDataStoreArn: arn, MaxEventSize: 'Standard', ContextKeySelectors: [],
    });
    let e = await rejects(() =>
      h().trail.send(new PutEventConfigurationCommand({ EventDataStore: arn, ContextKeySelectors: [{ Type: 'TagContext', Equals: ['team'] }] })),
    );
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'MaxEventSize must be set to Large to use ContextKeySelectors.');
    const put = await h().trail.send(
      new PutEventConfigurationCommand({ EventDataStore: arn, MaxEventSize: 'Large', ContextKeySelectors: [{ Type: 'RequestContext', Equals: ['aws:SourceIp'] }] }),
    );
    assert.is(put.MaxEventSize, 'Large');
    const got = await h().trail.send(new GetEventConfigurationCommand({ EventDataStore: arn }));
    assert.equal(got.ContextKeySelectors, [{ Type: 'RequestContext', Equals: ['aws:SourceIp'] }]);
    e = await rejects(() =>
      h().trail.send(new PutEventConfigurationCommand({
        EventDataStore: arn,
        ContextKeySelectors: [{ Type: 'TagContext', Equals: ['a'] }, { Type: 'TagContext', Equals: ['b'] }],
      })),
    );
    assert.is(e.name, 'InvalidParameterException');
    e = await rejects(() =>
      h().trail.send(new PutEventConfigurationCommand({ EventDataStore: arn, AggregationConfigurations: [{ EventCategory: 'Data', Templates: ['API_ACTIVITY'] }] })),
    );
    assert.is(e.name, 'InvalidParameterCombinationException');
    e = await rejects(() => h().trail.send(new GetEventConfigurationCommand({})));
    assert.is(e.name, 'InvalidParameterCombinationException');
  });

  test('trail event configuration: aggregation, from the home region', async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['logs-bucket'] });
    const trail = await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'logs-bucket', IsMultiRegionTrail: true }));
    const out = await h().trail.send(
      new PutEventConfigurationCommand({ TrailName: 'main', AggregationConfigurations: [{ EventCategory: 'Data', Templates: ['API_ACTIVITY', 'USER_ACTIONS'] }] }),
    );
    assert.is(out.TrailARN, trail.TrailARN);
    const got = await h().trail.send(new GetEventConfigurationCommand({ TrailName: trail.TrailARN }));
    assert.equal(got.AggregationConfigurations, [{ EventCategory: 'Data', Templates: ['API_ACTIVITY', 'USER_ACTIONS'] }]);
    const elsewhere = h().clients({ region: 'eu-west-1' }).trail;
    const e = await rejects(() =>
      elsewhere.send(new PutEventConfigurationCommand({ TrailName: trail.TrailARN, AggregationConfigurations: [{ EventCategory: 'Data', Templates: ['API_ACTIVITY'] }] })),
    );
    assert.is(e.name, 'InvalidHomeRegionException');
    const size = await rejects(() => h().trail.send(new PutEventConfigurationCommand({ TrailName: 'main', MaxEventSize: 'Large' })));
    assert.is(size.name, 'InvalidParameterCombinationException');
    const missing = await rejects(() => h().trail.send(new GetEventConfigurationCommand({ TrailName: 'nope' })));
    assert.is(missing.name, 'TrailNotFoundException');
  });
});

/** The output without the SDK's $metadata. */
async function strip<T extends { $metadata?: unknown }>(p: Promise<T>): Promise<Omit<T, '$metadata'>> {
  const { $metadata: _m, ...rest } = await p;
  return rest;
}
