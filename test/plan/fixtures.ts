import type { Destination, LogGroup, MetricFilter, ResourceSet, SubscriptionFilter, Trail } from '../../src/model/resources.js';
import { emptyResourceSet } from '../../src/model/resources.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import type { Ownership } from '../../src/plan/changes.js';

/** The account and region every planner test builds ARNs in. */
export const CTX = { account: '123456789012', region: 'us-east-1' };
export const ACCOUNT_ARN = `${CTX.region}:${CTX.account}`;

/** A log group in canonical form: STANDARD, no tags, nothing nested, unless `extra` says otherwise. */
export const group = (name: string, extra: Partial<LogGroup> = {}): LogGroup => ({
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
export function set(parts: {
  logGroups?: LogGroup[];
  destinations?: Destination[];
  resourcePolicies?: ResourceSet['resourcePolicies'][string][];
  trails?: Trail[];
}): ResourceSet {
  const s = emptyResourceSet();
  for (const g of parts.logGroups ?? []) s.logGroups[g.logGroupName] = g;
  for (const d of parts.destinations ?? []) s.destinations[d.destinationName] = d;
  for (const p of parts.resourcePolicies ?? []) s.resourcePolicies[p.policyName] = p;
  for (const t of parts.trails ?? []) s.trails[t.name] = t;
  return s;
}

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
