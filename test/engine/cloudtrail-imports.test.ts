import {
  CreateEventDataStoreCommand,
  DeleteEventDataStoreCommand,
  GetImportCommand,
  GetQueryResultsCommand,
  ListImportFailuresCommand,
  ListImportsCommand,
  StartImportCommand,
  StartQueryCommand,
  StopImportCommand,
  type StartImportCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as assert from 'uvu/assert';
import { forEachTransport, rejects } from '../helpers/harness.js';

const BUCKET = 'trail-archive';
const ROLE = 'arn:aws:iam::123456789012:role/lake-import';
const SOURCE = { S3: { S3LocationUri: `s3://${BUCKET}/AWSLogs`, S3BucketRegion: 'us-east-1', S3BucketAccessRoleArn: ROLE } };
const NOT_FOUND_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/0f7a2b1c-3d4e-4f50-9863-bee5a24d0d88';
const ZERO = { PrefixesFound: 0, PrefixesCompleted: 0, FilesCompleted: 0, EventsCompleted: 0, FailedEntries: 0 };

forEachTransport('CloudTrail Lake imports', (test, h) => {
  async function store(name = 'audit', extra: Record<string, unknown> = {}): Promise<{ arn: string; id: string; created: Date }> {
    const out = await h().trail.send(new CreateEventDataStoreCommand({ Name: name, TerminationProtectionEnabled: false, ...extra }));
    return { arn: out.EventDataStoreArn!, id: out.EventDataStoreArn!.split('/').pop()!, created: out.CreatedTimestamp! };
  }

  const externals = () => h().admin('POST /_engine/externals', { s3Buckets: [BUCKET], iamRoles: [ROLE] });
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  const startImport = (input: StartImportCommandInput) => h().trail.send(new StartImportCommand(input));
  const getImport = (ImportId: string) => h().trail.send(new GetImportCommand({ ImportId }));

  async function query(sql: string): Promise<unknown> {
    const { QueryId } = await h().trail.send(new StartQueryCommand({ QueryStatement: sql }));
    await advance(2);
    return (await h().trail.send(new GetQueryResultsCommand({ QueryId }))).QueryResultRows;
  }

  test('an import initializes, runs and completes in engine time, copying the history into the store', async () => {
    await externals();
    for (const logGroupName of ['/old/a', '/old/b']) await h().logs.send(new CreateLogGroupCommand({ logGroupName }));
    await advance(1);
    const { arn, id, created } = await store();
    const EndEventTime = new Date(created.getTime() - 1);
    const started = await startImport({ Destinations: [id], ImportSource: SOURCE, StartEventTime: new Date(0), EndEventTime });
    assert.match(started.ImportId!, /^[a-f0-9-]{36}$/);
    assert.equal(started.Destinations, [arn]);
    assert.equal(started.ImportSource, SOURCE);
    assert.is(started.ImportStatus, 'INITIALIZING');
    assert.equal(started.EndEventTime, EndEventTime);
    assert.equal(started.CreatedTimestamp, started.UpdatedTimestamp);
    let got = await getImport(started.ImportId!);
    assert.is(got.ImportStatus, 'INITIALIZING');
    assert.equal(got.ImportStatistics, ZERO);
    await advance(10);
    got = await getImport(started.ImportId!);
    assert.is(got.ImportStatus, 'IN_PROGRESS');
    assert.equal(got.ImportStatistics, { ...ZERO, PrefixesFound: 1 });
    assert.is(got.UpdatedTimestamp!.getTime() - got.CreatedTimestamp!.getTime(), 10_000);
    assert.equal(await query(`SELECT COUNT(*) AS n FROM ${id} WHERE eventSource = 'logs.amazonaws.com'`), [[{ n: '0' }]]);
    await advance(50);
    got = await getImport(started.ImportId!);
    assert.is(got.ImportStatus, 'COMPLETED');
    assert.equal(got.ImportStatistics, { PrefixesFound: 1, PrefixesCompleted: 1, FilesCompleted: 1, EventsCompleted: 2, FailedEntries: 0 });
    assert.is(got.UpdatedTimestamp!.getTime() - got.CreatedTimestamp!.getTime(), 60_000);
    assert.equal(await query(`SELECT requestParameters FROM ${id} WHERE eventName = 'CreateLogGroup' ORDER BY eventTime`), [
      [{ requestParameters: '{logGroupName=/old/a}' }],
      [{ requestParameters: '{logGroupName=/old/b}' }],
    ]);
  });

  test('the source must be an existing bucket in its region, read with a known role', async () => {
    const { arn } = await store();
    const attempt = (S3: Partial<typeof SOURCE.S3>) => rejects(() => startImport({ Destinations: [arn], ImportSource: { S3: { ...SOURCE.S3, ...S3 } } }));
    let e = await attempt({});
    assert.is(e.name, 'InvalidImportSourceException');
    assert.is(e.message, 'The S3 bucket trail-archive does not exist.');
    await externals();
    e = await attempt({ S3LocationUri: 'https://trail-archive.s3.amazonaws.com/AWSLogs' });
    assert.is(e.message, 'The S3 location URI https://trail-archive.s3.amazonaws.com/AWSLogs is not valid. Use the form s3://bucket-name/prefix.');
    e = await attempt({ S3BucketRegion: 'eu-west-1' });
    assert.is(e.message, 'The S3 bucket trail-archive is not in the region eu-west-1.');
    e = await attempt({ S3BucketAccessRoleArn: 'arn:aws:iam::123456789012:role/unknown' });
    assert.is(e.name, 'InvalidImportSourceException');
    assert.is(e.message, 'CloudTrail cannot assume the role arn:aws:iam::123456789012:role/unknown to access the S3 bucket trail-archive.');
    await startImport({ Destinations: [arn], ImportSource: { S3: { ...SOURCE.S3, S3LocationUri: `s3://${BUCKET}` } } });
  });

  test('the destination must be an enabled store of CloudTrail events in this account and region', async () => {
    await externals();
    const start = (Destinations: string[]) => rejects(() => startImport({ Destinations, ImportSource: SOURCE }));
    let e = await start([NOT_FOUND_ARN]);
    assert.is(e.name, 'EventDataStoreNotFoundException');
    assert.is(e.message, 'The event data store was not found.');
    e = await start(['arn:aws:s3:::bucket']);
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    const stopped = await store('stopped', { StartIngestion: false });
    e = await start([stopped.arn]);
    assert.is(e.name, 'InvalidEventDataStoreStatusException');
    assert.is(e.message, 'The event data store is not in a status that supports the operation.');
    const config = await store('config', { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ConfigurationItem'] }] }] });
    e = await start([config.arn]);
    assert.is(e.name, 'InvalidEventDataStoreCategoryException');
    assert.is(e.message, 'Only event data stores that collect CloudTrail management or data events can be the destination of an import.');
    const deleted = await store('deleted');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: deleted.arn }));
    e = await start([deleted.arn]);
    assert.is(e.name, 'InactiveEventDataStoreException');
    const elsewhere = await h().clients({ region: 'eu-west-1' }).trail.send(new CreateEventDataStoreCommand({ Name: 'eu-store' }));
    e = await start([elsewhere.EventDataStoreArn!]);
    assert.is(e.name, 'EventDataStoreNotFoundException');
  });

  test('parameters: a new import needs Destinations and ImportSource, and an ordered time window', async () => {
    await externals();
    const { arn } = await store();
    let e = await rejects(() => startImport({ Destinations: [arn] }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'Destinations and ImportSource are required to start a new import.');
    e = await rejects(() => startImport({ Destinations: [arn], ImportSource: SOURCE, StartEventTime: new Date(2000_000), EndEventTime: new Date(1000_000) }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'StartEventTime must be earlier than or equal to EndEventTime.');
    e = await rejects(() => startImport({ Destinations: [arn, arn], ImportSource: SOURCE }));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /^1 validation error detected: Value '\[arn:.*\]' at 'Destinations' failed to satisfy constraint: Member must have length less than or equal to 1$/);
  });

  test('one import at a time per account, in any region; the store cannot be deleted while it runs', async () => {
    await externals();
    const { arn } = await store();
    const first = await startImport({ Destinations: [arn], ImportSource: SOURCE });
    let e = await rejects(() => startImport({ Destinations: [arn], ImportSource: SOURCE }));
    assert.is(e.name, 'AccountHasOngoingImportException');
    assert.is(e.message, 'A previous import is still in progress.');
    const eu = h().clients({ region: 'eu-west-1' }).trail;
    const euStore = await eu.send(new CreateEventDataStoreCommand({ Name: 'eu-store' }));
    e = await rejects(() => eu.send(new StartImportCommand({ Destinations: [euStore.EventDataStoreArn!], ImportSource: SOURCE })));
    assert.is(e.name, 'AccountHasOngoingImportException');
    e = await rejects(() => h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn })));
    assert.is(e.name, 'EventDataStoreHasOngoingImportException');
    const other = h().clients({ accessKeyId: '210987654321' }).trail;
    const otherStore = await other.send(new CreateEventDataStoreCommand({ Name: 'theirs' }));
    await other.send(new StartImportCommand({ Destinations: [otherStore.EventDataStoreArn!], ImportSource: SOURCE }));
    await advance(60);
    assert.is((await getImport(first.ImportId!)).ImportStatus, 'COMPLETED');
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    await eu.send(new StartImportCommand({ Destinations: [euStore.EventDataStoreArn!], ImportSource: SOURCE }));
  });

  test('StopImport stops a running import, which copies nothing; a retry by ImportId runs it again', async () => {
    await externals();
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/old' }));
    await advance(1);
    const { id, created } = await store();
    const window = { StartEventTime: new Date(0), EndEventTime: new Date(created.getTime() - 1) };
    const { ImportId } = await startImport({ Destinations: [id], ImportSource: SOURCE, ...window });
    await advance(20);
    const stopped = await h().trail.send(new StopImportCommand({ ImportId }));
    assert.is(stopped.ImportStatus, 'STOPPED');
    assert.equal(stopped.ImportStatistics, { ...ZERO, PrefixesFound: 1 });
    const stoppedAfter = stopped.UpdatedTimestamp!.getTime() - stopped.CreatedTimestamp!.getTime();
    assert.ok(stoppedAfter >= 20_000 && stoppedAfter < 25_000, String(stoppedAfter));
    let e = await rejects(() => h().trail.send(new StopImportCommand({ ImportId })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, `Import ${ImportId} is STOPPED; only an import in progress can be stopped.`);
    await advance(60);
    assert.is((await getImport(ImportId!)).ImportStatus, 'STOPPED');
    assert.equal(await query(`SELECT COUNT(*) AS n FROM ${id} WHERE eventName = 'CreateLogGroup'`), [[{ n: '0' }]]);
    e = await rejects(() => startImport({ ImportId, Destinations: [id] }));
    assert.is(e.message, 'Only ImportId can be specified when you retry an import.');
    const retried = await startImport({ ImportId });
    assert.is(retried.ImportStatus, 'INITIALIZING');
    assert.equal(retried.Destinations, (await getImport(ImportId!)).Destinations);
    await advance(60);
    const done = await getImport(ImportId!);
    assert.is(done.ImportStatus, 'COMPLETED');
    assert.is(done.ImportStatistics!.EventsCompleted, 1);
    assert.equal(await query(`SELECT COUNT(*) AS n FROM ${id} WHERE eventName = 'CreateLogGroup'`), [[{ n: '1' }]]);
    e = await rejects(() => startImport({ ImportId }));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, `Import ${ImportId} is COMPLETED; only a STOPPED or FAILED import can be retried.`);
    e = await rejects(() => h().trail.send(new StopImportCommand({ ImportId })));
    assert.is(e.message, `Import ${ImportId} is COMPLETED; only an import in progress can be stopped.`);
  });

  test('unknown imports: ImportNotFoundException for Get, Stop and a retry; no failures to list', async () => {
    const unknown = '11111111-2222-3333-4444-555555555555';
    for (const send of [
      () => getImport(unknown),
      () => h().trail.send(new StopImportCommand({ ImportId: unknown })),
      () => startImport({ ImportId: unknown }),
    ]) {
      const e = await rejects(send);
      assert.is(e.name, 'ImportNotFoundException');
      assert.is(e.message, 'The specified import was not found.');
      assert.is(e.$metadata.httpStatusCode, 404);
    }
    assert.equal((await h().trail.send(new ListImportFailuresCommand({ ImportId: unknown }))).Failures, []);
  });

  test('ListImports: newest first, by destination and status, paged; ListImportFailures is empty', async () => {
    await externals();
    const one = await store('one');
    const two = await store('two');
    const first = (await startImport({ Destinations: [one.arn], ImportSource: SOURCE })).ImportId!;
    await advance(60);
    const second = (await startImport({ Destinations: [two.arn], ImportSource: SOURCE })).ImportId!;
    await h().trail.send(new StopImportCommand({ ImportId: second }));
    await advance(1);
    const third = (await startImport({ Destinations: [one.id], ImportSource: SOURCE })).ImportId!;
    const list = (input: Record<string, unknown> = {}) => h().trail.send(new ListImportsCommand(input));
    const all = await list();
    assert.equal(all.Imports!.map((i) => [i.ImportId, i.ImportStatus]), [[third, 'INITIALIZING'], [second, 'STOPPED'], [first, 'COMPLETED']]);
    assert.equal(all.Imports![0].Destinations, [one.arn]);
    assert.instance(all.Imports![0].CreatedTimestamp, Date);
    assert.equal((await list({ Destination: one.arn })).Imports!.map((i) => i.ImportId), [third, first]);
    assert.equal((await list({ Destination: one.id, ImportStatus: 'COMPLETED' })).Imports!.map((i) => i.ImportId), [first]);
    const page1 = await list({ MaxResults: 2 });
    assert.equal(page1.Imports!.map((i) => i.ImportId), [third, second]);
    const page2 = await list({ MaxResults: 2, NextToken: page1.NextToken });
    assert.equal(page2.Imports!.map((i) => i.ImportId), [first]);
    assert.is(page2.NextToken, undefined);
    let e = await rejects(() => list({ NextToken: page1.NextToken, ImportStatus: 'STOPPED' }));
    assert.is(e.name, 'InvalidNextTokenException');
    assert.is(e.message, 'The NextToken is not valid.');
    e = await rejects(() => list({ Destination: 'arn:aws:s3:::bucket' }));
    assert.is(e.name, 'EventDataStoreARNInvalidException');
    const failures = await h().trail.send(new ListImportFailuresCommand({ ImportId: first, MaxResults: 5 }));
    assert.equal(failures.Failures, []);
    assert.is(failures.NextToken, undefined);
    e = await rejects(() => h().trail.send(new ListImportFailuresCommand({ ImportId: first, NextToken: 'forged-token' })));
    assert.is(e.name, 'InvalidNextTokenException');
  });
});
