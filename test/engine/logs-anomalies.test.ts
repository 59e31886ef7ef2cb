import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogAnomalyDetectorCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetLogAnomalyDetectorCommand,
  ListAnomaliesCommand,
  PutLogEventsCommand,
  UpdateAnomalyCommand,
  UpdateLogAnomalyDetectorCommand,
  type CreateLogAnomalyDetectorCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, harness, rejects, type Harness } from '../helpers/harness.js';

const GROUP_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:app';
const MIN = 60_000;

const put = (h: Harness, events: { timestamp: number; message: string }[]) =>
  h.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's', logEvents: events }));
const health = (timestamp: number, ms: number) => ({ timestamp, message: `GET /health 200 in ${ms} ms` });
const refused = (timestamp: number, host: string, retries: number) =>
  ({ timestamp, message: `ERROR Connection to ${host} refused after ${retries} retries` });
const advance = (h: Harness, ms: number) => h.admin('POST /_engine/clock', { advanceSeconds: ms / 1000 });

/**
 * A group `app` whose stream held one health check a minute for the 30 minutes before a detector
 * was created on it; returns the detector and when its training ends (its first window starts).
 */
async function trainedDetector(h: Harness, input: Partial<CreateLogAnomalyDetectorCommandInput> = {}) {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
  await h.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's' }));
  const start = h.engine.now() - 30 * MIN;
  await put(h, Array.from({ length: 30 }, (_, i) => health(start + i * MIN, 10 + i)));
  const { anomalyDetectorArn } = await h.logs.send(new CreateLogAnomalyDetectorCommand({ logGroupArnList: [GROUP_ARN], ...input }));
  const created = (await h.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }))).creationTimeStamp!;
  return { arn: anomalyDetectorArn!, trained: created + 15 * MIN };
}

