import * as assert from 'uvu/assert';
import {
  AssociateKmsKeyCommand,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DisassociateKmsKeyCommand,
  ListTagsLogGroupCommand,
  PutRetentionPolicyCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { regionOf } from '../../src/engine/world.js';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DISABLED_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_REGION_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1111abcd-12ab-34cd-56ef-1234567890ab`;
const arnOf = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
const RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

forEachTransport('logs: log groups', (test, h) => {
  const create = (logGroupName: string, extra: Record<string, unknown> = {}) =>
    h().logs.send(new CreateLogGroupCommand({ logGroupName, ...extra }));
  const describe = async (input: Record<string, unknown> = {}) => h().logs.send(new DescribeLogGroupsCommand(input));
  const only = async (name: string): Promise<LogGroup> => {
    const out = await describe({ logGroupNamePrefix: name });
    const group = out.logGroups?.find((g) => g.logGroupName === name);
    assert.ok(group, `${name} is described`);
    return group;
  };
  const registerKeys = (hx: Harness) =>
    hx.admin('POST /_engine/externals', {
      region: 'us-east-1',
      kmsKeys: [{ arn: KEY }, { arn: DISABLED_KEY, enabled: false }],
    });
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
    assert.is(e.$metadata.httpStatusCode, 400);
  };

  test('CreateLogGroup: the described group has every member AWS returns', async () => {
    await create('/app/web');
    const g = await only('/app/web');
    assert.is(typeof g.creationTime, 'number');
    assert.equal(g, {
      logGroupName: '/app/web',
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: `${arnOf('/app/web')}:*`,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      logGroupArn: arnOf('/app/web'),
      deletionProtectionEnabled: false,
    });
  });

  test('CreateLogGroup: a duplicate name is ResourceAlreadyExistsException', async () => {
    await create('dup');
    await expectError(() => create('dup'), 'ResourceAlreadyExistsException', 'The specified log group already exists');
  });

  test('CreateLogGroup: names starting with aws/ (any case) are reserved, /aws/… is not', async () => {
    for (const name of ['aws/mine', 'AWS/mine']) {
      await expectError(() => create(name), 'InvalidParameterException', 'Log groups starting with AWS/ are reserved for AWS.');
    }
    await create('/aws/lambda/fn');
  });

  test('CreateLogGroup: names that are Object.prototype members are ordinary names', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      await expectError(
        () => h().logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 1 })),
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
      await create(name);
      assert.is((await only(name)).logGroupName, name);
    }
  });

  test('CreateLogGroup: class, deletion protection and the Delivery class retention', async () => {
    await create('ia', { logGroupClass: 'INFREQUENT_ACCESS', deletionProtectionEnabled: true });
    await create('dl', { logGroupClass: 'DELIVERY' });
    const ia = await only('ia');
    assert.is(ia.logGroupClass, 'INFREQUENT_ACCESS');
    assert.is(ia.deletionProtectionEnabled, true);
    assert.is(ia.retentionInDays, undefined);
    assert.is((await only('dl')).retentionInDays, 2);
  });

  test('CreateLogGroup: a registered, enabled KMS key ARN is stored and described', async () => {
    await registerKeys(h());
    await create('enc', { kmsKeyId: KEY });
    assert.is((await only('enc')).kmsKeyId, KEY);
  });

  test('CreateLogGroup: a missing, disabled, bare or other-Region key is InvalidParameterException', async () => {
    await registerKeys(h());
    await h().admin('POST /_engine/externals', { region: 'eu-west-1', kmsKeys: [{ arn: OTHER_REGION_KEY }] });
    const notFound = 'The specified KMS Key Id could not be found.';
    const unknown = `arn:aws:kms:us-east-1:${ACCOUNT}:key/ffffffff-0000-0000-0000-000000000000`;
    await expectError(() => create('a', { kmsKeyId: unknown }), 'InvalidParameterException', notFound);
    await expectError(() => create('a', { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }), 'InvalidParameterException', notFound);
    await expectError(() => create('a', { kmsKeyId: OTHER_REGION_KEY }), 'InvalidParameterException', notFound);
    await expectError(() => create('a', { kmsKeyId: DISABLED_KEY }), 'InvalidParameterException', 'The specified KMS key is disabled.');
    assert.equal((await describe()).logGroups, []);
  });

  test('CreateLogGroup: tags are stored; aws: keys are reserved', async () => {
    await create('tagged', { tags: { team: 'payments', env: 'prod' } });
    const out = await h().logs.send(new ListTagsLogGroupCommand({ logGroupName: 'tagged' }));
    assert.equal(out.tags, { team: 'payments', env: 'prod' });
    await expectError(
      () => create('t2', { tags: { 'aws:owner': 'x' } }),
      'InvalidParameterException',
      "Tag keys beginning with 'aws:' are reserved: aws:owner",
    );
  });

  test('describe reports metric filter count, stored bytes and data protection status', async () => {
    await create('busy');
    const group = regionOf(h().engine.world, ACCOUNT, 'us-east-1').logs.logGroups['busy']!;
    const filter = { filterPattern: '', metricTransformations: [], creationTime: 1 };
    group.metricFilters = { a: { filterName: 'a', ...filter }, b: { filterName: 'b', ...filter } };
    const stream = { creationTime: 1, uploadSequenceToken: '1', events: [] };
    group.streams = { s1: { logStreamName: 's1', storedBytes: 100, ...stream }, s2: { logStreamName: 's2', storedBytes: 23, ...stream } };
    group.dataProtectionPolicy = { policyDocument: '{}', lastUpdatedTime: 1 };
    const g = await only('busy');
    assert.is(g.metricFilterCount, 2);
    assert.is(g.storedBytes, 123);
    assert.is(g.dataProtectionStatus, 'ACTIVATED');
  });

  test('DeleteLogGroup removes the group and everything under it', async () => {
    await create('gone');
    const group = regionOf(h().engine.world, ACCOUNT, 'us-east-1').logs.logGroups['gone']!;
    group.streams = { s: { logStreamName: 's', creationTime: 1, uploadSequenceToken: '1', storedBytes: 5, events: [] } };
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'gone' }));
    assert.equal((await describe()).logGroups, []);
    await create('gone');
    assert.is((await only('gone')).storedBytes, 0);
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'gone' }));
    await expectError(
      () => h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'gone' })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  test('DeleteLogGroup refuses a group with deletion protection', async () => {
    await create('kept', { deletionProtectionEnabled: true });
    await expectError(
      () => h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'kept' })),
      'ValidationException',
      'Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
    );
    assert.ok(await only('kept'));
  });

  test('PutRetentionPolicy accepts the 22 values and DeleteRetentionPolicy removes it', async () => {
    await create('r');
    for (const days of RETENTION) {
      await h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'r', retentionInDays: days }));
      assert.is((await only('r')).retentionInDays, days);
    }
    await h().logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'r' }));
    assert.is((await only('r')).retentionInDays, undefined);
    // Deleting again, with no policy left, succeeds.
    await h().logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'r' }));
  });

  test('PutRetentionPolicy: any other value is refused with AWS message, before the group lookup', async () => {
    await create('r');
    const message = `Invalid retention value. Valid values are: [${RETENTION.join(', ')}]`;
    for (const days of [0, 2, 730, 3654, -1]) {
      await expectError(
        () => h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'r', retentionInDays: days })),
        'InvalidParameterException',
        message,
      );
    }
    await expectError(
      () => h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'missing', retentionInDays: 2 })),
      'InvalidParameterException',
      message,
    );
    for (const send of [
      () => h().logs.send(new PutRetentionPolicyCommand({ logGroupName: 'missing', retentionInDays: 1 })),
      () => h().logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'missing' })),
    ]) {
      await expectError(send, 'ResourceNotFoundException', 'The specified log group does not exist.');
    }
  });

  test('AssociateKmsKey / DisassociateKmsKey by name and by ARN (with or without :*)', async () => {
    await registerKeys(h());
    await create('k');
    await h().logs.send(new AssociateKmsKeyCommand({ logGroupName: 'k', kmsKeyId: KEY }));
    assert.is((await only('k')).kmsKeyId, KEY);
    await h().logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'k' }));
    assert.is((await only('k')).kmsKeyId, undefined);
    for (const id of [arnOf('k'), `${arnOf('k')}:*`]) {
      await h().logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: id, kmsKeyId: KEY }));
      assert.is((await only('k')).kmsKeyId, KEY);
      await h().logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: id }));
      assert.is((await only('k')).kmsKeyId, undefined);
    }
    // Disassociating with nothing associated is a no-op.
    await h().logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'k' }));
  });

  test('AssociateKmsKey: the account query-result resource', async () => {
    await registerKeys(h());
    const id = `arn:aws:logs:us-east-1:${ACCOUNT}:query-result:*`;
    await h().logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: id, kmsKeyId: KEY }));
    const logs = regionOf(h().engine.world, ACCOUNT, 'us-east-1').logs;
    assert.is(logs.queryResultKmsKeyId, KEY);
    await h().logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: id }));
    assert.is(logs.queryResultKmsKeyId, undefined);
  });

  test('AssociateKmsKey: target rules and key rules', async () => {
    await registerKeys(h());
    await create('k');
    const exactlyOne = 'Exactly one of logGroupName or resourceIdentifier is required.';
    await expectError(() => h().logs.send(new AssociateKmsKeyCommand({ kmsKeyId: KEY })), 'InvalidParameterException', exactlyOne);
    await expectError(
      () => h().logs.send(new AssociateKmsKeyCommand({ logGroupName: 'k', resourceIdentifier: arnOf('k'), kmsKeyId: KEY })),
      'InvalidParameterException',
      exactlyOne,
    );
    await expectError(() => h().logs.send(new DisassociateKmsKeyCommand({})), 'InvalidParameterException', exactlyOne);
    const missing = 'The specified log group does not exist.';
    for (const target of [{ logGroupName: 'nope' }, { resourceIdentifier: arnOf('nope') }, { resourceIdentifier: 'k' }]) {
      await expectError(() => h().logs.send(new AssociateKmsKeyCommand({ ...target, kmsKeyId: KEY })), 'ResourceNotFoundException', missing);
    }
    await expectError(
      () => h().logs.send(new AssociateKmsKeyCommand({ logGroupName: 'k', kmsKeyId: DISABLED_KEY })),
      'InvalidParameterException',
      'The specified KMS key is disabled.',
    );
    assert.is((await only('k')).kmsKeyId, undefined);
  });
});
