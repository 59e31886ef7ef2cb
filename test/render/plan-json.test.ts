import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import type { ApiCall } from '../../src/model/calls.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { diffResources } from '../../src/plan/changes.js';
import { PLAN_FORMAT_VERSION, renderPlanJson } from '../../src/render/plan-json.js';
import { group, NOTHING_OWNED, owning, set } from '../plan/fixtures.js';

const test = suite('render: plan JSON');

const CALL: ApiCall = {
  id: 'c1',
  service: 'logs',
  operation: 'PutRetentionPolicy',
  input: { logGroupName: '/a', retentionInDays: 30 },
  address: { kind: 'logGroup', name: '/a' },
  dependsOn: [],
};
const DIAGNOSTIC: Diagnostic = { severity: 'warning', summary: 'w', source: { file: 'a.yaml', line: 2, col: 3 }, address: { kind: 'logGroup', name: '/a' } };

test('the document: version, target, summary, resource changes, calls, read calls, diagnostics', () => {
  const desired = set({ logGroups: [group('/a', { retentionInDays: 30 }), group('/b')] });
  const observed = set({ logGroups: [group('/a'), group('/gone')] });
  const changes = diffResources(desired, observed, owning('logGroup:/gone'));
  const text = renderPlanJson({
    target: 'local engine (state), us-east-1',
    changes,
    calls: [CALL, { ...CALL, id: 'c2', operation: 'DeleteLogGroup', input: { logGroupName: '/gone' }, address: { kind: 'logGroup', name: '/gone' }, dependsOn: ['c1'] }],
    readCalls: { 'logs:DescribeLogGroups': 1, 'cloudtrail:DescribeTrails': 1 },
    diagnostics: [DIAGNOSTIC],
  });
  const doc = JSON.parse(text);
  assert.is(text, `${JSON.stringify(doc, null, 2)}\n`, 'two-space indented, one trailing newline');
  assert.equal(Object.keys(doc), ['format_version', 'target', 'errored', 'summary', 'partial', 'resource_changes', 'calls', 'read_calls', 'assumed_externals', 'cost', 'guardrails', 'diagnostics']);
  assert.is(doc.partial, null);
  assert.is(doc.errored, false);
  assert.is(doc.format_version, PLAN_FORMAT_VERSION);
  assert.is(doc.format_version, '1.3');
  assert.is(doc.target, 'local engine (state), us-east-1');
  assert.equal(doc.summary, { add: 1, change: 1, replace: 0, destroy: 1, adopt: 1 });
  const g = (name: string, extra = {}) => ({ logGroupName: name, logGroupClass: 'STANDARD', tags: {}, ...extra });
  assert.equal(doc.resource_changes, [
    {
      address: 'logGroup "/a"',
      kind: 'logGroup',
      name: '/a',
      action: 'update',
      adopt: true,
      before: g('/a'),
      after: g('/a', { retentionInDays: 30 }),
      rules: [],
      unmanaged: false,
      protection: null,
      attributes: [{ path: 'retentionInDays', before: null, after: 30, forcesReplacement: false, diff: { op: 'add', value: 30 }, rule: null }],
    },
    { address: 'logGroup "/b"', kind: 'logGroup', name: '/b', action: 'create', adopt: false, before: null, after: g('/b'), rules: [], unmanaged: false, protection: null, attributes: [] },
    { address: 'logGroup "/gone"', kind: 'logGroup', name: '/gone', action: 'delete', adopt: false, before: g('/gone'), after: null, rules: [], unmanaged: false, protection: null, attributes: [] },
  ]);
  assert.equal(doc.calls, [
    { id: 'c1', service: 'logs', operation: 'PutRetentionPolicy', input: { logGroupName: '/a', retentionInDays: 30 }, address: 'logGroup "/a"', depends_on: [] },
    { id: 'c2', service: 'logs', operation: 'DeleteLogGroup', input: { logGroupName: '/gone' }, address: 'logGroup "/gone"', depends_on: ['c1'] },
  ]);
  assert.equal(doc.read_calls, { 'logs:DescribeLogGroups': 1, 'cloudtrail:DescribeTrails': 1 });
  assert.equal(doc.diagnostics, [
    { severity: 'warning', summary: 'w', source: { file: 'a.yaml', line: 2, col: 3 }, address: { kind: 'logGroup', name: '/a' } },
  ]);
});

test('no-op changes are listed (with adopt) and counted nowhere but adopt', () => {
  const changes = diffResources(set({ logGroups: [group('/a')] }), set({ logGroups: [group('/a')] }), NOTHING_OWNED);
  const doc = JSON.parse(renderPlanJson({ target: 't', changes, calls: [], readCalls: {}, diagnostics: [] }));
  assert.equal(doc.summary, { add: 0, change: 0, replace: 0, destroy: 0, adopt: 1 });
  assert.equal(
    doc.resource_changes.map((c: { action: string; adopt: boolean }) => [c.action, c.adopt]),
    [['no-op', true]],
  );
  assert.equal(doc.calls, []);
  assert.equal(doc.diagnostics, []);
});

test('a replacement names the attribute that forces it', () => {
  const changes = diffResources(set({ logGroups: [group('/a')] }), set({ logGroups: [group('/a', { logGroupClass: 'DELIVERY' })] }), NOTHING_OWNED);
  const doc = JSON.parse(renderPlanJson({ target: 't', changes, calls: [], readCalls: {}, diagnostics: [] }));
  assert.is(doc.resource_changes[0].action, 'replace');
  assert.equal(doc.resource_changes[0].attributes, [
    { path: 'logGroupClass', before: 'DELIVERY', after: 'STANDARD', forcesReplacement: true, diff: { op: 'change', before: 'DELIVERY', after: 'STANDARD' }, rule: null },
  ]);
  assert.equal(doc.summary, { add: 0, change: 0, replace: 1, destroy: 0, adopt: 1 });
});

test('an attribute carries its nested diff: objects member by member, lists aligned element by element', () => {
  const policy = (actions: string[], effect: string) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: actions }] });
  const changes = diffResources(
    set({ resourcePolicies: [{ policyName: 'p', policyDocument: policy(['logs:A', 'logs:C'], 'Allow') }] }),
    set({ resourcePolicies: [{ policyName: 'p', policyDocument: policy(['logs:A', 'logs:B'], 'Deny') }] }),
    NOTHING_OWNED,
  );
  const doc = JSON.parse(renderPlanJson({ target: 't', changes, calls: [], readCalls: {}, diagnostics: [] }));
  assert.equal(doc.resource_changes[0].attributes[0].diff, {
    op: 'object',
    members: [
      {
        key: 'Statement',
        diff: {
          op: 'list',
          items: [
            {
              op: 'object',
              members: [
                { key: 'Action', diff: { op: 'list', items: [{ op: 'same', value: 'logs:A' }, { op: 'change', before: 'logs:B', after: 'logs:C' }] } },
                { key: 'Effect', diff: { op: 'change', before: 'Deny', after: 'Allow' } },
              ],
            },
          ],
        },
      },
      { key: 'Version', diff: { op: 'same', value: '2012-10-17' } },
    ],
  });
});

test.run();
