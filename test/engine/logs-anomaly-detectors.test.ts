import * as assert from 'uvu/assert';
import {
  CreateLogAnomalyDetectorCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogAnomalyDetectorCommand,
  GetLogAnomalyDetectorCommand,
  ListLogAnomalyDetectorsCommand,
  ListTagsForResourceCommand,
  UpdateLogAnomalyDetectorCommand,
  type CreateLogAnomalyDetectorCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const groupArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
const DETECTOR_ARN = new RegExp(`^arn:aws:logs:us-east-1:${ACCOUNT}:anomaly-detector:[0-9a-f-]{36}$`);

forEachTransport('logs anomaly detectors', (test, h) => {
  const group = async (name = 'app') => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's' }));
  };
  const create = (input: Partial<CreateLogAnomalyDetectorCommandInput> = {}) =>
    h().logs.send(new CreateLogAnomalyDetectorCommand({ logGroupArnList: [groupArn('app')], ...input }));
  const get = (anomalyDetectorArn: string) => h().logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }));
  const advance = (seconds: number) => h().admin('POST /_engine/clock', { advanceSeconds: seconds });

  test('a detector initializes, trains for 15 minutes, then analyzes; disabled it is PAUSED', async () => {
    await group();
    const { anomalyDetectorArn } = await create({ detectorName: 'demo', tags: { team: 'sre' } });
    assert.match(anomalyDetectorArn!, DETECTOR_ARN);
    const fresh = await get(anomalyDetectorArn!);
    assert.equal(Object.keys(fresh).filter((k) => k !== '$metadata'), [
      'detectorName', 'logGroupArnList', 'evaluationFrequency', 'anomalyDetectorStatus',
      'creationTimeStamp', 'lastModifiedTimeStamp', 'anomalyVisibilityTime',
    ]);
    assert.is(fresh.anomalyDetectorStatus, 'INITIALIZING');
    assert.is(fresh.evaluationFrequency, 'FIVE_MIN');
    assert.is(fresh.anomalyVisibilityTime, 21);
    assert.equal(fresh.logGroupArnList, [groupArn('app')]);
    await advance(10);
    assert.is((await get(anomalyDetectorArn!)).anomalyDetectorStatus, 'TRAINING');
    await advance(890);
    assert.is((await get(anomalyDetectorArn!)).anomalyDetectorStatus, 'ANALYZING');
    await advance(60);
    await h().logs.send(new UpdateLogAnomalyDetectorCommand({
      anomalyDetectorArn, enabled: false, evaluationFrequency: 'TEN_MIN', anomalyVisibilityTime: 8, filterPattern: 'ERROR',
    }));
    const paused = await get(anomalyDetectorArn!);
    assert.is(paused.anomalyDetectorStatus, 'PAUSED');
    assert.is(paused.evaluationFrequency, 'TEN_MIN');
    assert.is(paused.anomalyVisibilityTime, 8);
    assert.is(paused.filterPattern, 'ERROR');
    assert.ok(paused.lastModifiedTimeStamp! >= fresh.creationTimeStamp! + 960_000);
    await h().logs.send(new UpdateLogAnomalyDetectorCommand({ anomalyDetectorArn, enabled: true }));
    assert.is((await get(anomalyDetectorArn!)).anomalyDetectorStatus, 'ANALYZING');
    assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn: anomalyDetectorArn }))).tags, { team: 'sre' });
  });

  test('creation rules: one existing log group, valid pattern, usable KMS key, visibility bounds', async () => {
    await group();
    await group('other');
    const missing = await rejects(() => create({ logGroupArnList: [groupArn('nope')] }));
    assert.is(missing.name, 'ResourceNotFoundException');
    assert.is(missing.message, 'The specified log group does not exist.');
    const two = await rejects(() => create({ logGroupArnList: [groupArn('app'), groupArn('other')] }));
    assert.is(two.name, 'InvalidParameterException');
    assert.is(two.message, 'logGroupArnList must contain exactly one log group ARN.');
    const pattern = await rejects(() => create({ filterPattern: '{ $.x = ' }));
    assert.is(pattern.name, 'InvalidParameterException');
    assert.is(pattern.message, "If a filter pattern starts with '{' it must end with '}'");
    const key = await rejects(() => create({ kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000aaaa-0000-0000-0000-000000000000` }));
    assert.is(key.message, 'The specified KMS Key Id could not be found.');
    const visibility = await rejects(() => create({ anomalyVisibilityTime: 5 }));
    assert.is(visibility.name, 'InvalidParameterException');
    assert.is(visibility.message, "1 validation error detected: Value '5' at 'anomalyVisibilityTime' failed to satisfy constraint: Member must have value greater than or equal to 7");
    const frequency = await rejects(() => create({ evaluationFrequency: 'TWO_MIN' as never }));
    assert.is(frequency.name, 'InvalidParameterException');
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111bbbb-0000-0000-0000-000000000000`;
    await h().admin('POST /_engine/externals', { kmsKeys: [{ arn: keyArn }] });
    const { anomalyDetectorArn } = await create({ kmsKeyId: keyArn, logGroupArnList: [groupArn('app')] });
    assert.is((await get(anomalyDetectorArn!)).kmsKeyId, keyArn);
  });

  test('List filters by log group and pages; Delete removes', async () => {
    await group();
    await group('other');
    const a = (await create()).anomalyDetectorArn!;
    await advance(1);
    const b = (await create({ logGroupArnList: [groupArn('other')] })).anomalyDetectorArn!;
    await advance(1);
    const c = (await create()).anomalyDetectorArn!;
    const forApp = await h().logs.send(new ListLogAnomalyDetectorsCommand({ filterLogGroupArn: groupArn('app') }));
    assert.equal(forApp.anomalyDetectors!.map((d) => d.anomalyDetectorArn), [a, c]);
    const first = await h().logs.send(new ListLogAnomalyDetectorsCommand({ limit: 2 }));
    assert.equal(first.anomalyDetectors!.map((d) => d.anomalyDetectorArn), [a, b]);
    assert.is(first.anomalyDetectors![0]!.anomalyDetectorStatus, 'INITIALIZING');
    const rest = await h().logs.send(new ListLogAnomalyDetectorsCommand({ limit: 2, nextToken: first.nextToken }));
    assert.equal(rest.anomalyDetectors!.map((d) => d.anomalyDetectorArn), [c]);
    const forged = await rejects(() => h().logs.send(new ListLogAnomalyDetectorsCommand({ nextToken: 'x' })));
    assert.is(forged.name, 'InvalidParameterException');
    await h().logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn: b }));
    const gone = await rejects(() => get(b));
    assert.is(gone.name, 'ResourceNotFoundException');
    assert.is(gone.message, 'The specified anomaly detector does not exist.');
    const again = await rejects(() => h().logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn: b })));
    assert.is(again.name, 'ResourceNotFoundException');
  });
});
