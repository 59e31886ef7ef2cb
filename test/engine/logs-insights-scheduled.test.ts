import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  CreateScheduledQueryCommand,
  DeleteScheduledQueryCommand,
  GetScheduledQueryCommand,
  GetScheduledQueryHistoryCommand,
  ListScheduledQueriesCommand,
  UpdateScheduledQueryCommand,
  type CreateScheduledQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { suite } from 'uvu';
import { forEachTransport, harness, rejects, TRANSPORTS, type Harness } from '../helpers/harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/insights';
const ARN = /^arn:aws:logs:us-east-1:123456789012:scheduled-query:[0-9a-f-]{36}$/;

async function setup(h: Harness): Promise<CreateScheduledQueryCommandInput> {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
  await h.admin('POST /_engine/externals', { iamRoles: [ROLE], s3Buckets: ['results'] });
  return {
    name: 'errors',
    queryLanguage: 'CWLI',
    queryString: 'filter @message like /ERROR/ | stats count(*)',
    logGroupIdentifiers: ['app'],
    scheduleExpression: 'rate(5 minutes)',
    startTimeOffset: 300,
    executionRoleArn: ROLE,
    destinationConfiguration: { s3Configuration: { destinationIdentifier: 's3://results/errors', roleArn: ROLE } },
  };
}

const history = (h: Harness, identifier: string, extra = {}) =>
  h.logs.send(new GetScheduledQueryHistoryCommand({ identifier, startTime: 0, endTime: h.engine.now() + 86_400_000, ...extra }));

