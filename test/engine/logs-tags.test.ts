import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { regionOf } from '../../src/engine/world.js';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const groupArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
const destinationArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:destination:${name}`;
const manyTags = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));

forEachTransport('logs: tags', (test, h) => {
  const logs = () => h().logs;
  const groupTags = async (logGroupName: string) => (await logs().send(new ListTagsLogGroupCommand({ logGroupName }))).tags;
  const resourceTags = async (resourceArn: string) => (await logs().send(new ListTagsForResourceCommand({ resourceArn }))).tags;
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
    assert.is(e.$metadata.httpStatusCode, 400);
    return e;
  };
  const seedDestination = (name: string) => {
    regionOf(h().engine.world, ACCOUNT, 'us-east-1').logs.destinations[name] = {
      destinationName: name,
      targetArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/s`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      arn: destinationArn(name),
      creationTime: 1,
      tags: { initial: 'yes' },
    };
  };

  test('TagLogGroup, ListTagsLogGroup, UntagLogGroup: add, overwrite, remove', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g', tags: { a: '1' } }));
    await logs().send(new TagLogGroupCommand({ logGroupName: 'g', tags: { a: '2', b: '' } }));
    assert.equal(await groupTags('g'), { a: '2', b: '' });
    await logs().send(new UntagLogGroupCommand({ logGroupName: 'g', tags: ['a', 'not-there'] }));
    assert.equal(await groupTags('g'), { b: '' });
  });

  test('the *LogGroup calls on a missing group are ResourceNotFoundException', async () => {
    const message = 'The specified log group does not exist.';
    await expectError(() => logs().send(new TagLogGroupCommand({ logGroupName: 'x', tags: { a: '1' } })), 'ResourceNotFoundException', message);
    await expectError(() => logs().send(new UntagLogGroupCommand({ logGroupName: 'x', tags: ['a'] })), 'ResourceNotFoundException', message);
    await expectError(() => logs().send(new ListTagsLogGroupCommand({ logGroupName: 'x' })), 'ResourceNotFoundException', message);
  });

  test('TagResource, ListTagsForResource, UntagResource on a log group ARN', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/app/x' }));
    const resourceArn = groupArn('/app/x');
    assert.equal(await resourceTags(resourceArn), {});
    await logs().send(new TagResourceCommand({ resourceArn, tags: { team: 'core', env: 'dev' } }));
    await logs().send(new UntagResourceCommand({ resourceArn, tagKeys: ['env'] }));
    assert.equal(await resourceTags(resourceArn), { team: 'core' });
    assert.equal(await groupTags('/app/x'), { team: 'core' });
  });

  test('a log group ARN with :* is refused by the model pattern of resourceArn', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const resourceArn = `${groupArn('g')}:*`;
    await expectError(
      () => logs().send(new TagResourceCommand({ resourceArn, tags: { a: '1' } })),
      'InvalidParameterException',
      `1 validation error detected: Value at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]*`,
    );
  });

  test('TagResource, ListTagsForResource, UntagResource on a destination ARN', async () => {
    seedDestination('siem');
    const resourceArn = destinationArn('siem');
    await logs().send(new TagResourceCommand({ resourceArn, tags: { owner: 'sec' } }));
    assert.equal(await resourceTags(resourceArn), { initial: 'yes', owner: 'sec' });
    await logs().send(new UntagResourceCommand({ resourceArn, tagKeys: ['initial'] }));
    assert.equal(await resourceTags(resourceArn), { owner: 'sec' });
  });

  test('ARNs of missing, foreign or untaggable resources are ResourceNotFoundException', async () => {
    seedDestination('siem');
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const cases: [string, string][] = [
      [groupArn('missing'), 'The specified log group does not exist.'],
      [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`, 'The specified log group does not exist.'],
      [`arn:aws:logs:us-east-1:210987654321:log-group:g`, 'The specified log group does not exist.'],
      [destinationArn('missing'), 'The specified destination does not exist.'],
      [`arn:aws:logs:eu-west-1:${ACCOUNT}:destination:siem`, 'The specified destination does not exist.'],
      [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g:log-stream:s`, 'The specified log group does not exist.'],
      [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, 'The specified resource does not exist.'],
    ];
    for (const [resourceArn, message] of cases) {
      await expectError(() => logs().send(new ListTagsForResourceCommand({ resourceArn })), 'ResourceNotFoundException', message);
      await expectError(() => logs().send(new TagResourceCommand({ resourceArn, tags: { a: '1' } })), 'ResourceNotFoundException', message);
    }
  });

  test('50 tags per resource: TooManyTagsException for TagResource, a parameter error for TagLogGroup', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g', tags: manyTags(50) }));
    const resourceArn = groupArn('g');
    await logs().send(new TagResourceCommand({ resourceArn, tags: { k0: 'overwrite is fine' } }));
    const e = await expectError(
      () => logs().send(new TagResourceCommand({ resourceArn, tags: { extra: '1' } })),
      'TooManyTagsException',
      'A resource can have no more than 50 tags.',
    );
    assert.is(e.resourceName, resourceArn);
    await expectError(
      () => logs().send(new TagLogGroupCommand({ logGroupName: 'g', tags: { extra: '1' } })),
      'InvalidParameterException',
      'A resource can have no more than 50 tags.',
    );
    assert.is(Object.keys((await groupTags('g'))!).length, 50);
  });

  test('more than 50 tags in one request is a constraint violation on the map', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const e = await rejects(() => logs().send(new TagResourceCommand({ resourceArn: groupArn('g'), tags: manyTags(51) })));
    assert.is(e.name, 'InvalidParameterException');
    assert.ok(e.message.startsWith("1 validation error detected: Value '{k0=v0, k1=v1,"), e.message);
    assert.ok(e.message.endsWith("' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"), e.message);
  });

  test('tag keys beginning with aws: are reserved', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const message = "Tag keys beginning with 'aws:' are reserved: AWS:cost";
    await expectError(() => logs().send(new TagResourceCommand({ resourceArn: groupArn('g'), tags: { 'AWS:cost': 'x' } })), 'InvalidParameterException', message);
    await expectError(() => logs().send(new TagLogGroupCommand({ logGroupName: 'g', tags: { 'AWS:cost': 'x' } })), 'InvalidParameterException', message);
    assert.equal(await groupTags('g'), {});
  });
});
