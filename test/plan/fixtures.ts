import type { Destination } from '../../src/kinds/destination.js';
import type { LogGroup } from '../../src/kinds/log-group.js';
import type { MetricFilter } from '../../src/kinds/metric-filter.js';
import type { ResourcePolicy } from '../../src/kinds/resource-policy.js';
import type { SubscriptionFilter } from '../../src/kinds/subscription-filter.js';
import type { Trail } from '../../src/kinds/trail.js';
import { childAddress } from '../../src/kinds/index.js';
import type { Json, ResourceSet } from '../../src/model/resources.js';
import { emptyResourceSet, putResource, resourcesOf } from '../../src/model/resources.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import * as assert from 'uvu/assert';
import type { Test } from 'uvu';
import { formatAddress } from '../../src/model/address.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources, type Ownership } from '../../src/plan/changes.js';

/** The account and region every planner test builds ARNs in. */
export const CTX = { account: '123456789012', region: 'us-east-1' };
export const ACCOUNT_ARN = `${CTX.region}:${CTX.account}`;

/** A log group with what lives in it, as tables write it (`set` makes each part a resource). */
export interface GroupFixture extends LogGroup {
  metricFilters: Record<string, MetricFilter>;
  subscriptionFilters: Record<string, SubscriptionFilter>;
  dataProtectionPolicy?: Json;
}

/** A log group in canonical form: STANDARD, no tags, nothing nested, unless `extra` says otherwise. */
export const group = (name: string, extra: Partial<GroupFixture> = {}): GroupFixture => ({
  logGroupName: name,
  logGroupClass: 'STANDARD',
  tags: {},
  metricFilters: {},
  subscriptionFilters: {},
  ...extra,
});

/** A metric filter counting matches of `pattern`. */
export const metricFilter = (filterName: string, pattern = '"ERROR"', extra: Partial<MetricFilter> = {}): MetricFilter => ({
  filterName,
  filterPattern: pattern,
  metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
  ...extra,
});

/** A subscription filter to a Lambda function (or any `destinationArn`). */
export const subscription = (filterName: string, destinationArn: string, extra: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  filterName,
  filterPattern: '',
  destinationArn,
  distribution: 'ByLogStream',
  ...extra,
});

/** A destination to a Kinesis stream. */
export const destination = (name: string, extra: Partial<Destination> = {}): Destination => ({
  destinationName: name,
  targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/${name}`,
  roleArn: `arn:aws:iam::${CTX.account}:role/cwl`,
  tags: {},
  ...extra,
});

/** A single-region trail with AWS's defaults, logging. */
export const trail = (name: string, extra: Partial<Trail> = {}): Trail => ({
  name,
  s3BucketName: 'trail-bucket',
  includeGlobalServiceEvents: true,
  isMultiRegionTrail: false,
  enableLogFileValidation: false,
  isOrganizationTrail: false,
  logging: true,
  insightSelectors: [],
  tags: {},
  ...extra,
});

/** A resource set holding exactly the given resources. */
export function set(parts: { logGroups?: GroupFixture[]; destinations?: Destination[]; resourcePolicies?: ResourcePolicy[]; trails?: Trail[] }): ResourceSet {
  const s = emptyResourceSet();
  for (const { metricFilters, subscriptionFilters, dataProtectionPolicy, ...g } of parts.logGroups ?? []) {
    const name = g.logGroupName;
    putResource(s, { kind: 'logGroup', name }, g);
    for (const [key, f] of Object.entries(metricFilters)) putResource(s, childAddress('metricFilter', name, key), f);
    for (const [key, f] of Object.entries(subscriptionFilters)) putResource(s, childAddress('subscriptionFilter', name, key), f);
    if (dataProtectionPolicy !== undefined) putResource(s, childAddress('dataProtectionPolicy', name), { policyDocument: dataProtectionPolicy });
  }
  for (const d of parts.destinations ?? []) putResource(s, { kind: 'destination', name: d.destinationName }, d);
  for (const p of parts.resourcePolicies ?? []) putResource(s, { kind: 'resourcePolicy', name: p.policyName }, p);
  for (const t of parts.trails ?? []) putResource(s, { kind: 'trail', name: t.name }, t);
  return s;
}

/** The names of one kind's resources in a set, sorted. */
export const namesOf = (s: ResourceSet, kind: string): string[] => resourcesOf(s, kind).map((r) => r.address.name).sort();

/** The value of one resource of a set (or undefined). */
export const valueOf = <T = any>(s: ResourceSet, kind: string, name: string): T => s.get(`${kind}:${name}`)?.value as T;

/** Ownership of exactly the listed address keys (`logGroup:/a`). */
export const owning = (...keys: string[]): Ownership => ({ isOwned: (a) => keys.includes(`${a.kind}:${a.name}`) });
export const NOTHING_OWNED: Ownership = { isOwned: () => false };
export const EVERYTHING_OWNED: Ownership = { isOwned: () => true };

/** The desired resources of one in-memory manifest file; throws on any diagnostic. */
export function desiredOf(yaml: string): ResourceSet {
  const m = emptyManifest();
  loadFile('m.yaml', yaml, m);
  const desired = resolveManifest(m, CTX);
  const problems = [...m.diagnostics, ...desired.diagnostics];
  if (problems.length) throw new Error(problems.map((d) => d.summary).join('\n'));
  return desired.resources;
}

/** One planned call as tables write it: operation, input, and the positions (c1…) it waits for. */
export type CallRow = [operation: string, input: Record<string, unknown>, dependsOn?: string[]];

/** A planner table row: what is declared, what the target holds, and what must happen. */
export interface PlanCase {
  name: string;
  desired: ResourceSet;
  observed: ResourceSet;
  ownership?: Ownership;
  /** Every change in the differ's order: `update logGroup "/a"`, `no-op (adopt) trail "t"`. */
  actions: string[];
  calls: CallRow[];
}

/** The changes and calls of a case, in the tables' notation (ids checked to be c1, c2, … in order). */
export function planOf(c: Pick<PlanCase, 'desired' | 'observed' | 'ownership'>): { actions: string[]; calls: CallRow[] } {
  const changes = diffResources(c.desired, c.observed, c.ownership ?? EVERYTHING_OWNED);
  const calls = planCalls(changes, CTX);
  calls.forEach((call, i) => {
    if (call.id !== `c${i + 1}`) throw new Error(`call ${i} has id ${call.id}`);
  });
  return {
    actions: changes.map((ch) => `${ch.action}${ch.adopt ? ' (adopt)' : ''} ${formatAddress(ch.address)}`),
    calls: calls.map((call) => [call.operation, call.input, call.dependsOn]),
  };
}

/** Registers one uvu test per case: the actions and the exact calls. */
export function tableTests(test: Test, cases: PlanCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const got = planOf(c);
      assert.equal(got.actions, c.actions, 'actions');
      assert.equal(got.calls, c.calls.map(([op, input, deps]) => [op, input, deps ?? []]), 'calls');
    });
  }
}
