import * as assert from 'uvu/assert';
import {
  CancelExportTaskCommand,
  CreateExportTaskCommand,
  CreateLogGroupCommand,
  DescribeExportTasksCommand,
  PutRetentionPolicyCommand,
  type CreateExportTaskCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

forEachTransport('logs export tasks', (test, h) => {
  /** A log group `app` and a registered bucket `exports`; returns a valid request. */
  async function setup(): Promise<CreateExportTaskCommandInput> {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await h().admin('POST /_engine/externals', { s3Buckets: ['exports'] });
    return { logGroupName: 'app', from: 1611316574, to: 1642852574, destination: 'exports' };
  }

  const describe = async (taskId?: string) => (await h().logs.send(new DescribeExportTasksCommand({ taskId }))).exportTasks ?? [];
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });

  test('a task is PENDING, RUNNING after 1 s, COMPLETED 5 s after creation', async () => {
    const input = await setup();
    const { taskId } = await h().logs.send(new CreateExportTaskCommand(input));
    assert.match(taskId ?? '', UUID);
    const [pending] = await describe(taskId);
    assert.equal(Object.keys(pending), ['taskId', 'logGroupName', 'from', 'to', 'destination', 'destinationPrefix', 'status', 'executionInfo']);
    assert.is(pending.logGroupName, 'app');
    assert.is(pending.from, 1611316574);
    assert.is(pending.to, 1642852574);
    assert.is(pending.destination, 'exports');
    assert.is(pending.destinationPrefix, 'exportedlogs');
    assert.equal(pending.status, { code: 'PENDING' });
    const created = pending.executionInfo?.creationTime ?? 0;
    assert.equal(Object.keys(pending.executionInfo ?? {}), ['creationTime']);

    await advance(1);
    assert.equal((await describe(taskId))[0].status, { code: 'RUNNING' });
    await advance(3);
    assert.equal((await describe(taskId))[0].status, { code: 'RUNNING' });
    await advance(1);
    const [done] = await describe(taskId);
    assert.equal(done.status, { code: 'COMPLETED', message: 'Completed successfully' });
    assert.equal(done.executionInfo, { creationTime: created, completionTime: created + 5000 });
  });

  test('taskName, destinationPrefix and logStreamNamePrefix are kept', async () => {
    const input = await setup();
    const { taskId } = await h().logs.send(
      new CreateExportTaskCommand({ ...input, taskName: 'nightly', destinationPrefix: 'logs/app', logStreamNamePrefix: 'web' }),
    );
    const [task] = await describe(taskId);
    assert.is(task.taskName, 'nightly');
    assert.is(task.destinationPrefix, 'logs/app');
  });

  test('the bucket must be registered and the group must exist', async () => {
    const input = await setup();
    let e = await rejects(() => h().logs.send(new CreateExportTaskCommand({ ...input, destination: 'nope' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The given bucket does not exist. Please make sure the bucket is valid.');
    e = await rejects(() => h().logs.send(new CreateExportTaskCommand({ ...input, logGroupName: 'nope' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log group does not exist.');
    assert.equal(await describe(), []);
  });

  test('from must not be after to, and to must reach into the retention period', async () => {
    const input = await setup();
    let e = await rejects(() => h().logs.send(new CreateExportTaskCommand({ ...input, from: 1000, to: 999 })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(
      e.message,
      "Specified time range of '1000' and '999' is not valid. Please make sure the values are within the retention period of the log groups and from value is lesser than the to value",
    );
    await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app', retentionInDays: 1 }));
    e = await rejects(() => h().logs.send(new CreateExportTaskCommand(input)));
    assert.is(e.name, 'InvalidParameterException');
    const now = Date.now();
    const { taskId } = await h().logs.send(new CreateExportTaskCommand({ ...input, from: now - 3_600_000, to: now }));
    assert.ok(taskId);
  });

  test('one active task per account: a second is refused until the first completes or is cancelled', async () => {
    const input = await setup();
    const first = await h().logs.send(new CreateExportTaskCommand(input));
    let e = await rejects(() => h().logs.send(new CreateExportTaskCommand(input)));
    assert.is(e.name, 'LimitExceededException');
    assert.is(e.message, 'Resource limit exceeded.');
    await advance(2);
    e = await rejects(() => h().logs.send(new CreateExportTaskCommand(input)));
    assert.is(e.name, 'LimitExceededException');

    const west = h().clients({ region: 'us-west-2' });
    await west.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    e = await rejects(() => west.logs.send(new CreateExportTaskCommand(input)));
    assert.is(e.name, 'LimitExceededException');
    const otherAccount = h().clients({ accessKeyId: '111122223333' });
    await otherAccount.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await otherAccount.logs.send(new CreateExportTaskCommand(input));

    await advance(3);
    const second = await h().logs.send(new CreateExportTaskCommand(input));
    await h().logs.send(new CancelExportTaskCommand({ taskId: second.taskId }));
    await h().logs.send(new CreateExportTaskCommand(input));
    assert.is((await describe(first.taskId))[0].status?.code, 'COMPLETED');
  });

  test('CancelExportTask cancels a PENDING or RUNNING task at once', async () => {
    const input = await setup();
    const pending = await h().logs.send(new CreateExportTaskCommand(input));
    await h().logs.send(new CancelExportTaskCommand({ taskId: pending.taskId }));
    const [cancelled] = await describe(pending.taskId);
    assert.equal(cancelled.status, { code: 'CANCELLED', message: 'Cancelled by user' });
    const created = cancelled.executionInfo?.creationTime ?? 0;
    assert.equal(cancelled.executionInfo, { creationTime: created, completionTime: cancelled.executionInfo?.completionTime });
    assert.type(cancelled.executionInfo?.completionTime, 'number');

    const running = await h().logs.send(new CreateExportTaskCommand(input));
    await advance(2);
    await h().logs.send(new CancelExportTaskCommand({ taskId: running.taskId }));
    await advance(10);
    assert.is((await describe(running.taskId))[0].status?.code, 'CANCELLED');
  });

  test('cancelling a finished task is InvalidOperationException; an unknown one ResourceNotFoundException', async () => {
    const input = await setup();
    const { taskId } = await h().logs.send(new CreateExportTaskCommand(input));
    await advance(5);
    let e = await rejects(() => h().logs.send(new CancelExportTaskCommand({ taskId })));
    assert.is(e.name, 'InvalidOperationException');
    assert.is(e.message, 'The specified export task has already finished');
    const cancelled = await h().logs.send(new CreateExportTaskCommand(input));
    await h().logs.send(new CancelExportTaskCommand({ taskId: cancelled.taskId }));
    e = await rejects(() => h().logs.send(new CancelExportTaskCommand({ taskId: cancelled.taskId })));
    assert.is(e.name, 'InvalidOperationException');
    e = await rejects(() => h().logs.send(new CancelExportTaskCommand({ taskId: 'no-such-task' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified export task does not exist.');
  });

  test('DescribeExportTasks filters by taskId and statusCode, newest first; an unknown taskId is an empty list', async () => {
    const input = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await h().logs.send(new CreateExportTaskCommand(input))).taskId ?? '');
      await advance(10);
    }
    const fourth = (await h().logs.send(new CreateExportTaskCommand(input))).taskId ?? '';
    assert.equal((await describe()).map((t) => t.taskId), [fourth, ...ids.reverse()]);
    assert.equal(await describe('no-such-task'), []);
    const byStatus = async (statusCode: 'PENDING' | 'COMPLETED' | 'RUNNING') =>
      ((await h().logs.send(new DescribeExportTasksCommand({ statusCode }))).exportTasks ?? []).map((t) => t.taskId);
    assert.equal(await byStatus('PENDING'), [fourth]);
    assert.equal(await byStatus('COMPLETED'), ids);
    await advance(1);
    assert.equal(await byStatus('RUNNING'), [fourth]);
    assert.equal(await byStatus('PENDING'), []);
    const one = await h().logs.send(new DescribeExportTasksCommand({ taskId: fourth, statusCode: 'COMPLETED' }));
    assert.equal(one.exportTasks, []);
  });

  test('DescribeExportTasks pages by limit and nextToken', async () => {
    const input = await setup();
    for (let i = 0; i < 5; i++) {
      await h().logs.send(new CreateExportTaskCommand(input));
      await advance(5);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await h().logs.send(new DescribeExportTasksCommand({ limit: 2, nextToken }));
      seen.push(...(page.exportTasks ?? []).map((t) => t.taskId ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.is(pages, 3);
    assert.equal(seen, (await describe()).map((t) => t.taskId));
    const e = await rejects(() => h().logs.send(new DescribeExportTasksCommand({ nextToken: 'forged' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified nextToken is invalid.');
  });
});
