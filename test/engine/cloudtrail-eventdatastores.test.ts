import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetEventDataStoreCommand,
  ListEventDataStoresCommand,
  RestoreEventDataStoreCommand,
  UpdateEventDataStoreCommand,
  type AdvancedEventSelector,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ImportRecord } from '../../src/engine/cloudtrail/lake-types.js';
import { forEachTransport, rejects } from '../helpers/harness.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const NOT_FOUND = 'The event data store was not found.';
const ARN_INVALID = 'The specified event data store ARN is not valid or does not map to an event data store in your account.';

const writesOfLogs: AdvancedEventSelector[] = [
  {
    Name: 'log writes',
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Management'] },
      { Field: 'eventSource', Equals: ['logs.amazonaws.com'] },
      { Field: 'readOnly', Equals: ['false'] },
    ],
  },
];

forEachTransport('cloudtrail event data stores', (test, h) => {
  const create = (input: Partial<ConstructorParameters<typeof CreateEventDataStoreCommand>[0]> & { Name: string }) =>
    h().trail.send(new CreateEventDataStoreCommand(input));
  const unprotected = async (name: string) => (await create({ Name: name, TerminationProtectionEnabled: false })).EventDataStoreArn!;

  test('create returns AWS defaults: all management events, multi-region, protected, 366 days', async () => {
    const out = await create({ Name: 'audit' });
    assert.match(out.EventDataStoreArn!, /^arn:aws:cloudtrail:us-east-1:\d{12}:eventdatastore\/[a-f0-9-]{36}$/);
    assert.is(out.Status, 'CREATED');
    assert.equal(out.AdvancedEventSelectors, [
      { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    ]);
    assert.is(out.MultiRegionEnabled, true);
    assert.is(out.OrganizationEnabled, false);
    assert.is(out.TerminationProtectionEnabled, true);
    assert.is(out.RetentionPeriod, 366);
    assert.is(out.BillingMode, 'EXTENDABLE_RETENTION_PRICING');
    assert.instance(out.CreatedTimestamp, Date);
    const got = await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: out.EventDataStoreArn }));
    assert.is(got.Status, 'ENABLED');
    assert.is(got.Name, 'audit');
    const fixed = await create({ Name: 'fixed', BillingMode: 'FIXED_RETENTION_PRICING' });
    assert.is(fixed.RetentionPeriod, 2557);
  });

  test('get accepts the ARN or its ID suffix; other references fail as AWS fails them', async () => {
    const arn = (await create({ Name: 'audit' })).EventDataStoreArn!;
    const id = arn.split('/')[1]!;
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: id }))).EventDataStoreArn, arn);
    let e = await rejects(() => h().trail.send(new GetEventDataStoreCommand({ EventDataStore: 'audit' })));
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    assert.is(e.message, ARN_INVALID);
    e = await rejects(() => h().trail.send(new GetEventDataStoreCommand({ EventDataStore: 'arn:aws:cloudtrail:us-east-1:123:trail/x' })));
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    e = await rejects(() => h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn.replace(/.{4}$/, 'abcd') })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    assert.is(e.message, NOT_FOUND);
    assert.is(e.$metadata.httpStatusCode, 404);
    const other = h().clients({ region: 'eu-west-1' }).trail;
    e = await rejects(() => other.send(new GetEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
  });

  test('model constraints and semantic rules on create', async () => {
    let e = await rejects(() => create({ Name: 'ab' }));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /at 'name' failed to satisfy constraint|at 'Name' failed to satisfy constraint/);
    e = await rejects(() => create({ Name: 'store', RetentionPeriod: 6 }));
    assert.is(e.name, 'InvalidParameterException');
    e = await rejects(() => create({ Name: 'store', RetentionPeriod: 3000, BillingMode: 'FIXED_RETENTION_PRICING' }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'RetentionPeriod 3000 is not valid for billing mode FIXED_RETENTION_PRICING; the maximum is 2557 days.');
    await create({ Name: 'store', RetentionPeriod: 3653 });
    e = await rejects(() => create({ Name: 'store' }));
    assert.is(e.name, 'EventDataStoreAlreadyExistsException');
    assert.is(e.message, 'An event data store with that name already exists.');
  });

  test('ten stores per region; pending deletions do not count, restoring one can hit the limit', async () => {
    const first = await unprotected('store-0');
    for (let i = 1; i < 10; i++) await create({ Name: `store-${i}` });
    let e = await rejects(() => create({ Name: 'store-10' }));
    assert.is(e.name, 'EventDataStoreMaxLimitExceededException');
    assert.is(e.message, 'Your account has used the maximum number of event data stores.');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: first }));
    await create({ Name: 'store-10' });
    e = await rejects(() => h().trail.send(new RestoreEventDataStoreCommand({ EventDataStore: first })));
    assert.is(e.name, 'EventDataStoreMaxLimitExceededException');
    await h().clients({ region: 'us-west-2' }).trail.send(new CreateEventDataStoreCommand({ Name: 'elsewhere' }));
  });

  test('advanced selectors are validated and echoed', async () => {
    const out = await create({ Name: 'logs-writes', AdvancedEventSelectors: writesOfLogs });
    assert.equal(out.AdvancedEventSelectors, writesOfLogs);
    const bad: [AdvancedEventSelector[], string][] = [
      [[{ FieldSelectors: [{ Field: 'eventName', Equals: ['CreateTrail'] }] }], 'Invalid AdvancedEventSelectors: each advanced event selector must have exactly one eventCategory field.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', StartsWith: ['Manage'] }] }], 'Invalid AdvancedEventSelectors: operator StartsWith is not supported for field eventCategory.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Everything'] }] }], 'Invalid AdvancedEventSelectors: eventCategory must equal one of Management, Data, NetworkActivity, ConfigurationItem, ActivityAuditLog, Insight.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['yes'] }] }], 'Invalid AdvancedEventSelectors: value yes for field readOnly must be true or false.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'color', Equals: ['red'] }] }], 'Invalid AdvancedEventSelectors: field color is not supported.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName' }] }], 'Invalid AdvancedEventSelectors: field eventName must have at least one operator.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }], 'Invalid AdvancedEventSelectors: field resources.type is not supported for management events.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }], 'Invalid AdvancedEventSelectors: a data event selector must have exactly one resources.type field equal to one resource type.'],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ConfigurationItem'] }] }, { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }], 'Invalid AdvancedEventSelectors: an event data store for ConfigurationItem events cannot select other event categories.'],
      [Array.from({ length: 6 }, () => ({ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] })), 'Invalid AdvancedEventSelectors: an event data store can have at most 5 advanced event selectors.'],
    ];
    for (const [selectors, message] of bad) {
      const e = await rejects(() => create({ Name: 'bad', AdvancedEventSelectors: selectors }));
      assert.is(e.name, 'InvalidEventSelectorsException');
      assert.is(e.message, message);
    }
  });

  test('KMS keys must be registered and enabled; organization stores need the management account', async () => {
    let e = await rejects(() => create({ Name: 'enc', KmsKeyId: KEY }));
    assert.is(e.name, 'KmsKeyNotFoundException');
    await h().admin('POST /_engine/externals', { kmsKeys: [{ arn: KEY, enabled: false }] });
    e = await rejects(() => create({ Name: 'enc', KmsKeyId: KEY }));
    assert.is(e.name, 'KmsException');
    await h().admin('POST /_engine/externals', { kmsKeys: [{ arn: KEY, enabled: true }] });
    const out = await create({ Name: 'enc', KmsKeyId: '11111111-2222-3333-4444-555555555555' });
    assert.is(out.KmsKeyId, KEY);
    e = await rejects(() => create({ Name: 'org', OrganizationEnabled: true }));
    assert.is(e.name, 'OrganizationsNotInUseException');
    await h().admin('POST /_engine/organization', { account: '123456789012', managementAccount: false });
    e = await rejects(() => create({ Name: 'org', OrganizationEnabled: true }));
    assert.is(e.name, 'NotOrganizationMasterAccountException');
    await h().admin('POST /_engine/organization', { account: '123456789012', managementAccount: true });
    assert.is((await create({ Name: 'org', OrganizationEnabled: true })).OrganizationEnabled, true);
  });

  test('list pages in creation order with opaque tokens', async () => {
    for (const name of ['one', 'two', 'three']) {
      await create({ Name: name });
      await h().admin('POST /_engine/clock', { advanceSeconds: 1 });
    }
    const p1 = await h().trail.send(new ListEventDataStoresCommand({ MaxResults: 2 }));
    assert.equal(p1.EventDataStores!.map((s) => s.Name), ['one', 'two']);
    assert.is(p1.EventDataStores![0]!.RetentionPeriod, 366);
    const p2 = await h().trail.send(new ListEventDataStoresCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    assert.equal(p2.EventDataStores!.map((s) => s.Name), ['three']);
    assert.is(p2.NextToken, undefined);
    const e = await rejects(() => h().trail.send(new ListEventDataStoresCommand({ NextToken: 'forged-token' })));
    assert.is(e.name, 'InvalidNextTokenException');
  });

  test('update changes settings and enforces the update rules', async () => {
    const arn = (await create({ Name: 'audit' })).EventDataStoreArn!;
    let e = await rejects(() => h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'At least one parameter besides EventDataStore must be specified.');
    await h().admin('POST /_engine/clock', { advanceSeconds: 60 });
    const out = await h().trail.send(
      new UpdateEventDataStoreCommand({ EventDataStore: arn, Name: 'audit-2', RetentionPeriod: 90, MultiRegionEnabled: false, AdvancedEventSelectors: writesOfLogs }),
    );
    assert.is(out.Name, 'audit-2');
    assert.is(out.RetentionPeriod, 90);
    assert.is(out.MultiRegionEnabled, false);
    assert.equal(out.AdvancedEventSelectors, writesOfLogs);
    assert.ok(out.UpdatedTimestamp!.getTime() - out.CreatedTimestamp!.getTime() >= 60_000);
    await create({ Name: 'taken' });
    e = await rejects(() => h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, Name: 'taken' })));
    assert.is(e.name, 'EventDataStoreAlreadyExistsException');
    e = await rejects(() => h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, BillingMode: 'FIXED_RETENTION_PRICING' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The billing mode cannot be changed from EXTENDABLE_RETENTION_PRICING to FIXED_RETENTION_PRICING.');
    await h().admin('POST /_engine/externals', { kmsKeys: [{ arn: KEY }, { arn: KEY.replace('5555', '6666') }] });
    await h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: KEY }));
    e = await rejects(() => h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: KEY.replace('5555', '6666') })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The KMS key of an event data store cannot be changed or removed once it is set.');
  });

  test('delete: termination protection, ongoing import, PENDING_DELETION, restore, gone after 7 days', async () => {
    const arn = (await create({ Name: 'audit' })).EventDataStoreArn!;
    let e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreTerminationProtectedException');
    assert.is(e.message, 'The event data store cannot be deleted because termination protection is enabled for it.');
    await h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, TerminationProtectionEnabled: false }));
    const lake = h().engine.world.accounts['123456789012']!.regions['us-east-1']!.cloudtrail.lake;
    // An import record without a run timeline keeps the status it is given.
    lake.imports['imp-1'] = {
      importId: 'imp-1', destinations: [arn], importStatus: 'IN_PROGRESS', createdTimestamp: 0, updatedTimestamp: 0,
      importSource: { S3: { S3LocationUri: 's3://b/p', S3BucketRegion: 'us-east-1', S3BucketAccessRoleArn: 'arn:aws:iam::123456789012:role/r' } },
      statistics: { PrefixesFound: 0, PrefixesCompleted: 0, FilesCompleted: 0, EventsCompleted: 0, FailedEntries: 0 }, failures: [],
    } as ImportRecord;
    e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreHasOngoingImportException');
    lake.imports['imp-1']!.importStatus = 'COMPLETED';
    e = await rejects(() => h().trail.send(new RestoreEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InvalidEventDataStoreStatusException');
    assert.is(e.message, 'The event data store is not in a status that supports the operation.');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).Status, 'PENDING_DELETION');
    e = await rejects(() => h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, RetentionPeriod: 30 })));
    assert.is(e.name, 'InactiveEventDataStoreException');
    e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'InactiveEventDataStoreException');
    e = await rejects(() => create({ Name: 'audit' }));
    assert.is(e.name, 'EventDataStoreAlreadyExistsException');
    const restored = await h().trail.send(new RestoreEventDataStoreCommand({ EventDataStore: arn }));
    assert.is(restored.Status, 'ENABLED');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    await h().admin('POST /_engine/clock', { advanceSeconds: 7 * 86400 - 10 });
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn }))).Status, 'PENDING_DELETION');
    await h().admin('POST /_engine/clock', { advanceSeconds: 10 });
    e = await rejects(() => h().trail.send(new GetEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    e = await rejects(() => h().trail.send(new RestoreEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreNotFoundException');
    assert.equal((await h().trail.send(new ListEventDataStoresCommand({}))).EventDataStores, []);
    await create({ Name: 'audit' });
  });

  test('a store receives only the events its selectors match, from every region when multi-region', async () => {
    const arn = (await create({ Name: 'writes', AdvancedEventSelectors: writesOfLogs })).EventDataStoreArn!;
    const single = (await create({ Name: 'single', MultiRegionEnabled: false })).EventDataStoreArn!;
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().logs.send(new DescribeLogGroupsCommand({}));
    await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' })));
    await h().clients({ region: 'eu-west-1' }).logs.send(new CreateLogGroupCommand({ logGroupName: 'far' }));
    const lake = h().engine.world.accounts['123456789012']!.regions['us-east-1']!.cloudtrail.lake;
    const writes = lake.eventDataStores[arn]!.events;
    assert.equal(writes.map((e) => [e.eventName, e.awsRegion, e.errorCode ?? null]), [
      ['CreateLogGroup', 'us-east-1', null],
      ['CreateLogGroup', 'us-east-1', 'ResourceAlreadyExistsException'],
      ['CreateLogGroup', 'eu-west-1', null],
    ]);
    const all = lake.eventDataStores[single]!.events.map((e) => e.eventName);
    assert.equal(all, ['CreateLogGroup', 'DescribeLogGroups', 'CreateLogGroup']);
  });

  test("an organization store of the management account receives its members' events", async () => {
    await h().admin('POST /_engine/organization', { account: '123456789012', managementAccount: true, organizationId: 'o-abc1234567' });
    await h().admin('POST /_engine/organization', { account: '210987654321', managementAccount: false, organizationId: 'o-abc1234567' });
    const org = (await create({ Name: 'org', OrganizationEnabled: true })).EventDataStoreArn!;
    const own = (await create({ Name: 'own' })).EventDataStoreArn!;
    await h().clients({ accessKeyId: '210987654321', region: 'eu-west-1' }).logs.send(new CreateLogGroupCommand({ logGroupName: 'member' }));
    await h().clients({ accessKeyId: '333333333333' }).logs.send(new CreateLogGroupCommand({ logGroupName: 'outsider' }));
    const lake = h().engine.world.accounts['123456789012']!.regions['us-east-1']!.cloudtrail.lake;
    assert.equal(lake.eventDataStores[org]!.events.map((e) => [e.recipientAccountId, e.awsRegion]), [
      ['123456789012', 'us-east-1'],
      ['210987654321', 'eu-west-1'],
    ]);
    assert.equal(lake.eventDataStores[own]!.events, []);
  });

  test('stopped and pending-deletion stores ingest nothing', async () => {
    const stopped = (await create({ Name: 'stopped', StartIngestion: false })).EventDataStoreArn!;
    assert.is((await h().trail.send(new GetEventDataStoreCommand({ EventDataStore: stopped }))).Status, 'STOPPED_INGESTION');
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    const lake = h().engine.world.accounts['123456789012']!.regions['us-east-1']!.cloudtrail.lake;
    assert.equal(lake.eventDataStores[stopped]!.events, []);
  });
});
