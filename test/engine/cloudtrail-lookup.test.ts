import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  GetEventDataStoreCommand,
  LookupEventsCommand,
  type LookupAttributeKey,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand, DescribeLogGroupsCommand, PutLogEventsCommand, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

forEachTransport('cloudtrail LookupEvents', (test, h) => {
  const tick = () => h().admin('POST /_engine/clock', { advanceSeconds: 10 });
  let storeArn = '';
  let endTime = new Date();

  /** The scripted history: five calls, ten seconds apart, one of them failing, one by another key. */
  async function script(): Promise<void> {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await tick();
    storeArn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'audit' }))).EventDataStoreArn!;
    await tick();
    await h().logs.send(new DescribeLogGroupsCommand({}));
    await tick();
    await rejects(() => h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' })));
    await tick();
    await h().clients({ accessKeyId: 'AKIDOTHERKEY' }).trail.send(new GetEventDataStoreCommand({ EventDataStore: storeArn }));
    await tick();
    // Before the lookups the tests make (they are events too), after the last scripted call.
    endTime = new Date(h().engine.now() - 5000);
  }

  /** Lookups up to the end of the script (later lookups are events too). */
  const lookup = (input: LookupEventsCommandInput = {}) => h().trail.send(new LookupEventsCommand({ EndTime: endTime, ...input }));
  const by = (key: LookupAttributeKey, value: string) => lookup({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }] });
  const names = (out: { Events?: { EventName?: string }[] }) => out.Events!.map((e) => e.EventName);

  test('every call is an event, newest first, with AWS fields', async () => {
    await script();
    const out = await lookup();
    assert.equal(names(out), ['GetEventDataStore', 'CreateLogGroup', 'DescribeLogGroups', 'CreateEventDataStore', 'CreateLogGroup']);
    const [get, failed, describe, create, first] = out.Events!;
    assert.is(get!.AccessKeyId, 'AKIDOTHERKEY');
    assert.is(get!.Username, 'user-AKIDOTHERKEY');
    assert.is(get!.ReadOnly, 'true');
    assert.is(first!.ReadOnly, 'false');
    assert.is(first!.EventSource, 'logs.amazonaws.com');
    assert.is(create!.EventSource, 'cloudtrail.amazonaws.com');
    assert.equal(first!.Resources, [{ ResourceType: 'AWS::Logs::LogGroup', ResourceName: 'app' }]);
    assert.equal(create!.Resources, [{ ResourceType: 'AWS::CloudTrail::EventDataStore', ResourceName: storeArn }]);
    assert.equal(describe!.Resources, []);
    assert.instance(first!.EventTime, Date);
    assert.is(first!.EventTime!.getTime() % 1000, 0);
    assert.is(describe!.EventTime!.getTime() - first!.EventTime!.getTime() >= 20_000, true);
    const failedRecord = JSON.parse(failed!.CloudTrailEvent!);
    assert.is(failedRecord.errorCode, 'ResourceAlreadyExistsException');
    assert.is(failedRecord.errorMessage, 'The specified log group already exists');
    assert.equal(failedRecord.requestParameters, { logGroupName: 'app' });
    assert.is(failedRecord.responseElements, null);
    const createRecord = JSON.parse(create!.CloudTrailEvent!);
    assert.match(createRecord.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.is(new Date(createRecord.eventTime).getTime(), create!.EventTime!.getTime());
    assert.equal(createRecord.requestParameters, { name: 'audit' });
    assert.is(createRecord.responseElements.eventDataStoreArn, storeArn);
    assert.is(createRecord.eventID, create!.EventId);
    assert.is(createRecord.eventCategory, 'Management');
    assert.is(createRecord.recipientAccountId, '123456789012');
    assert.equal(createRecord.userIdentity, {
      type: 'IAMUser',
      principalId: createRecord.userIdentity.principalId,
      accessKeyId: 'AKIDEXAMPLE',
      userName: 'user-AKIDEXAMPLE',
      accountId: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/user-AKIDEXAMPLE',
    });
    assert.match(createRecord.userIdentity.principalId, /^AIDA[0-9A-F]{17}$/);
    assert.equal(JSON.parse(describe!.CloudTrailEvent!).responseElements, null);
  });

  test('each lookup attribute filters', async () => {
    await script();
    assert.equal(names(await by('EventName', 'CreateLogGroup')), ['CreateLogGroup', 'CreateLogGroup']);
    assert.equal(names(await by('ReadOnly', 'true')), ['GetEventDataStore', 'DescribeLogGroups']);
    assert.equal(names(await by('ReadOnly', 'false')), ['CreateLogGroup', 'CreateEventDataStore', 'CreateLogGroup']);
    assert.equal(names(await by('Username', 'user-AKIDOTHERKEY')), ['GetEventDataStore']);
    assert.equal(names(await by('AccessKeyId', 'AKIDEXAMPLE')).length, 4);
    assert.equal(names(await by('EventSource', 'cloudtrail.amazonaws.com')), ['GetEventDataStore', 'CreateEventDataStore']);
    assert.equal(names(await by('ResourceType', 'AWS::Logs::LogGroup')), ['CreateLogGroup', 'CreateLogGroup']);
    assert.equal(names(await by('ResourceName', storeArn)), ['GetEventDataStore', 'CreateEventDataStore']);
    const one = (await lookup()).Events![2]!;
    assert.equal(names(await by('EventId', one.EventId!)), ['DescribeLogGroups']);
    assert.equal(names(await by('EventName', 'createloggroup')), []);
  });

  test('time ranges are inclusive; history is per region and account', async () => {
    await script();
    const all = (await lookup()).Events!;
    const t = (i: number) => all[i]!.EventTime!;
    assert.equal(names(await lookup({ StartTime: t(3), EndTime: t(1) })), ['CreateLogGroup', 'DescribeLogGroups', 'CreateEventDataStore']);
    assert.equal(names(await lookup({ StartTime: t(0) })), ['GetEventDataStore']);
    const elsewhere = h().clients({ region: 'eu-west-1' }).trail;
    assert.equal((await elsewhere.send(new LookupEventsCommand({}))).Events, []);
    const otherAccount = h().clients({ accessKeyId: '210987654321' }).trail;
    assert.equal((await otherAccount.send(new LookupEventsCommand({}))).Events, []);
  });

  test('pages newest first with tokens tied to the request', async () => {
    await script();
    const p1 = await lookup({ MaxResults: 2 });
    assert.equal(names(p1), ['GetEventDataStore', 'CreateLogGroup']);
    const p2 = await lookup({ MaxResults: 2, NextToken: p1.NextToken });
    assert.equal(names(p2), ['DescribeLogGroups', 'CreateEventDataStore']);
    const p3 = await lookup({ MaxResults: 2, NextToken: p2.NextToken });
    assert.equal(names(p3), ['CreateLogGroup']);
    assert.is(p3.NextToken, undefined);
    let e = await rejects(() => lookup({ MaxResults: 2, NextToken: p1.NextToken, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }));
    assert.is(e.name, 'InvalidNextTokenException');
    assert.is(e.message, 'Invalid NextToken.');
    e = await rejects(() => lookup({ NextToken: 'not-a-token' }));
    assert.is(e.name, 'InvalidNextTokenException');
  });

  test('errors: more than one attribute, reversed time range, page size', async () => {
    let e = await rejects(() =>
      lookup({
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'CreateLogGroup' },
          { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
        ],
      }),
    );
    assert.is(e.name, 'InvalidLookupAttributesException');
    assert.is(e.message, 'You cannot specify more than one lookup attribute.');
    e = await rejects(() => lookup({ StartTime: new Date(endTime.getTime() + 1000) }));
    assert.is(e.name, 'InvalidTimeRangeException');
    e = await rejects(() => h().trail.send(new LookupEventsCommand({ StartTime: new Date(h().engine.now() + 60_000) })));
    assert.is(e.name, 'InvalidTimeRangeException');
    assert.is(e.message, 'Start time must be before end time.');
    e = await rejects(() => lookup({ MaxResults: 51 }));
    assert.is(e.name, 'InvalidMaxResultsException');
    assert.is(e.message, "1 validation error detected: Value '51' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    e = await rejects(() => lookup({ MaxResults: 0 }));
    assert.is(e.name, 'InvalidMaxResultsException');
  });

  test('insight lookups find no Insights events; history keeps 90 days', async () => {
    await script();
    assert.equal((await lookup({ EventCategory: 'insight' })).Events, []);
    await h().admin('POST /_engine/clock', { advanceSeconds: 90 * 86400 - 60 });
    const now = new Date(h().engine.now());
    assert.is((await h().trail.send(new LookupEventsCommand({ EndTime: now, LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'logs.amazonaws.com' }] }))).Events!.length, 3);
    await h().admin('POST /_engine/clock', { advanceSeconds: 20 });
    const later = new Date(h().engine.now());
    assert.equal(names(await h().trail.send(new LookupEventsCommand({ EndTime: later, LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'logs.amazonaws.com' }] }))), ['CreateLogGroup', 'DescribeLogGroups']);
  });

  test('log data-plane calls are not management events', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's' }));
    await h().logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's', logEvents: [{ timestamp: h().engine.now(), message: 'hi' }] }));
    const out = await h().trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'logs.amazonaws.com' }] }));
    assert.equal(names(out), ['CreateLogStream', 'CreateLogGroup']);
    assert.equal(out.Events![0]!.Resources, [
      { ResourceType: 'AWS::Logs::LogGroup', ResourceName: 'app' },
      { ResourceType: 'AWS::Logs::LogStream', ResourceName: 's' },
    ]);
  });
});
