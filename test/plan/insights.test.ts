import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';
import { CTX, desiredOf, group, NOTHING_OWNED, owning, tableTests, valueOf, type PlanCase } from './fixtures.js';
import { detector, detectorArn, governance, logsArn, queryDefinition } from './governance-fixtures.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/k';

const QUERY_DEFINITIONS: PlanCase[] = [
  {
    name: 'query definition: created without an id, updated by the id AWS gave it, deleted by it; the id itself is never a change',
    desired: governance({ queryDefinitions: [queryDefinition('new', 'fields @message'), queryDefinition('changed', 'fields @timestamp', { logGroupNames: ['/a'] }), queryDefinition('same', 'q')] }),
    observed: governance({
      queryDefinitions: [
        queryDefinition('changed', 'fields @message', { queryDefinitionId: 'id-changed' }),
        queryDefinition('same', 'q', { queryDefinitionId: 'id-same' }),
        queryDefinition('gone', 'q', { queryDefinitionId: 'id-gone' }),
      ],
    }),
    ownership: owning('queryDefinition:gone', 'queryDefinition:changed', 'queryDefinition:same'),
    actions: ['create queryDefinition "new"', 'update queryDefinition "changed"', 'no-op queryDefinition "same"', 'delete queryDefinition "gone"'],
    calls: [
      ['DeleteQueryDefinition', { queryDefinitionId: 'id-gone' }],
      ['PutQueryDefinition', { name: 'new', queryString: 'fields @message', queryLanguage: 'CWLI' }],
      ['PutQueryDefinition', { name: 'changed', queryString: 'fields @timestamp', queryLanguage: 'CWLI', logGroupNames: ['/a'], queryDefinitionId: 'id-changed' }],
    ],
  },
  {
    name: 'query definition: one found unowned is adopted by name, and updated in place',
    desired: governance({ queryDefinitions: [queryDefinition('q', 'fields @message', { queryLanguage: 'SQL' })] }),
    observed: governance({ queryDefinitions: [queryDefinition('q', 'fields @message', { queryDefinitionId: 'id' })] }),
    ownership: NOTHING_OWNED,
    actions: ['update (adopt) queryDefinition "q"'],
    calls: [['PutQueryDefinition', { name: 'q', queryString: 'fields @message', queryLanguage: 'SQL', queryDefinitionId: 'id' }]],
  },
];

const DETECTORS: PlanCase[] = [
  {
    name: 'anomaly detector: created once its log group exists, with tags and a key',
    desired: governance({ logGroups: [group('/a')], anomalyDetectors: [detector('d', '/a', { kmsKeyId: KEY, filterPattern: 'ERROR', tags: { t: '1' } })] }),
    observed: governance({}),
    actions: ['create logGroup "/a"', 'create anomalyDetector "d"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD' }],
      ['CreateLogAnomalyDetector', { logGroupArnList: [logsArn('log-group:/a')], detectorName: 'd', evaluationFrequency: 'FIVE_MIN', filterPattern: 'ERROR', kmsKeyId: KEY, anomalyVisibilityTime: 21, tags: { t: '1' } }, ['c1']],
    ],
  },
  {
    name: 'anomaly detector: settings and enabled through UpdateLogAnomalyDetector by ARN (a removed pattern is ""), tags by ARN',
    desired: governance({ anomalyDetectors: [detector('d', '/a', { evaluationFrequency: 'ONE_HOUR', enabled: false, tags: { n: '1' } })] }),
    observed: governance({ anomalyDetectors: [detector('d', '/a', { filterPattern: 'ERROR', anomalyDetectorArn: detectorArn('1') })] }),
    actions: ['update anomalyDetector "d"'],
    calls: [
      ['UpdateLogAnomalyDetector', { anomalyDetectorArn: detectorArn('1'), evaluationFrequency: 'ONE_HOUR', filterPattern: '', anomalyVisibilityTime: 21, enabled: false }],
      ['TagResource', { resourceArn: detectorArn('1'), tags: { n: '1' } }, ['c1']],
    ],
  },
  {
    name: 'anomaly detector: another log group or key replaces it (delete by ARN, create); removal deletes it',
    desired: governance({ anomalyDetectors: [detector('moved', '/b'), detector('rekeyed', '/a', { kmsKeyId: KEY })] }),
    observed: governance({
      anomalyDetectors: [detector('moved', '/a', { anomalyDetectorArn: detectorArn('1') }), detector('rekeyed', '/a', { anomalyDetectorArn: detectorArn('2') }), detector('gone', '/a', { anomalyDetectorArn: detectorArn('3') })],
    }),
    actions: ['replace anomalyDetector "moved"', 'replace anomalyDetector "rekeyed"', 'delete anomalyDetector "gone"'],
    calls: [
      ['DeleteLogAnomalyDetector', { anomalyDetectorArn: detectorArn('3') }],
      ['DeleteLogAnomalyDetector', { anomalyDetectorArn: detectorArn('1') }],
      ['CreateLogAnomalyDetector', { logGroupArnList: [logsArn('log-group:/b')], detectorName: 'moved', evaluationFrequency: 'FIVE_MIN', anomalyVisibilityTime: 21 }, ['c2']],
      ['DeleteLogAnomalyDetector', { anomalyDetectorArn: detectorArn('2') }],
      ['CreateLogAnomalyDetector', { logGroupArnList: [logsArn('log-group:/a')], detectorName: 'rekeyed', evaluationFrequency: 'FIVE_MIN', kmsKeyId: KEY, anomalyVisibilityTime: 21 }, ['c4']],
    ],
  },
];

const test = suite('plan: query definitions and anomaly detectors');
tableTests(test, [...QUERY_DEFINITIONS, ...DETECTORS]);

test('a detector declared paused is created, then paused with the ARN the creation returns (taken when it runs)', () => {
  const calls = planCalls(diffResources(governance({ anomalyDetectors: [detector('d', '/a', { enabled: false })] }), governance({}), NOTHING_OWNED), CTX);
  assert.equal(
    calls.map((c) => [c.id, c.operation, c.input.enabled, c.dependsOn, c.inputFrom]),
    [
      ['c1', 'CreateLogAnomalyDetector', undefined, [], undefined],
      ['c2', 'UpdateLogAnomalyDetector', false, ['c1'], { call: 'c1', members: { anomalyDetectorArn: 'anomalyDetectorArn' } }],
    ],
  );
});

test("resolve: a detector's group by a declared name or by ARN (without :*); AWS's defaults filled in", () => {
  const desired = desiredOf(`
logGroups:
  /a: {}
anomalyDetectors:
  by-name: { logGroupArnList: [/a], filterPattern: "" }
  by-arn: { logGroupArnList: ["arn:aws:logs:us-east-1:123456789012:log-group:/unmanaged:*"], anomalyVisibilityTime: 90 }
queryDefinitions:
  ops/errors: { queryString: "fields @message", logGroupNames: [], parameters: [{ name: level, defaultValue: ERROR }] }
`);
  assert.equal(valueOf(desired, 'anomalyDetector', 'by-name'), detector('by-name', '/a'));
  assert.equal(valueOf(desired, 'anomalyDetector', 'by-arn'), detector('by-arn', '/unmanaged', { anomalyVisibilityTime: 90 }));
  assert.equal(valueOf(desired, 'queryDefinition', 'ops/errors'), queryDefinition('ops/errors', 'fields @message', { parameters: [{ name: 'level', defaultValue: 'ERROR' }] }));
});

test.run();