forEachTransport('logs anomalies', (test, h) => {
  const list = async (anomalyDetectorArn?: string, suppressionState?: 'SUPPRESSED' | 'UNSUPPRESSED') =>
    (await h().logs.send(new ListAnomaliesCommand({ anomalyDetectorArn, suppressionState }))).anomalies ?? [];

  test('a pattern the baseline never saw is an anomaly, reported in AWS shape', async () => {
    const { arn, trained } = await trainedDetector(h());
    await put(h(), [
      refused(trained + MIN, '10.0.0.7', 3), health(trained + 2 * MIN, 14), refused(trained + 3 * MIN, '10.0.0.9', 5),
      health(trained + 3 * MIN, 15), health(trained + 4 * MIN, 11),
    ]);
    assert.equal(await list(arn), [], 'nothing is reported before the window is over');
    await advance(h(), 21 * MIN);
    const [a, ...others] = await list(arn);
    assert.equal(others, [], 'three health checks in a window are normal');
    assert.match(a!.anomalyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(a!.patternId!, /^[0-9a-f]{32}$/);
    assert.is(a!.anomalyDetectorArn, arn);
    assert.is(a!.patternString, 'ERROR Connection to <*> refused after <*> retries');
    assert.is(a!.patternRegex, '\\QERROR Connection to \\E.*\\Q refused after \\E.*\\Q retries\\E');
    assert.is(a!.priority, 'HIGH');
    assert.is(a!.firstSeen, trained);
    assert.is(a!.lastSeen, trained + 5 * MIN);
    assert.is(a!.description, 'New log pattern seen 2 times');
    assert.is(a!.active, true);
    assert.is(a!.state, 'Active');
    assert.equal(a!.histogram, { [String(trained)]: 2 });
    assert.equal(a!.logSamples, [refused(trained + MIN, '10.0.0.7', 3), refused(trained + 3 * MIN, '10.0.0.9', 5)]);
    assert.equal(a!.patternTokens, [
      { dynamicTokenPosition: 0, isDynamic: false, tokenString: 'ERROR Connection to ', enumerations: {} },
      { dynamicTokenPosition: 1, isDynamic: true, tokenString: '<*>', enumerations: { '10.0.0.7': 1, '10.0.0.9': 1 }, inferredTokenName: 'IPAddress-1' },
      { dynamicTokenPosition: 0, isDynamic: false, tokenString: ' refused after ', enumerations: {} },
      { dynamicTokenPosition: 2, isDynamic: true, tokenString: '<*>', enumerations: { '3': 1, '5': 1 }, inferredTokenName: 'Number-2' },
      { dynamicTokenPosition: 0, isDynamic: false, tokenString: ' retries', enumerations: {} },
    ]);
    assert.equal(a!.logGroupArnList, [GROUP_ARN]);
    assert.is(a!.suppressed, false);
    assert.is(a!.suppressedDate, 0);
    assert.is(a!.suppressedUntil, 0);
    assert.is(a!.isPatternLevelSuppression, false);
    await advance(h(), 10 * MIN);
    const [later] = await list(arn);
    assert.is(later!.active, false, 'no longer ongoing once a window passes without it');
    assert.is(later!.state, 'Active');
    assert.equal(await list(), [later], 'ListAnomalies without a detector lists every detector');
  });

  test('a pattern at three times its baseline rate is an anomaly; later windows extend it', async () => {
    const { arn, trained } = await trainedDetector(h());
    await put(h(), Array.from({ length: 12 }, (_, i) => health(trained + i * 20_000, 20 + i)));
    await put(h(), Array.from({ length: 12 }, (_, i) => health(trained + 10 * MIN + i * 20_000, 40 + i)));
    await advance(h(), 31 * MIN);
    const [a, ...rest] = await list(arn);
    assert.equal(rest, []);
    assert.is(a!.patternString, 'GET /health <*> in <*> ms');
    assert.equal(a!.histogram, { [String(trained)]: 12, [String(trained + 10 * MIN)]: 12 });
    assert.is(a!.description, 'Log pattern seen 12 times in one evaluation period, about 3 expected');
    assert.is(a!.priority, 'LOW');
    assert.is(a!.firstSeen, trained);
    assert.is(a!.lastSeen, trained + 15 * MIN);
    assert.is(a!.logSamples!.length, 10);
    assert.equal(a!.patternTokens![1]!.enumerations, { '200': 12 + 12 });
  });

  test('the filter pattern limits what the detector examines', async () => {
    const { arn, trained } = await trainedDetector(h(), { filterPattern: 'WARN' });
    await put(h(), [refused(trained + MIN, '10.0.0.7', 3), { timestamp: trained + 2 * MIN, message: 'WARN disk 91 percent full' }]);
    await advance(h(), 21 * MIN);
    const anomalies = await list(arn);
    assert.equal(anomalies.map((a) => [a.patternString, a.priority]), [['WARN disk <*> percent full', 'MEDIUM']]);
  });

  test('UpdateAnomaly suppresses an anomaly (INFINITE, LIMITED) or its pattern, and lifts it', async () => {
    const { arn, trained } = await trainedDetector(h());
    await put(h(), [refused(trained + MIN, '10.0.0.7', 3)]);
    await advance(h(), 21 * MIN);
    const [a] = await list(arn);
    const now = h().engine.now();
    await h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId, suppressionType: 'INFINITE' }));
    const [s] = await list(arn, 'SUPPRESSED');
    assert.is(s!.state, 'Suppressed');
    assert.is(s!.suppressed, true);
    assert.ok(s!.suppressedDate! >= now);
    assert.is(s!.suppressedUntil, 0);
    assert.equal(await list(arn, 'UNSUPPRESSED'), []);
    await put(h(), [refused(trained + 22 * MIN, '10.0.0.8', 1)]);
    await advance(h(), 10 * MIN);
    assert.equal((await list(arn))[0]!.histogram, a!.histogram, 'a suppressed anomaly is not updated');
    await h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId }));
    assert.is((await list(arn, 'UNSUPPRESSED'))[0]!.state, 'Active');

    await h().logs.send(new UpdateAnomalyCommand({
      anomalyDetectorArn: arn, patternId: a!.patternId, suppressionType: 'LIMITED', suppressionPeriod: { value: 1, suppressionUnit: 'HOURS' },
    }));
    const [p] = await list(arn);
    assert.is(p!.isPatternLevelSuppression, true);
    assert.is(p!.suppressedUntil, p!.suppressedDate! + 3_600_000);
    await advance(h(), 61 * MIN);
    const [lifted] = await list(arn);
    assert.is(lifted!.suppressed, false, 'a LIMITED suppression ends by itself');

    await h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId, baseline: true }));
    assert.is((await list(arn))[0]!.state, 'Baseline');
  });

  test('UpdateAnomaly and ListAnomalies errors', async () => {
    const { arn, trained } = await trainedDetector(h());
    await put(h(), [refused(trained + MIN, '10.0.0.7', 3)]);
    await advance(h(), 21 * MIN);
    const [a] = await list(arn);
    const both = await rejects(() => h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId, patternId: a!.patternId })));
    assert.is(both.name, 'InvalidParameterException');
    assert.is(both.message, 'Exactly one of anomalyId or patternId must be specified.');
    const neither = await rejects(() => h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn })));
    assert.is(neither.message, 'Exactly one of anomalyId or patternId must be specified.');
    const limited = await rejects(() => h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId, suppressionType: 'LIMITED' })));
    assert.is(limited.name, 'InvalidParameterException');
    const unknown = await rejects(() =>
      h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: '00000000-0000-0000-0000-000000000000' })),
    );
    assert.is(unknown.name, 'ResourceNotFoundException');
    assert.is(unknown.message, 'The specified anomaly does not exist.');
    const shortId = await rejects(() => h().logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: 'short' })));
    assert.is(shortId.name, 'InvalidParameterException');
    const noDetector = await rejects(() => list(`${arn}0`));
    assert.is(noDetector.name, 'ResourceNotFoundException');
  });

  test('after anomalyVisibilityTime days an anomaly is Baseline and new occurrences are normal', async () => {
    const { arn, trained } = await trainedDetector(h(), { anomalyVisibilityTime: 7, evaluationFrequency: 'ONE_HOUR' });
    await put(h(), [refused(trained + MIN, '10.0.0.7', 3)]);
    await advance(h(), 7 * 24 * 60 * MIN + 2 * 60 * MIN);
    await put(h(), [refused(h().engine.now() - MIN, '10.0.0.8', 4)]);
    await advance(h(), 2 * 60 * MIN);
    const [a] = await list(arn);
    assert.is(a!.state, 'Baseline');
    assert.is(a!.active, false);
    assert.equal(a!.histogram, { [String(trained)]: 1 });
  });

  test('windows while the detector is paused are not evaluated', async () => {
    const { arn, trained } = await trainedDetector(h());
    await advance(h(), 15 * MIN);
    await h().logs.send(new UpdateLogAnomalyDetectorCommand({ anomalyDetectorArn: arn, enabled: false }));
    await put(h(), [refused(h().engine.now() + 10_000, '10.0.0.7', 3)]);
    await advance(h(), 10 * MIN);
    await h().logs.send(new UpdateLogAnomalyDetectorCommand({ anomalyDetectorArn: arn, enabled: true }));
    await advance(h(), 10 * MIN);
    assert.equal(await list(arn), []);
    await put(h(), [refused(h().engine.now(), '10.0.0.9', 1)]);
    await advance(h(), 10 * MIN);
    const [a] = await list(arn);
    assert.is(a!.logSamples!.length, 1);
    assert.ok(a!.firstSeen! > trained);
  });
});

const persisted = suite('logs anomaly detectors persistence');
for (const transport of ['in-process', 'http'] as const) {
  persisted(`detectors and suppressions survive a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-anomaly-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      const { arn, trained } = await trainedDetector(h, { detectorName: 'kept' });
      await put(h, [refused(trained + MIN, '10.0.0.7', 3)]);
      await advance(h, 21 * MIN);
      const [a] = (await h.logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: arn }))).anomalies!;
      await h.logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: arn, anomalyId: a!.anomalyId, suppressionType: 'INFINITE' }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const detector = await h.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
      assert.is(detector.detectorName, 'kept');
      assert.is(detector.anomalyDetectorStatus, 'ANALYZING');
      const [again] = (await h.logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: arn }))).anomalies!;
      assert.is(again!.anomalyId, a!.anomalyId);
      assert.is(again!.state, 'Suppressed');
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
persisted.run();
