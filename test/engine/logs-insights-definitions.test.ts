import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteQueryDefinitionCommand,
  DescribeQueryDefinitionsCommand,
  PutQueryDefinitionCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, harness, rejects, TRANSPORTS } from '../helpers/harness.js';
import { suite } from 'uvu';
import {
  CreateLogGroupCommand,
  DescribeQueriesCommand,
  GetQueryResultsCommand,
  ListScheduledQueriesCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { emptyCloudTrailState } from '../../src/engine/cloudtrail/state.js';
import { emptyExternals, type WorldData } from '../../src/engine/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

forEachTransport('logs insights query definitions', (test, h) => {
  const describe = async (input = {}) => (await h().logs.send(new DescribeQueryDefinitionsCommand(input))).queryDefinitions ?? [];

  test('create, then update by id with PUT semantics', async () => {
    const { queryDefinitionId } = await h().logs.send(
      new PutQueryDefinitionCommand({
        name: 'errors/recent',
        queryString: 'fields @message | filter @message like /ERROR/',
        logGroupNames: ['app', 'web'],
        parameters: [{ name: 'level', defaultValue: 'ERROR', description: 'the level' }],
      }),
    );
    assert.match(queryDefinitionId ?? '', UUID);
    let [d] = await describe();
    assert.equal(Object.keys(d!), ['queryLanguage', 'queryDefinitionId', 'name', 'queryString', 'lastModified', 'logGroupNames', 'parameters']);
    assert.is(d!.queryLanguage, 'CWLI');
    assert.equal(d!.logGroupNames, ['app', 'web']);
    assert.equal(d!.parameters, [{ name: 'level', defaultValue: 'ERROR', description: 'the level' }]);
    const again = await h().logs.send(new PutQueryDefinitionCommand({ queryDefinitionId, name: 'errors/all', queryString: 'fields @message' }));
    assert.is(again.queryDefinitionId, queryDefinitionId);
    const all = await describe();
    assert.is(all.length, 1);
    d = all[0];
    assert.is(d!.name, 'errors/all');
    assert.is(d!.logGroupNames, undefined);
    assert.is(d!.parameters, undefined);
  });

  test('an update names an existing definition', async () => {
    const e = await rejects(() =>
      h().logs.send(new PutQueryDefinitionCommand({ queryDefinitionId: 'nope', name: 'x', queryString: 'fields @message' })),
    );
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified query definition does not exist.');
  });

  test('a create retried with its clientToken makes one definition', async () => {
    const clientToken = '0123456789abcdef0123456789abcdef0123';
    const a = await h().logs.send(new PutQueryDefinitionCommand({ name: 'q', queryString: 'fields @message', clientToken }));
    const b = await h().logs.send(new PutQueryDefinitionCommand({ name: 'q', queryString: 'fields @message', clientToken }));
    assert.is(a.queryDefinitionId, b.queryDefinitionId);
    assert.is((await describe()).length, 1);
  });

  test('describe: by name, filtered by prefix and language, paged', async () => {
    for (const name of ['b/two', 'a/one', 'b/one']) await h().logs.send(new PutQueryDefinitionCommand({ name, queryString: 'fields @message' }));
    await h().logs.send(new PutQueryDefinitionCommand({ name: 'b/sql', queryString: 'SELECT * FROM `app`', queryLanguage: 'SQL' }));
    assert.equal((await describe()).map((d) => d.name), ['a/one', 'b/one', 'b/sql', 'b/two']);
    assert.equal((await describe({ queryDefinitionNamePrefix: 'b/' })).map((d) => d.name), ['b/one', 'b/sql', 'b/two']);
    assert.equal((await describe({ queryLanguage: 'SQL' })).map((d) => d.name), ['b/sql']);
    const page = await h().logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 3 }));
    assert.equal(page.queryDefinitions!.map((d) => d.name), ['a/one', 'b/one', 'b/sql']);
    const rest = await h().logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 3, nextToken: page.nextToken }));
    assert.equal(rest.queryDefinitions!.map((d) => d.name), ['b/two']);
    assert.is(rest.nextToken, undefined);
    const e = await rejects(() => h().logs.send(new DescribeQueryDefinitionsCommand({ nextToken: 'forged' })));
    assert.is(e.name, 'InvalidParameterException');
    assert.is(e.message, 'The specified nextToken is invalid.');
  });

  test('delete: success, then ResourceNotFoundException', async () => {
    const { queryDefinitionId } = await h().logs.send(new PutQueryDefinitionCommand({ name: 'q', queryString: 'fields @message' }));
    assert.equal((await h().logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId }))).success, true);
    assert.equal(await describe(), []);
    const e = await rejects(() => h().logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified query definition does not exist.');
  });

  test('at most 1000 definitions; updating one at the limit still works', async () => {
    let last = '';
    for (let i = 0; i < 1000; i++) {
      last = (await h().logs.send(new PutQueryDefinitionCommand({ name: `q${i}`, queryString: 'fields @message' }))).queryDefinitionId!;
    }
    const e = await rejects(() => h().logs.send(new PutQueryDefinitionCommand({ name: 'one more', queryString: 'fields @message' })));
    assert.is(e.name, 'LimitExceededException');
    assert.is(e.message, 'Resource limit exceeded.');
    await h().logs.send(new PutQueryDefinitionCommand({ queryDefinitionId: last, name: 'renamed', queryString: 'fields @message' }));
  });
});

const persistence = suite('logs insights query definitions: persistence');
for (const transport of TRANSPORTS) {
  persistence(`definitions survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-insights-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      const { queryDefinitionId } = await h.logs.send(new PutQueryDefinitionCommand({ name: 'kept', queryString: 'fields @message', logGroupNames: ['app'] }));
      await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
      const now = Math.floor(h.engine.now() / 1000);
      const { queryId } = await h.logs.send(new StartQueryCommand({ logGroupName: 'app', startTime: now - 60, endTime: now + 1, queryString: 'stats count(*)' }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const defs = (await h.logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions!;
      assert.equal(defs.map((d) => [d.queryDefinitionId, d.name, d.logGroupNames]), [[queryDefinitionId, 'kept', ['app']]]);
      // Queries and their results are kept in the state too (AWS keeps results for days).
      await h.admin('POST /_engine/clock', { advanceSeconds: 2 });
      const results = await h.logs.send(new GetQueryResultsCommand({ queryId }));
      assert.is(results.status, 'Complete');
      assert.equal(results.results, []);
      assert.equal((await h.logs.send(new DescribeQueriesCommand({}))).queries!.map((q) => q.queryId), [queryId]);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
persistence('a world saved before Logs Insights (no definitions, queries or scheduled queries) still serves', async () => {
  const logs = { logGroups: {}, destinations: {}, resourcePolicies: {}, exportTasks: {} };
  const world: WorldData = {
    accounts: { '123456789012': { regions: { 'us-east-1': { logs, cloudtrail: emptyCloudTrailState(), externals: emptyExternals() } } } },
    clockOffsetMs: 0,
  };
  const h = await harness('in-process', { world });
  try {
    assert.equal((await h.logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions, []);
    assert.equal((await h.logs.send(new DescribeQueriesCommand({}))).queries, []);
    assert.equal((await h.logs.send(new ListScheduledQueriesCommand({}))).scheduledQueries, []);
    await h.logs.send(new PutQueryDefinitionCommand({ name: 'new', queryString: 'fields @message' }));
    assert.is((await h.logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions!.length, 1);
  } finally {
    await h.close();
  }
});
persistence.run();
