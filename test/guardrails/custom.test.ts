import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { valueAt } from '../../src/guardrails/custom.js';
import { globMatch, inScope } from '../../src/guardrails/glob.js';
import type { Condition, RuleInstance } from '../../src/guardrails/types.js';
import { group, set, trail } from '../plan/fixtures.js';
import { findings, resultOf } from './helpers.js';

const test = suite('guardrails: custom rules and name globs');

test('globs: * is any run of characters (slashes too), ? one character, the rest literal', () => {
  const cases: [string, string, boolean][] = [
    ['/aws/lambda/*', '/aws/lambda/payments', true],
    ['/aws/lambda/*', '/aws/lambda/a/b', true],
    ['/aws/lambda/*', '/aws/lambdax', false],
    ['*-prod', 'api-prod', true],
    ['*-prod', 'api-prod-2', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['v?', 'v1', true],
    ['v?', 'v12', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['*', '', true],
    ['a.b', 'aXb', false],
  ];
  for (const [glob, text, expected] of cases) assert.is(globMatch(glob, text), expected, `${glob} ~ ${text}`);
  assert.is(inScope('/a/x', [], []), true);
  assert.is(inScope('/a/x', ['/a/*'], ['/a/x']), false);
  assert.is(inScope('/b/x', ['/a/*'], []), false);
});

test('paths: dotted, a key that holds dots found whole, list elements by index', () => {
  const value = { tags: { team: 'api', 'app.kubernetes.io/name': 'web' }, eventSelectors: [{ ReadWriteType: 'All' }] };
  assert.is(valueAt(value, ['tags', 'team']), 'api');
  assert.is(valueAt(value, 'tags.app.kubernetes.io/name'.split('.')), 'web');
  assert.is(valueAt(value, ['eventSelectors', '0', 'ReadWriteType']), 'All');
  assert.is(valueAt(value, ['eventSelectors', '1', 'ReadWriteType']), undefined);
  assert.is(valueAt(value, ['tags', 'owner']), undefined);
});

/** A custom rule over a kind, every name in scope unless `extra` says otherwise. */
const custom = (name: string, kind: 'logGroup' | 'trail', require: Condition[], forbid: Condition[] = [], extra: Partial<RuleInstance> = {}): RuleInstance => ({
  name,
  severity: 'error',
  names: [],
  excludeNames: [],
  custom: { kind, require, forbid },
  ...extra,
});

test('require: a value, one of a list, a glob, "*" for present, null for absent', () => {
  const groups = set({ logGroups: [group('/aws/lambda/a', { tags: { team: 'payments' }, retentionInDays: 30 }), group('/aws/lambda/b', { retentionInDays: 7 }), group('/app/c')] });
  const rule = custom('lambda-owned', 'logGroup', [{ path: 'tags.team', values: ['*'] }, { path: 'retentionInDays', values: [30, 90] }], [], { names: ['/aws/lambda/*'] });
  assert.equal(findings(rule, groups), ['logGroup /aws/lambda/b: tags.team is absent; required: "*" [tags]', 'logGroup /aws/lambda/b: retentionInDays is 7; required: 30 or 90 [retentionInDays]']);
  assert.is(resultOf(rule, groups).checked, 2);
  const glob = custom('team-names', 'logGroup', [{ path: 'tags.team', values: ['pay*', null] }]);
  assert.equal(findings(glob, groups), []);
});

test('forbid: the value must not be one of them; absent passes (unless null is forbidden)', () => {
  const groups = set({ logGroups: [group('/a', { logGroupClass: 'DELIVERY' }), group('/b'), group('/c', { kmsKeyId: 'k' })] });
  assert.equal(findings(custom('no-delivery', 'logGroup', [], [{ path: 'logGroupClass', values: ['DELIVERY'] }]), groups), ['logGroup /a: logGroupClass is "DELIVERY", which is forbidden [logGroupClass]']);
  assert.equal(findings(custom('keyed', 'logGroup', [], [{ path: 'kmsKeyId', values: [null] }]), groups), ['logGroup /a: kmsKeyId is absent, which is forbidden [kmsKeyId]', 'logGroup /b: kmsKeyId is absent, which is forbidden [kmsKeyId]']);
});

test('booleans and numbers compare as values, strings as globs over their text', () => {
  const trails = set({ trails: [trail('a', { isMultiRegionTrail: true }), trail('b')] });
  assert.equal(findings(custom('multi', 'trail', [{ path: 'isMultiRegionTrail', values: [true] }]), trails), ['trail b: isMultiRegionTrail is false; required: true [isMultiRegionTrail]']);
  assert.equal(findings(custom('multi-text', 'trail', [{ path: 'isMultiRegionTrail', values: ['t*'] }]), trails), ['trail b: isMultiRegionTrail is false; required: "t*" [isMultiRegionTrail]']);
});

test.run();
