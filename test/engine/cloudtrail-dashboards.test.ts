import * as assert from 'uvu/assert';
import {
  AddTagsCommand,
  CreateDashboardCommand,
  CreateEventDataStoreCommand,
  DeleteDashboardCommand,
  DescribeQueryCommand,
  GetDashboardCommand,
  GetQueryResultsCommand,
  ListDashboardsCommand,
  ListTagsCommand,
  PutResourcePolicyCommand,
  StartDashboardRefreshCommand,
  StartQueryCommand,
  UpdateDashboardCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const dashboardArn = (name: string) => `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/${name}`;

/** The documented statement that lets CloudTrail query a store for the named dashboards. */
const queryForDashboards = (...names: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['cloudtrail:StartQuery'],
      Resource: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/*`,
      Condition: { StringLike: { 'AWS:SourceArn': names.map(dashboardArn), 'AWS:SourceAccount': ACCOUNT } },
    }],
  });

async function store(h: Harness): Promise<{ arn: string; id: string }> {
  const arn = (await h.trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt' }))).EventDataStoreArn!;
  return { arn, id: arn.split('/')[1]! };
}

const widget = (id: string) => ({
  QueryStatement: `SELECT eventName, COUNT(*) AS calls FROM ${id} WHERE eventTime >= '?' AND eventTime <= '?' GROUP BY eventName ORDER BY calls DESC`,
  QueryParameters: ['$StartTime$', '$EndTime$'],
  ViewProperties: { View: 'Table', Title: 'Calls' },
});

forEachTransport('cloudtrail dashboards', (test, h) => {
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });

  test('create, get, update, list and delete a custom dashboard', async () => {
    const { id } = await store(h());
    const created = await h().trail.send(new CreateDashboardCommand({
      Name: 'ops', Widgets: [widget(id)], TagsList: [{ Key: 'team', Value: 'sre' }],
      RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 }, Status: 'ENABLED', TimeOfDay: '03:30' },
    }));
    assert.is(created.DashboardArn, dashboardArn('ops'));
    assert.is(created.Type, 'CUSTOM');
    assert.is(created.TerminationProtectionEnabled, false);
    assert.is(created.Widgets![0]!.QueryAlias, 'Dashboard-ops-Widget-1');
    assert.equal(created.TagsList, [{ Key: 'team', Value: 'sre' }]);
    const got = await h().trail.send(new GetDashboardCommand({ DashboardId: 'ops' }));
    assert.equal([got.Status, got.Type, got.RefreshSchedule?.Frequency], ['CREATED', 'CUSTOM', { Unit: 'HOURS', Value: 6 }]);
    assert.ok(got.CreatedTimestamp instanceof Date);
    const updated = await h().trail.send(new UpdateDashboardCommand({ DashboardId: dashboardArn('ops'), Widgets: [widget(id), widget(id)], TerminationProtectionEnabled: true }));
    assert.is(updated.Widgets!.length, 2);
    assert.is((await h().trail.send(new GetDashboardCommand({ DashboardId: 'ops' }))).Status, 'UPDATED');
    let e = await rejects(() => h().trail.send(new DeleteDashboardCommand({ DashboardId: 'ops' })));
    assert.is(e.name, 'ConflictException');
    assert.is(e.$metadata.httpStatusCode, 409);
    await h().trail.send(new AddTagsCommand({ ResourceId: dashboardArn('ops'), TagsList: [{ Key: 'env', Value: 'prod' }] }));
    const tags = await h().trail.send(new ListTagsCommand({ ResourceIdList: [dashboardArn('ops')] }));
    assert.equal(tags.ResourceTagList![0]!.TagsList, [{ Key: 'team', Value: 'sre' }, { Key: 'env', Value: 'prod' }]);
    const list = await h().trail.send(new ListDashboardsCommand({}));
    assert.equal(list.Dashboards, [
      { DashboardArn: dashboardArn('AWSCloudTrail-Overview'), Type: 'MANAGED' },
      { DashboardArn: dashboardArn('ops'), Type: 'CUSTOM' },
    ]);
    await h().trail.send(new UpdateDashboardCommand({ DashboardId: 'ops', TerminationProtectionEnabled: false }));
    await h().trail.send(new DeleteDashboardCommand({ DashboardId: 'ops' }));
    e = await rejects(() => h().trail.send(new GetDashboardCommand({ DashboardId: 'ops' })));
    assert.is(e.name, 'ResourceNotFoundException');
  });

  test('widgets, schedules and names are checked', async () => {
    const { id } = await store(h());
    const create = (input: Record<string, unknown>) => rejects(() => h().trail.send(new CreateDashboardCommand({ Name: 'dash1', ...input })));
    let e = await create({ Widgets: [{ ...widget(id), QueryStatement: `SELECT eventName FROM ${id} WHERE eventTime >= '?' AND eventTime <= '?' AND` }] });
    assert.is(e.name, 'InvalidQueryStatementException');
    e = await create({ Widgets: [{ ...widget(id), QueryStatement: 'SELECT eventName FROM 00000000-0000-0000-0000-000000000000' , QueryParameters: undefined }] });
    assert.is(e.name, 'EventDataStoreNotFoundException');
    e = await create({ Widgets: [{ ...widget(id), QueryParameters: ['$StartTime$'] }] });
    assert.is(e.name, 'InvalidParameterException');
    e = await create({ Widgets: [{ ...widget(id), QueryParameters: ['$StartTime$', '$Tomorrow$'] }] });
    assert.is(e.message, 'Query parameter $Tomorrow$ is not valid. Valid query parameters are $StartTime$, $EndTime$, $Period$.');
    e = await create({ Widgets: Array.from({ length: 11 }, () => widget(id)) });
    assert.is(e.name, 'ServiceQuotaExceededException');
    e = await create({ RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 5 }, Status: 'ENABLED' } });
    assert.is(e.message, 'The refresh schedule Frequency must be 1, 6, 12, or 24 HOURS, or 1 DAYS.');
    e = await create({ RefreshSchedule: { Frequency: { Unit: 'DAYS', Value: 1 }, Status: 'ENABLED', TimeOfDay: '25:00' } });
    assert.is(e.name, 'InvalidParameterException');
    e = await rejects(() => h().trail.send(new CreateDashboardCommand({ Name: 'AWSCloudTrail-Mine' })));
    assert.is(e.name, 'InvalidParameterException');
    await h().trail.send(new CreateDashboardCommand({ Name: 'dash1' }));
    e = await rejects(() => h().trail.send(new CreateDashboardCommand({ Name: 'dash1' })));
    assert.is(e.name, 'ConflictException');
    e = await rejects(() => h().trail.send(new CreateDashboardCommand({ Name: 'AWSCloudTrail-Highlights' })));
    assert.is(e.message, 'The Highlights dashboard needs an ENABLED refresh schedule with a Frequency of 6 HOURS.');
    const hl = await h().trail.send(new CreateDashboardCommand({
      Name: 'AWSCloudTrail-Highlights', RefreshSchedule: { Frequency: { Unit: 'HOURS', Value: 6 }, Status: 'ENABLED' },
    }));
    assert.is(hl.Type, 'MANAGED');
    assert.ok(hl.Widgets!.length > 0);
    const managed = await h().trail.send(new ListDashboardsCommand({ Type: 'MANAGED' }));
    assert.equal(managed.Dashboards!.map((d) => d.DashboardArn), [dashboardArn('AWSCloudTrail-Highlights'), dashboardArn('AWSCloudTrail-Overview')]);
    e = await rejects(() => h().trail.send(new DeleteDashboardCommand({ DashboardId: 'AWSCloudTrail-Overview' })));
    assert.is(e.name, 'UnsupportedOperationException');
  });

  test('a refresh runs each widget query, allowed by the store policy', async () => {
    const { arn, id } = await store(h());
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: '/x' }));
    await h().trail.send(new CreateDashboardCommand({ Name: 'ops', Widgets: [widget(id)] }));
    const denied = await h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'ops' }));
    assert.match(denied.RefreshId!, /^\d{13}$/);
    const failed = await h().trail.send(new DescribeQueryCommand({ QueryAlias: 'Dashboard-ops-Widget-1', RefreshId: denied.RefreshId }));
    assert.is(failed.QueryStatus, 'FAILED');
    assert.match(failed.ErrorMessage!, /^CloudTrail is not authorized to run queries on event data store/);
    await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: queryForDashboards('ops') }));
    const start = new Date(h().engine.now() - 3600e3).toISOString().slice(0, 19) + 'Z';
    const ok = await h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'ops', QueryParameterValues: { $StartTime$: start } }));
    const busy = await rejects(() => h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'ops' })));
    assert.is(busy.name, 'ServiceQuotaExceededException');
    await advance(3);
    const described = await h().trail.send(new DescribeQueryCommand({ QueryAlias: 'Dashboard-ops-Widget-1', RefreshId: ok.RefreshId }));
    assert.is(described.QueryStatus, 'FINISHED');
    const rows = (await h().trail.send(new GetQueryResultsCommand({ QueryId: described.QueryId }))).QueryResultRows!;
    assert.ok(rows.some((r) => r[0]!.eventName === 'CreateLogGroup'), JSON.stringify(rows));
    assert.is((await h().trail.send(new GetDashboardCommand({ DashboardId: 'ops' }))).LastRefreshId, ok.RefreshId);
    const e = await rejects(() => h().trail.send(new DescribeQueryCommand({ QueryAlias: 'Dashboard-ops-Widget-1', RefreshId: '1234567890' })));
    assert.is(e.name, 'QueryIdNotFoundException');
    const { QueryId } = await h().trail.send(new StartQueryCommand({ QueryAlias: 'Dashboard-ops-Widget-1', QueryParameters: ['2026-01-01', '2030-01-01'] }));
    assert.ok(QueryId);
  });

  test('managed dashboards refresh for the store named by $EventDataStoreId$', async () => {
    const { arn, id } = await store(h());
    let e = await rejects(() => h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'AWSCloudTrail-Overview' })));
    assert.is(e.message, 'The $EventDataStoreId$ query parameter is required to refresh managed dashboard AWSCloudTrail-Overview.');
    e = await rejects(() =>
      h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'AWSCloudTrail-Overview', QueryParameterValues: { $EventDataStoreId$: '00000000-0000-0000-0000-000000000000' } })),
    );
    assert.is(e.name, 'EventDataStoreNotFoundException');
    await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: queryForDashboards('AWSCloudTrail-Overview') }));
    const out = await h().trail.send(new StartDashboardRefreshCommand({ DashboardId: 'AWSCloudTrail-Overview', QueryParameterValues: { $EventDataStoreId$: id } }));
    await advance(3);
    const q = await h().trail.send(new DescribeQueryCommand({ QueryAlias: 'Overview-TopEventSources', RefreshId: out.RefreshId }));
    assert.is(q.QueryStatus, 'FINISHED');
    assert.match(q.QueryString!, new RegExp(`FROM ${id} WHERE`));
    const got = await h().trail.send(new GetDashboardCommand({ DashboardId: 'AWSCloudTrail-Overview' }));
    assert.is(got.LastRefreshId, out.RefreshId);
    assert.is(got.CreatedTimestamp, undefined);
  });

  test('list pages by name with prefix and type filters', async () => {
    for (const n of ['team-c', 'team-a', 'team-b', 'other']) await h().trail.send(new CreateDashboardCommand({ Name: n }));
    const p1 = await h().trail.send(new ListDashboardsCommand({ NamePrefix: 'team', MaxResults: 2 }));
    assert.equal(p1.Dashboards!.map((d) => d.DashboardArn), [dashboardArn('team-a'), dashboardArn('team-b')]);
    const p2 = await h().trail.send(new ListDashboardsCommand({ NamePrefix: 'team', MaxResults: 2, NextToken: p1.NextToken }));
    assert.equal(p2.Dashboards!.map((d) => d.DashboardArn), [dashboardArn('team-c')]);
    assert.is(p2.NextToken, undefined);
    const e = await rejects(() => h().trail.send(new ListDashboardsCommand({ NamePrefix: 'oth', NextToken: p1.NextToken })));
    assert.is(e.name, 'InvalidParameterException');
    assert.equal((await h().trail.send(new ListDashboardsCommand({ Type: 'CUSTOM', NamePrefix: 'oth' }))).Dashboards!.length, 1);
  });
});
