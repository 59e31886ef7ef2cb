import * as assert from 'uvu/assert';
import {
  CreateChannelCommand,
  CreateDashboardCommand,
  CreateEventDataStoreCommand,
  DeleteResourcePolicyCommand,
  DeregisterOrganizationDelegatedAdminCommand,
  GetResourcePolicyCommand,
  PutResourcePolicyCommand,
  RegisterOrganizationDelegatedAdminCommand,
} from '@aws-sdk/client-cloudtrail';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const ORG = 'o-abc1234567';

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const queryAccess = (resource: string) =>
  policy([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] }, Action: ['cloudtrail:StartQuery', 'cloudtrail:GetQueryResults'], Resource: resource }]);

async function channel(h: Harness): Promise<string> {
  const store = await h.trail.send(new CreateEventDataStoreCommand({
    Name: 'audit', MultiRegionEnabled: false, AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['ActivityAuditLog'] }] }],
  }));
  const out = await h.trail.send(new CreateChannelCommand({ Name: 'partner', Source: 'Custom', Destinations: [{ Type: 'EVENT_DATA_STORE', Location: store.EventDataStoreArn! }] }));
  return out.ChannelArn!;
}

forEachTransport('cloudtrail resource policies', (test, h) => {
  test('put, get and delete a store policy', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt' }))).EventDataStoreArn!;
    let e = await rejects(() => h().trail.send(new GetResourcePolicyCommand({ ResourceArn: arn })));
    assert.is(e.name, 'ResourcePolicyNotFoundException');
    assert.is(e.$metadata.httpStatusCode, 404);
    const doc = queryAccess(arn);
    const put = await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: doc }));
    assert.is(put.ResourceArn, arn);
    assert.is(put.ResourcePolicy, doc);
    assert.is((await h().trail.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).ResourcePolicy, doc);
    await h().trail.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }));
    e = await rejects(() => h().trail.send(new DeleteResourcePolicyCommand({ ResourceArn: arn })));
    assert.is(e.name, 'ResourcePolicyNotFoundException');
  });

  test('documents break the rules of their resource type', async () => {
    const arn = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'mgmt' }))).EventDataStoreArn!;
    const bad = async (doc: string, detail: string) => {
      const e = await rejects(() => h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: doc })));
      assert.is(e.name, 'ResourcePolicyNotValidException');
      assert.is(e.message, `Resource policy is not valid: ${detail}`);
    };
    await bad('{not json', 'the policy is not valid JSON.');
    await bad(policy([]), 'the policy must contain at least one statement.');
    await bad(policy(Array.from({ length: 21 }, () => JSON.parse(queryAccess(arn)).Statement[0])), 'the policy can have at most 20 statements.');
    await bad(policy([{ Effect: 'Allow', Principal: { AWS: 'bob' }, Action: 'cloudtrail:StartQuery' }]), 'principal bob is not valid.');
    await bad(
      policy([{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 51 }, (_, i) => String(100000000000 + i)) }, Action: 'cloudtrail:StartQuery' }]),
      'a statement can have at most 50 principals.',
    );
    await bad(
      policy([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'cloudtrail:DeleteEventDataStore' }]),
      'action cloudtrail:DeleteEventDataStore is not supported for a eventdatastore policy; supported: cloudtrail:StartQuery, cloudtrail:CancelQuery, cloudtrail:ListQueries, cloudtrail:DescribeQuery, cloudtrail:GetQueryResults, cloudtrail:GenerateQuery, cloudtrail:GenerateQueryResultsSummary, cloudtrail:GetEventDataStore.',
    );
    await bad(
      policy([{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['cloudtrail:StartQuery', 'cloudtrail:ListQueries'] }]),
      'a statement for cloudtrail.amazonaws.com can allow only cloudtrail:StartQuery.',
    );
    // The documented dashboard statement is accepted on a store.
    const dashboardStatement = policy([{
      Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['cloudtrail:StartQuery'],
      Resource: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/*`,
      Condition: { StringLike: { 'AWS:SourceArn': [`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/ops`], 'AWS:SourceAccount': ACCOUNT } },
    }]);
    await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: dashboardStatement }));
  });

  test('channel policies allow PutAuditEvents on that channel only', async () => {
    const arn = await channel(h());
    const doc = policy([{ Sid: 'ChannelPolicy', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: 'cloudtrail-data:PutAuditEvents', Resource: arn }]);
    await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: doc }));
    const other = policy([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'cloudtrail-data:PutAuditEvents', Resource: `${arn}x` }]);
    const e = await rejects(() => h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: other })));
    assert.is(e.name, 'ResourcePolicyNotValidException');
    assert.is(e.message, `Resource policy is not valid: the Resource must be the ARN of the channel the policy is attached to, ${arn}.`);
  });

  test('dashboard policies allow CloudTrail to refresh the dashboard', async () => {
    const arn = (await h().trail.send(new CreateDashboardCommand({ Name: 'ops' }))).DashboardArn!;
    const doc = policy([{
      Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['cloudtrail:StartDashboardRefresh'],
      Resource: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': arn, 'AWS:SourceAccount': ACCOUNT } },
    }]);
    await h().trail.send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: doc }));
    assert.is((await h().trail.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).ResourcePolicy, doc);
    const managed = await rejects(() => h().trail.send(new PutResourcePolicyCommand({ ResourceArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/AWSCloudTrail-Overview`, ResourcePolicy: doc })));
    assert.is(managed.name, 'UnsupportedOperationException');
  });

  test('resource ARNs: malformed, missing, and of unsupported types', async () => {
    const check = async (arn: string, name: string) => {
      const e = await rejects(() => h().trail.send(new GetResourcePolicyCommand({ ResourceArn: arn })));
      assert.is(e.name, name, arn);
    };
    await check('not-an-arn', 'ResourceARNNotValidException');
    await check(`arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/00000000-0000-0000-0000-000000000000`, 'ResourceARNNotValidException');
    await check(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/00000000-0000-0000-0000-000000000000`, 'ResourceNotFoundException');
    await check(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:channel/00000000-0000-0000-0000-000000000000`, 'ResourceNotFoundException');
    await check(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:dashboard/nothing`, 'ResourceNotFoundException');
    await check(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/t1`, 'ResourceTypeNotSupportedException');
  });

  test('delegated administrators: registered by the management account, reflected on organization stores', async () => {
    const admin = h().clients({ accessKeyId: '210987654321' }).trail;
    let e = await rejects(() => h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' })));
    assert.is(e.name, 'OrganizationsNotInUseException');
    await h().admin('POST /_engine/organization', { account: ACCOUNT, managementAccount: true, organizationId: ORG });
    e = await rejects(() => h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' })));
    assert.is(e.name, 'AccountNotFoundException');
    await h().admin('POST /_engine/organization', { account: '210987654321', managementAccount: false, organizationId: ORG });
    e = await rejects(() => admin.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' })));
    assert.is(e.name, 'NotOrganizationManagementAccountException');
    assert.is(e.$metadata.httpStatusCode, 403);
    e = await rejects(() => h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: ACCOUNT })));
    assert.is(e.name, 'CannotDelegateManagementAccountException');
    const store = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'org', OrganizationEnabled: true }))).EventDataStoreArn!;
    e = await rejects(() => h().trail.send(new GetResourcePolicyCommand({ ResourceArn: store })));
    assert.is(e.name, 'ResourcePolicyNotFoundException');
    await h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' }));
    e = await rejects(() => h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: '210987654321' })));
    assert.is(e.name, 'AccountRegisteredException');
    const generated = JSON.parse((await h().trail.send(new GetResourcePolicyCommand({ ResourceArn: store }))).DelegatedAdminResourcePolicy!);
    assert.equal(generated.Statement[0].Principal, { AWS: ['arn:aws:iam::210987654321:root'] });
    assert.is(generated.Statement[0].Resource, store);
    await h().trail.send(new DeregisterOrganizationDelegatedAdminCommand({ DelegatedAdminAccountId: '210987654321' }));
    e = await rejects(() => h().trail.send(new DeregisterOrganizationDelegatedAdminCommand({ DelegatedAdminAccountId: '210987654321' })));
    assert.is(e.name, 'AccountNotRegisteredException');
  });

  test('an organization has at most three delegated administrators', async () => {
    await h().admin('POST /_engine/organization', { account: ACCOUNT, managementAccount: true, organizationId: ORG });
    const members = ['100000000001', '100000000002', '100000000003', '100000000004'];
    for (const m of members) await h().admin('POST /_engine/organization', { account: m, managementAccount: false, organizationId: ORG });
    for (const m of members.slice(0, 3)) await h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: m }));
    const e = await rejects(() => h().trail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: members[3]! })));
    assert.is(e.name, 'DelegatedAdminAccountLimitExceededException');
  });
});