forEachTransport('logs insights scheduled queries', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });

  test('create and get: the configuration, ENABLED, CUSTOMER_MANAGED', async () => {
    const input = await setup(h());
    const created = await h().logs.send(new CreateScheduledQueryCommand({ ...input, description: 'count errors', tags: { team: 'a' } }));
    assert.match(created.scheduledQueryArn ?? '', ARN);
    assert.is(created.state, 'ENABLED');
    const got = await h().logs.send(new GetScheduledQueryCommand({ identifier: 'errors' }));
    assert.equal(Object.keys(got).filter((k) => k !== '$metadata'), [
      'scheduledQueryArn', 'name', 'description', 'queryLanguage', 'queryString', 'logGroupIdentifiers', 'scheduleExpression',
      'startTimeOffset', 'destinationConfiguration', 'state', 'scheduleType', 'executionRoleArn', 'creationTime', 'lastUpdatedTime',
    ]);
    assert.is(got.scheduleType, 'CUSTOMER_MANAGED');
    assert.equal(got.destinationConfiguration, input.destinationConfiguration);
    const byArn = await h().logs.send(new GetScheduledQueryCommand({ identifier: created.scheduledQueryArn }));
    assert.is(byArn.name, 'errors');
  });

  test('runs follow the schedule on engine time: Running, then Complete and delivered', async () => {
    const input = await setup(h());
    await h().logs.send(new CreateScheduledQueryCommand(input));
    const { creationTime } = await h().logs.send(new GetScheduledQueryCommand({ identifier: 'errors' }));
    assert.equal((await history(h(), 'errors')).triggerHistory, []);
    await advance(300);
    let [run] = (await history(h(), 'errors')).triggerHistory!;
    assert.is(run!.triggeredTimestamp, creationTime! + 300_000);
    assert.is(run!.executionStatus, 'Running');
    assert.equal(run!.destinations, [{ destinationType: 'S3', destinationIdentifier: 's3://results/errors', status: 'IN_PROGRESS' }]);
    await advance(2);
    [run] = (await history(h(), 'errors')).triggerHistory!;
    assert.is(run!.executionStatus, 'Complete');
    assert.equal(run!.destinations, [
      { destinationType: 'S3', destinationIdentifier: 's3://results/errors', status: 'COMPLETE', processedIdentifier: `s3://results/errors/${run!.queryId}.json` },
    ]);
    await advance(600);
    const h2 = await history(h(), 'errors');
    assert.equal(h2.triggerHistory!.map((r) => r.triggeredTimestamp), [creationTime! + 900_000, creationTime! + 600_000, creationTime! + 300_000]);
    assert.is(h2.name, 'errors');
    const got = await h().logs.send(new GetScheduledQueryCommand({ identifier: 'errors' }));
    assert.is(got.lastTriggeredTime, creationTime! + 900_000);
    assert.is(got.lastExecutionStatus, 'Complete');
    const page = await history(h(), 'errors', { maxResults: 2 });
    assert.is(page.triggerHistory!.length, 2);
    const rest = await history(h(), 'errors', { maxResults: 2, nextToken: page.nextToken });
    assert.equal(rest.triggerHistory!.map((r) => r.triggeredTimestamp), [creationTime! + 300_000]);
    const complete = await history(h(), 'errors', { executionStatuses: ['Complete'] });
    assert.is(complete.triggerHistory!.length, 3);
  });

  test('cron schedules run in their time zone', async () => {
    const input = await setup(h());
    await h().logs.send(new CreateScheduledQueryCommand({ ...input, scheduleExpression: 'cron(30 9 * * ? *)', timezone: 'America/New_York' }));
    await advance(86_400);
    const runs = (await history(h(), 'errors')).triggerHistory!;
    assert.is(runs.length, 1);
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    assert.is(local.format(new Date(runs[0]!.triggeredTimestamp!)), '09:30');
  });

  test('a query that does not compile runs as InvalidQuery; a missing bucket is a CLIENT_ERROR', async () => {
    const input = await setup(h());
    await h().logs.send(new CreateScheduledQueryCommand({ ...input, queryString: 'fields @message | sortt x' }));
    await h().logs.send(
      new CreateScheduledQueryCommand({
        ...input,
        name: 'nobucket',
        destinationConfiguration: { s3Configuration: { destinationIdentifier: 's3://missing/x', roleArn: ROLE } },
      }),
    );
    await advance(302);
    const [bad] = (await history(h(), 'errors')).triggerHistory!;
    assert.is(bad!.executionStatus, 'InvalidQuery');
    assert.is(bad!.errorMessage, 'unexpected symbol found sortt at line 1 and position 18');
    const [run] = (await history(h(), 'nobucket')).triggerHistory!;
    assert.is(run!.executionStatus, 'Complete');
    assert.equal(run!.destinations, [
      { destinationType: 'S3', destinationIdentifier: 's3://missing/x', status: 'CLIENT_ERROR', errorMessage: 'The bucket missing does not exist.' },
    ]);
  });

  test('update replaces the whole configuration; disabling stops runs, past runs stay', async () => {
    const input = await setup(h());
    await h().logs.send(new CreateScheduledQueryCommand({ ...input, description: 'd' }));
    await advance(302);
    const { name: _, ...config } = input;
    const updated = await h().logs.send(new UpdateScheduledQueryCommand({ ...config, identifier: 'errors', state: 'DISABLED' }));
    assert.is(updated.state, 'DISABLED');
    assert.is(updated.description, undefined);
    assert.is(updated.lastExecutionStatus, 'Complete');
    await advance(3600);
    const runs = (await history(h(), 'errors')).triggerHistory!;
    assert.equal(runs.map((r) => r.executionStatus), ['Complete']);
    const listed = await h().logs.send(new ListScheduledQueriesCommand({ state: 'ENABLED' }));
    assert.equal(listed.scheduledQueries, []);
  });

  test('list: by name, by state, paged', async () => {
    const input = await setup(h());
    for (const name of ['c', 'a', 'b']) await h().logs.send(new CreateScheduledQueryCommand({ ...input, name, state: name === 'b' ? 'DISABLED' : 'ENABLED' }));
    const all = await h().logs.send(new ListScheduledQueriesCommand({}));
    assert.equal(all.scheduledQueries!.map((q) => q.name), ['a', 'b', 'c']);
    assert.equal(Object.keys(all.scheduledQueries![0]!), [
      'scheduledQueryArn', 'name', 'state', 'scheduleType', 'scheduleExpression', 'destinationConfiguration', 'creationTime', 'lastUpdatedTime',
    ]);
    assert.equal((await h().logs.send(new ListScheduledQueriesCommand({ state: 'DISABLED' }))).scheduledQueries!.map((q) => q.name), ['b']);
    const page = await h().logs.send(new ListScheduledQueriesCommand({ maxResults: 2 }));
    const rest = await h().logs.send(new ListScheduledQueriesCommand({ maxResults: 2, nextToken: page.nextToken }));
    assert.equal(rest.scheduledQueries!.map((q) => q.name), ['c']);
  });

  test('the documented rules, with their errors', async () => {
    const input = await setup(h());
    await h().logs.send(new CreateScheduledQueryCommand(input));
    const create = (extra: Partial<CreateScheduledQueryCommandInput>) => rejects(() => h().logs.send(new CreateScheduledQueryCommand({ ...input, name: 'other', ...extra })));
    let e = await rejects(() => h().logs.send(new CreateScheduledQueryCommand(input)));
    assert.is(e.name, 'ConflictException');
    assert.is(e.message, 'A scheduled query with name errors already exists.');
    e = await create({ scheduleExpression: 'every 5 minutes' });
    assert.is(e.name, 'ValidationException');
    assert.is(e.message, 'Invalid schedule expression: every 5 minutes. Use a cron() or rate() expression.');
    e = await create({ scheduleExpression: 'rate(1 minutes)' });
    assert.is(e.name, 'ValidationException');
    e = await create({ timezone: 'Mars/Olympus' });
    assert.is(e.message, 'Invalid timezone: Mars/Olympus');
    e = await create({ startTimeOffset: 60, endTimeOffset: 60 });
    assert.is(e.message, 'endTimeOffset must be less than startTimeOffset.');
    e = await create({ scheduleStartTime: 2000, scheduleEndTime: 1000 });
    assert.is(e.message, 'scheduleEndTime must be after scheduleStartTime.');
    e = await create({ logGroupIdentifiers: ['nope'] });
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, "Log group 'nope' does not exist for account ID '123456789012'");
    e = await create({ executionRoleArn: 'not-a-role' });
    assert.is(e.message, 'Invalid executionRoleArn: not-a-role');
    for (const send of [
      () => h().logs.send(new GetScheduledQueryCommand({ identifier: 'nope' })),
      () => h().logs.send(new DeleteScheduledQueryCommand({ identifier: 'nope' })),
      () => history(h(), 'nope'),
    ]) {
      e = await rejects(send);
      assert.is(e.name, 'ResourceNotFoundException');
      assert.is(e.message, 'Scheduled query nope does not exist.');
    }
  });

  test('delete: gone from get and list', async () => {
    const input = await setup(h());
    const { scheduledQueryArn } = await h().logs.send(new CreateScheduledQueryCommand(input));
    await h().logs.send(new DeleteScheduledQueryCommand({ identifier: scheduledQueryArn }));
    assert.equal((await h().logs.send(new ListScheduledQueriesCommand({}))).scheduledQueries, []);
    const e = await rejects(() => h().logs.send(new GetScheduledQueryCommand({ identifier: 'errors' })));
    assert.is(e.name, 'ResourceNotFoundException');
  });
});

const persistence = suite('logs insights scheduled queries: persistence');
for (const transport of TRANSPORTS) {
  persistence(`scheduled queries and their runs survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-scheduled-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await h.logs.send(new CreateScheduledQueryCommand(await setup(h)));
      await h.admin('POST /_engine/clock', { advanceSeconds: 302 });
      const before = (await history(h, 'errors')).triggerHistory;
      await h.close();
      h = await harness(transport, { stateDir: dir });
      assert.equal((await history(h, 'errors')).triggerHistory, before);
      assert.is((await h.logs.send(new GetScheduledQueryCommand({ identifier: 'errors' }))).scheduleExpression, 'rate(5 minutes)');
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
persistence.run();
