import * as assert from 'uvu/assert';
import { CreateLogGroupCommand, CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { assumeRoleProvider } from '../../src/driver/assume.js';
import { EngineRequestHandler } from '../../src/engine/protocol/sdk-handler.js';
import { forEachTransport, rejects } from '../helpers/harness.js';

const MEMBER = '333333333333';
const ROLE = `arn:aws:iam::${MEMBER}:role/logwarden`;

forEachTransport('sts AssumeRole: credentials that act in the role\'s account', (test, h) => {
  test('a registered role gives credentials of its account; calls made with them land there', async () => {
    h().engine.registerExternals({ account: MEMBER, region: 'us-east-1', iamRoles: [ROLE] });
    const out = await h().sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'deploy', DurationSeconds: 900 }));
    assert.is(out.Credentials?.AccessKeyId, MEMBER);
    assert.ok(out.Credentials?.SessionToken);
    assert.is(out.Credentials!.Expiration!.getTime() - h().engine.now() <= 900_000, true);
    assert.is(out.AssumedRoleUser?.Arn, `arn:aws:sts::${MEMBER}:assumed-role/logwarden/deploy`);
    // the logwarden driver's provider, from the default account's STS client
    const credentials = assumeRoleProvider(h().sts, { roleArn: ROLE, sessionName: 'logwarden' });
    const transport = h().url ? { endpoint: h().url } : { endpoint: 'http://engine.local', requestHandler: new EngineRequestHandler(h().engine) };
    const sts = new STSClient({ region: 'us-east-1', credentials, maxAttempts: 1, ...transport });
    const logs = new CloudWatchLogsClient({ region: 'us-east-1', credentials, maxAttempts: 1, disableHostPrefix: true, ...transport });
    try {
      assert.is((await sts.send(new GetCallerIdentityCommand({}))).Account, MEMBER);
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/member/app' }));
      const member = h().clients({ accessKeyId: MEMBER });
      assert.equal((await member.logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName), ['/member/app']);
      assert.equal((await h().logs.send(new DescribeLogGroupsCommand({}))).logGroups, [], 'not in the caller\'s own account');
    } finally {
      sts.destroy();
      logs.destroy();
    }
  });

  test('an unregistered role is denied as AWS denies it; a bad ARN or session name is a validation error', async () => {
    const denied = await rejects(() => h().sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'deploy' })));
    assert.is(denied.name, 'AccessDenied');
    assert.match(denied.message, `is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`);
    assert.is(denied.$metadata.httpStatusCode, 403);
    const bad = await rejects(() => h().sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:user/x', RoleSessionName: 'deploy' })));
    assert.is(bad.name, 'ValidationError');
    const session = await rejects(() => h().sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a b' })));
    assert.is(session.name, 'ValidationError');
  });

  test('the driver\'s provider names the role and what to do when it cannot assume it', async () => {
    const provider = assumeRoleProvider(h().sts, { roleArn: ROLE });
    const error = await provider().then(() => undefined, (e: Error) => e);
    assert.match(error!.message, `could not assume ${ROLE}: AccessDenied: `);
  });
});
