import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteSyslogConfigurationCommand,
  DescribeLogGroupsCommand,
  GetStorageTierPolicyCommand,
  ListSyslogConfigurationsCommand,
  PutBearerTokenAuthenticationCommand,
  PutStorageTierPolicyCommand,
  PutSyslogConfigurationCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const groupArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
const E1 = 'vpce-0a1b2c3d';
const E2 = 'vpce-0f0f0f0f';

forEachTransport('logs: syslog configurations and bearer tokens', (test, h) => {
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };
  const put = (logGroupIdentifier: string, vpcEndpointId?: string) =>
    h().logs.send(new PutSyslogConfigurationCommand({ logGroupIdentifier, vpcEndpointId }));
  const list = async (input: Record<string, unknown> = {}) =>
    (await h().logs.send(new ListSyslogConfigurationsCommand(input))).syslogConfigurations!;
  const setup = async () => {
    for (const name of ['fw', 'routers']) await h().logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await h().admin('POST /_engine/externals', { vpcEndpoints: [E1, E2] });
  };

  test('put by name or ARN, list with filters', async () => {
    await setup();
    const before = h().engine.now();
    await put('fw', E1);
    await put(groupArn('routers'), E2);
    await put('fw', E1); // the same pair again changes nothing
    const all = await list();
    assert.equal(all.map((c) => [c.logGroupArn, c.sourceType, c.vpcEndpointId]), [
      [groupArn('fw'), 'VPCE', E1],
      [groupArn('routers'), 'VPCE', E2],
    ]);
    assert.ok(all[0]!.createdAt! >= before);
    assert.equal((await list({ logGroupIdentifier: 'routers' })).map((c) => c.vpcEndpointId), [E2]);
    assert.equal((await list({ vpcEndpointId: E1 })).map((c) => c.logGroupArn), [groupArn('fw')]);
    assert.equal(await list({ logGroupIdentifier: 'fw', vpcEndpointId: E2 }), []);
  });

  test('the group and the endpoint must exist; an endpoint feeds one group', async () => {
    await setup();
    await expectError(() => put('nope', E1), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(() => put('fw', 'vpce-99'), 'ResourceNotFoundException', 'The specified VPC endpoint does not exist: vpce-99');
    await expectError(() => put('fw'), 'InvalidParameterException', 'A vpcEndpointId is required to create a syslog configuration.');
    await put('fw', E1);
    await expectError(() => put('routers', E1), 'InvalidOperationException', `The VPC endpoint ${E1} is already associated with log group fw.`);
    const e = await rejects(() => put('fw', 'vpce-XYZ'));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /at 'vpcEndpointId' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await expectError(() => list({ logGroupIdentifier: 'nope' }), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  test('delete one endpoint or all of a group; deleting the group ends its configurations', async () => {
    await setup();
    await h().admin('POST /_engine/externals', { vpcEndpoints: ['vpce-03'] });
    await put('fw', E1);
    await put('fw', E2);
    await put('routers', 'vpce-03');
    await h().logs.send(new DeleteSyslogConfigurationCommand({ logGroupIdentifier: 'fw', vpcEndpointId: E2 }));
    assert.equal((await list()).map((c) => c.vpcEndpointId), [E1, 'vpce-03']);
    await expectError(
      () => h().logs.send(new DeleteSyslogConfigurationCommand({ logGroupIdentifier: 'fw', vpcEndpointId: E2 })),
      'ResourceNotFoundException',
      'The specified syslog configuration does not exist.',
    );
    await h().logs.send(new DeleteSyslogConfigurationCommand({ logGroupIdentifier: 'fw' }));
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'routers' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'routers' }));
    assert.equal(await list(), []);
    await put('routers', 'vpce-03'); // the endpoint is free again
  });

  test('list pages with maxResults', async () => {
    await setup();
    const endpoints = ['vpce-01', 'vpce-02', 'vpce-03'];
    await h().admin('POST /_engine/externals', { vpcEndpoints: endpoints });
    for (const e of endpoints) await put('fw', e);
    const first = await h().logs.send(new ListSyslogConfigurationsCommand({ maxResults: 2 }));
    assert.equal(first.syslogConfigurations!.map((c) => c.vpcEndpointId), ['vpce-01', 'vpce-02']);
    const second = await h().logs.send(new ListSyslogConfigurationsCommand({ maxResults: 2, nextToken: first.nextToken }));
    assert.equal(second.syslogConfigurations!.map((c) => c.vpcEndpointId), ['vpce-03']);
    assert.is(second.nextToken, undefined);
  });

  test('bearer token authentication shows on DescribeLogGroups once set', async () => {
    await setup();
    const describe = async () => (await h().logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'fw' }))).logGroups![0]!;
    assert.is((await describe()).bearerTokenAuthenticationEnabled, undefined);
    await h().logs.send(new PutBearerTokenAuthenticationCommand({ logGroupIdentifier: groupArn('fw'), bearerTokenAuthenticationEnabled: true }));
    assert.is((await describe()).bearerTokenAuthenticationEnabled, true);
    await h().logs.send(new PutBearerTokenAuthenticationCommand({ logGroupIdentifier: 'fw', bearerTokenAuthenticationEnabled: false }));
    assert.is((await describe()).bearerTokenAuthenticationEnabled, false);
    await expectError(
      () => h().logs.send(new PutBearerTokenAuthenticationCommand({ logGroupIdentifier: 'nope', bearerTokenAuthenticationEnabled: true })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });
});

forEachTransport('logs: storage tier policy', (test, h) => {
  test('STANDARD until set; Put replaces it and both report lastUpdatedTime', async () => {
    const get = () => h().logs.send(new GetStorageTierPolicyCommand({}));
    const initial = await get();
    assert.is(initial.storageTier, 'STANDARD');
    assert.is(initial.lastUpdatedTime, undefined);
    const put = await h().logs.send(new PutStorageTierPolicyCommand({ storageTier: 'INTELLIGENT_TIERING' }));
    assert.is(put.storageTier, 'INTELLIGENT_TIERING');
    const got = await get();
    assert.is(got.storageTier, 'INTELLIGENT_TIERING');
    assert.is(got.lastUpdatedTime, put.lastUpdatedTime);
    const other = await h().clients({ region: 'eu-west-1' }).logs.send(new GetStorageTierPolicyCommand({}));
    assert.is(other.storageTier, 'STANDARD');
    const e = await rejects(() => h().logs.send(new PutStorageTierPolicyCommand({ storageTier: 'COLD' as never })));
    assert.is(e.name, 'InvalidParameterException');
  });
});
