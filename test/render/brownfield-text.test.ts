import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import type { Change } from '../../src/model/change.js';
import { renderDriftText } from '../../src/render/drift.js';
import { renderImportText } from '../../src/render/import-text.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { NO_COLOR } from '../../src/render/values.js';
import { CTX } from '../plan/fixtures.js';

const test = suite('render: rules, protection, partial plans, drift ignores and imports as text');

const TARGET = 'local engine (state), us-east-1';
const g = (name: string, extra = {}) => ({ logGroupName: name, logGroupClass: 'STANDARD', tags: {}, ...extra });

const ruled: Change = {
  address: { kind: 'logGroup', name: '/aws/lambda/a' },
  action: 'update',
  before: g('/aws/lambda/a'),
  after: g('/aws/lambda/a', { retentionInDays: 30 }),
  attributes: [{ path: 'retentionInDays', before: undefined, after: 30, forcesReplacement: false, diff: { op: 'add', value: 30 }, rule: 'lambda-retention' }],
  rules: ['lambda-retention'],
  unmanaged: true,
};
const unprotected: Change = { address: { kind: 'logGroup', name: '/app/old' }, action: 'no-op', before: g('/app/old'), after: g('/app/old'), attributes: [], protection: 'off' };

test('a rule-driven change says which rule, per resource and per attribute; a protection record is a change; a partial plan says so first', () => {
  assert.fixture(
    renderPlanText({ target: TARGET, changes: [ruled, unprotected], diagnostics: [], partial: { only: ['/aws/*', '/app/old'], leftOut: 1 } }, NO_COLOR),
    [
      `Target: ${TARGET}`,
      'Partial plan (--only /aws/*, /app/old): these resources and what they need; 1 other change is left out.',
      '',
      'logwarden will perform the following actions:',
      '',
      '  # logGroup "/aws/lambda/a" will be updated in place by rule lambda-retention (unmanaged: only what the rules set)',
      '  ~ logGroup "/aws/lambda/a" {',
      '      + retentionInDays = 30 # rule lambda-retention',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      '  # logGroup "/app/old" is unchanged; its events are unprotected from now on (protected: false, kept in state: deleting it needs no --allow-destroy)',
      '    logGroup "/app/old" {',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy. (1 with logGroupRules settings, 1 protection change to record)',
      '',
    ].join('\n'),
  );
});

test('drift: groups that comply with their rules are listed and are not drift; ignored resources are counted', () => {
  const entries = [
    { address: { kind: 'logGroup', name: '/app/api' }, status: 'in-sync' as const },
    { address: { kind: 'logGroup', name: '/aws/lambda/a' }, status: 'unmanaged' as const, rules: ['lambda-retention'], compliant: true },
  ];
  assert.fixture(
    renderDriftText({ target: TARGET, entries, ignored: 3, readCalls: {}, diagnostics: [] }, NO_COLOR),
    [
      `Target: ${TARGET}`,
      '',
      'No drift: 1 resource in sync with the manifests.',
      '  # logGroup "/aws/lambda/a" is unmanaged, matches rule lambda-retention: compliant',
      '1 unmanaged log group complies with logGroupRules (not drift). 3 unmanaged resources ignored (--ignore, .driftignore).',
      '',
    ].join('\n'),
  );
});

test('the import report: files and what each declares, what was left out and why, defaults a resource lacks, what to do next', () => {
  const files = [
    { path: 'log-groups.yaml', documents: [], counts: new Map([['logGroup', 2]]) },
    { path: 'externals.yaml', documents: [{ comment: '', content: { externals: {} } }], counts: new Map() },
  ];
  const result = {
    scopes: [{ scope: CTX, declarations: new Map(), externals: {} as never }],
    defaultTags: { env: 'prod' },
    newDefaults: false,
    leftOut: [{ scope: CTX, address: { kind: 'anomalyDetector', name: 'arn:aws:logs:us-east-1:123456789012:anomaly-detector:x' }, reason: 'it has no name (the manifests name detectors)' }],
    alreadyDeclared: 4,
    lackingDefaults: [{ scope: CTX, address: { kind: 'logGroup', name: '/b' } }],
  };
  assert.fixture(
    renderImportText({ target: TARGET, dir: 'logging', result, files: files as never, existing: [], diagnostics: [] }, NO_COLOR),
    [
      `Target: ${TARGET}`,
      '',
      'Imported 2 resources into logging (2 files):',
      '  log-groups.yaml  2 log groups',
      '  externals.yaml   externals',
      '',
      '4 resources the manifests in logging declare already were left out.',
      '',
      'Left out (1):',
      '  anomalyDetector "arn:aws:logs:us-east-1:123456789012:anomaly-detector:x": it has no name (the manifests name detectors)',
      '',
      "1 imported resource lacks a tag of the manifests' defaults.tags (env): the next apply adds it.",
      '',
      "Next: 'logwarden plan logging' shows these resources to adopt, and no other change; 'logwarden apply' records them as managed.",
      '',
    ].join('\n'),
  );
});

test.run();
