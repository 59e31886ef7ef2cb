import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateChannelCommand,
  CreateDashboardCommand,
  CreateEventDataStoreCommand,
  DeregisterOrganizationDelegatedAdminCommand,
  EnableFederationCommand,
  GenerateQueryCommand,
  GetChannelCommand,
  GetDashboardCommand,
  GetEventConfigurationCommand,
  GetEventDataStoreCommand,
  GetResourcePolicyCommand,
  PutEventConfigurationCommand,
  PutResourcePolicyCommand,
  RegisterOrganizationDelegatedAdminCommand,
  StartDashboardRefreshCommand,
  StartQueryCommand,
  DescribeQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { harness, TRANSPORTS } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/federation`;
const test = suite('cloudtrail Lake state across a restart');
const dirs: string[] = [];
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

for (const transport of TRANSPORTS) {
  test(`channels, policies, dashboards, federation, generated queries and admins survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-lake-'));
    dirs.push(dir);
    let h = await harness(transport, { stateDir: dir });
    await h.admin('POST /_engine/externals', { iamRoles: [ROLE] });
    await h.admin('POST /_engine/organization', { account: ACCOUNT, managementAccount: true, organizationId: 'o-abc1234567' });
    await h.admin('POST /_engine/organization', { account: '210987654321', managementAccount: false, organizationId: 'o-abc1234567' });
    const store = (await h.trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt' }))).EventDataStoreArn!;
    const audit = (await h.trail.send(new CreateEventDataStoreCommand({
      Name: 'audit', MultiRegionEnabled: false, AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
    }))).EventDataStoreArn!;
    const channel = (await h.trail.send(new CreateChannelCommand({ Name: 'partner', Source: 'Custom', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: audit }] }))).ChannelArn!;
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'cloudtrail:StartQuery' }] });
    await h.trail.send(new PutResourcePolicyCommand({ ResourceArn: store, ResourcePolicy: doc }));
    await h.trail.send(new EnableFederationCommand({ EventDataStore: store, FederationRoleArn: ROLE }));
    await h.trail.send(new PutEventConfigurationCommand({ EventDataStore: store, MaxEventSize: 'Large' }));
    await h.trail.send(new CreateDashboardCommand({
      Name: 'ops', Widgets: [{ QueryStatement: `SELECT eventName FROM ${store.split('/')[1]}`, ViewProperties: { View: 'Table' } }],
    }));
    const refresh = await h.trail.send(new StartDashboardRefreshCommand({ DashboardId: 'ops' }));
    const generated = await h.trail.send(new GenerateQueryCommand({ EventDataStores: [store], Prompt: 'count events by event name' }));
    await h.trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' }));
    await h.close();

    h = await harness(transport, { stateDir: dir });
    assert.is((await h.trail.send(new GetChannelCommand({ Channel: channel }))).Name, 'partner');
    assert.is((await h.trail.send(new GetResourcePolicyCommand({ ResourceArn: store }))).ResourcePolicy, doc);
    assert.is((await h.trail.send(new GetEventDataStoreCommand({ EventDataStore: store }))).FederationRoleArn, ROLE);
    assert.is((await h.trail.send(new GetEventConfigurationCommand({ EventDataStore: store }))).MaxEventSize, 'Large');
    const dashboard = await h.trail.send(new GetDashboardCommand({ DashboardId: 'ops' }));
    assert.is(dashboard.LastRefreshId, refresh.RefreshId);
    const widgetQuery = await h.trail.send(new DescribeQueryCommand({ QueryAlias: 'Dashboard-ops-Widget-1', RefreshId: refresh.RefreshId }));
    assert.ok(widgetQuery.QueryId);
    assert.ok((await h.trail.send(new StartQueryCommand({ QueryAlias: generated.QueryAlias }))).QueryId);
    await h.trail.send(new DeregisterOrganizationDelegatedAdminCommand({ DelegatedAdminAccountId: '210987654321' }));
    await h.close();
  });
}

test.run();
