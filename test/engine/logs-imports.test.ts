import * as assert from 'uvu/assert';
import { DeleteEventDataStoreCommand, UpdateEventDataStoreCommand } from '@aws-sdk/client-cloudtrail';
import {
  CancelImportTaskCommand,
  CreateImportTaskCommand,
  DeleteLogGroupCommand,
  DescribeImportTaskBatchesCommand,
  DescribeImportTasksCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';
import { IMPORT_ROLE as ROLE, lakeWithTwoDays } from '../helpers/lake.js';

const ACCOUNT = '123456789012';
const DAY = 86_400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

forEachTransport('logs: import tasks', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });
  const create = (importSourceArn: string, importFilter?: { startEventTime?: number; endEventTime?: number }) =>
    h().logs.send(new CreateImportTaskCommand({ importSourceArn, importRoleArn: ROLE, importFilter }));
  const describe = async (importId?: string) => (await h().logs.send(new DescribeImportTasksCommand({ importId }))).imports!;
  const batches = async (importId: string) => (await h().logs.send(new DescribeImportTaskBatchesCommand({ importId }))).importBatches!;
  const imported = async (logGroupName: string) =>
    (await h().logs.send(new FilterLogEventsCommand({ logGroupName }))).events!.map((e) => ({
      stream: e.logStreamName,
      eventName: JSON.parse(e.message!).eventName,
      timestamp: e.timestamp,
    }));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };

  test('an import creates the managed group, then copies one batch per event day as engine time passes', async () => {
    const arn = await lakeWithTwoDays(h());
    const storeId = arn.slice(arn.lastIndexOf('/') + 1);
    const group = `aws/cloudtrail/${storeId}`;
    const out = await create(arn);
    assert.match(out.importId!, UUID);
    assert.is(out.importDestinationArn, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}`);
    const [task] = await describe(out.importId);
    assert.equal(Object.keys(task!), [
      'importId', 'importSourceArn', 'importStatus', 'importDestinationArn', 'importStatistics', 'creationTime', 'lastUpdatedTime',
    ]);
    assert.is(task!.importStatus, 'IN_PROGRESS');
    assert.equal(task!.importStatistics, { bytesImported: 0 });
    assert.equal((await batches(out.importId!)).map((b) => b.status), ['IN_PROGRESS', 'IN_PROGRESS']);
    assert.equal(await imported(group), []);

    await advance(60);
    assert.equal((await batches(out.importId!)).map((b) => b.status), ['COMPLETED', 'IN_PROGRESS']);
    assert.equal((await imported(group)).map((e) => [e.stream, e.eventName]), [[`${ACCOUNT}_CloudTrail_us-east-1`, 'CreateLogGroup']]);
    await advance(60);
    const [done] = await describe(out.importId);
    assert.is(done!.importStatus, 'COMPLETED');
    assert.is(done!.lastUpdatedTime, out.creationTime! + 120_000);
    assert.ok(done!.importStatistics!.bytesImported! > 0);
    const events = await imported(group);
    assert.equal(events.map((e) => e.eventName), ['CreateLogGroup', 'CreateLogGroup']);
    const apart = events[1]!.timestamp! - events[0]!.timestamp!;
    assert.ok(apart >= DAY * 1000 && apart < DAY * 1000 + 60_000, `${apart}`);
    await expectError(
      () => h().logs.send(new CancelImportTaskCommand({ importId: out.importId! })),
      'InvalidOperationException',
      `The import task ${out.importId} is not in progress and cannot be cancelled.`,
    );
  });

  test('cancelling keeps the batches imported so far', async () => {
    const arn = await lakeWithTwoDays(h());
    const { importId, creationTime } = await create(arn);
    await advance(90);
    const cancelled = await h().logs.send(new CancelImportTaskCommand({ importId }));
    assert.is(cancelled.importStatus, 'CANCELLED');
    assert.is(cancelled.creationTime, creationTime);
    assert.ok(cancelled.importStatistics!.bytesImported! > 0);
    await advance(600);
    assert.equal((await batches(importId!)).map((b) => b.status), ['COMPLETED', 'CANCELLED']);
    const [task] = await describe(importId);
    assert.is(task!.importStatus, 'CANCELLED');
    assert.is(task!.lastUpdatedTime, cancelled.lastUpdatedTime);
    assert.is((await imported(`aws/cloudtrail/${arn.slice(arn.lastIndexOf('/') + 1)}`)).length, 1);
  });

  test('the import filter selects events by eventTime', async () => {
    const arn = await lakeWithTwoDays(h());
    const now = h().engine.now();
    const { importId, importDestinationArn } = await create(arn, { startEventTime: now - 3_600_000, endEventTime: now });
    await advance(120);
    const [task] = await describe(importId);
    assert.equal(task!.importFilter, { startEventTime: now - 3_600_000, endEventTime: now });
    assert.is((await batches(importId!)).length, 1);
    assert.is((await imported(importDestinationArn!.split(':log-group:')[1]!)).length, 1);
  });

  test('source, role and filter are checked', async () => {
    const arn = await lakeWithTwoDays(h());
    await expectError(
      () => create(`arn:aws:s3:::bucket`),
      'InvalidParameterException',
      'Invalid import source ARN arn:aws:s3:::bucket: only CloudTrail Lake event data stores can be imported from.',
    );
    const missing = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/00000000-0000-0000-0000-000000000000`;
    await expectError(() => create(missing), 'ResourceNotFoundException', `The specified event data store does not exist: ${missing}`);
    await expectError(
      () => h().logs.send(new CreateImportTaskCommand({ importSourceArn: arn, importRoleArn: `arn:aws:iam::${ACCOUNT}:role/other` })),
      'AccessDeniedException',
      `CloudWatch Logs cannot assume the import role arn:aws:iam::${ACCOUNT}:role/other.`,
    );
    await expectError(
      () => create(arn, { startEventTime: 2000, endEventTime: 1000 }),
      'InvalidParameterException',
      'The startEventTime must be less than or equal to the endEventTime.',
    );
    await h().trail.send(new UpdateEventDataStoreCommand({ EventDataStore: arn, RetentionPeriod: 7 }));
    await expectError(
      () => create(arn, { startEventTime: h().engine.now() - 8 * DAY * 1000 }),
      'InvalidParameterException',
      "The data being imported must be within the source's retention period.",
    );
    await h().trail.send(new DeleteEventDataStoreCommand({ EventDataStore: arn }));
    await expectError(() => create(arn), 'InvalidOperationException', 'The import source must be in an ACTIVE state.');
    assert.equal(await describe(), []);
  });

  test('at most three imports are active per account', async () => {
    const arn = await lakeWithTwoDays(h());
    for (let i = 0; i < 3; i++) await create(arn);
    await expectError(() => create(arn), 'ConflictException', 'There can be no more than 3 active imports per account at a given time.');
    await advance(120);
    await create(arn);
  });

  test('a destination group deleted meanwhile fails the import', async () => {
    const arn = await lakeWithTwoDays(h());
    const { importId, importDestinationArn } = await create(arn);
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: importDestinationArn!.split(':log-group:')[1]! }));
    await advance(120);
    const [task] = await describe(importId);
    assert.is(task!.importStatus, 'FAILED');
    assert.is(task!.errorMessage, 'The destination log group does not exist.');
    assert.equal(await batches(importId!), [
      { batchId: (await batches(importId!))[0]!.batchId, status: 'FAILED', errorMessage: 'The destination log group does not exist.' },
      { batchId: (await batches(importId!))[1]!.batchId, status: 'FAILED', errorMessage: 'The destination log group does not exist.' },
    ]);
  });

  test('describe filters by status and source, pages, and knows no foreign or prototype ids', async () => {
    const arn = await lakeWithTwoDays(h());
    const first = await create(arn);
    await advance(120);
    const second = await create(arn);
    const page1 = await h().logs.send(new DescribeImportTasksCommand({ limit: 1 }));
    assert.equal(page1.imports!.map((i) => i.importId), [second.importId]);
    const page2 = await h().logs.send(new DescribeImportTasksCommand({ limit: 1, nextToken: page1.nextToken }));
    assert.equal(page2.imports!.map((i) => i.importId), [first.importId]);
    assert.is(page2.nextToken, undefined);
    const completed = await h().logs.send(new DescribeImportTasksCommand({ importStatus: 'COMPLETED' }));
    assert.equal(completed.imports!.map((i) => i.importId), [first.importId]);
    assert.equal((await h().logs.send(new DescribeImportTasksCommand({ importSourceArn: 'arn:aws:cloudtrail:us-east-1:1:x' }))).imports, []);
    const b = await h().logs.send(new DescribeImportTaskBatchesCommand({ importId: first.importId!, limit: 1, batchImportStatus: ['COMPLETED'] }));
    assert.is(b.importSourceArn, arn);
    assert.is(b.importBatches!.length, 1);
    const b2 = await h().logs.send(new DescribeImportTaskBatchesCommand({ importId: first.importId!, limit: 1, nextToken: b.nextToken, batchImportStatus: ['COMPLETED'] }));
    assert.is(b2.importBatches!.length, 1);
    assert.is(b2.nextToken, undefined);
    await expectError(
      () => h().logs.send(new DescribeImportTaskBatchesCommand({ importId: 'constructor' })),
      'ResourceNotFoundException',
      'The specified import task does not exist: constructor',
    );
  });
});
