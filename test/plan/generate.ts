import { RETENTION_DAYS } from '../../src/kinds/log-group.js';
import type { Json } from '../../src/model/resources.js';
import { ACCOUNT_ARN, CTX } from './fixtures.js';
import { DELIVERY_BUCKET, DISTRIBUTIONS, filterOptions, governanceSections, groupOptions } from './generate-governance.js';

/** A deterministic PRNG (mulberry32): the same seed, the same manifests, on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Up to `max` distinct items, in their original order. */
  some<T>(items: readonly T[], max = items.length): T[] {
    const n = this.int(Math.min(max, items.length) + 1);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(this.int(items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
  }
}

/** What every generated manifest may reference: registered with the engine before applying. */
export const EXTERNALS = {
  s3Buckets: ['trail-bucket-a', 'trail-bucket-b', DELIVERY_BUCKET],
  kmsKeys: [{ arn: `arn:aws:kms:${ACCOUNT_ARN}:key/11111111-1111-1111-1111-111111111111` }, { arn: `arn:aws:kms:${ACCOUNT_ARN}:key/22222222-2222-2222-2222-222222222222` }],
  iamRoles: [`arn:aws:iam::${CTX.account}:role/logs`, `arn:aws:iam::${CTX.account}:role/trail`],
  kinesisStreams: [`arn:aws:kinesis:${ACCOUNT_ARN}:stream/s1`, `arn:aws:kinesis:${ACCOUNT_ARN}:stream/s2`],
  firehoseStreams: [`arn:aws:firehose:${ACCOUNT_ARN}:deliverystream/f1`],
  lambdaFunctions: [`arn:aws:lambda:${ACCOUNT_ARN}:function:sink`],
  snsTopics: [`arn:aws:sns:${ACCOUNT_ARN}:trail-topic`],
  resources: DISTRIBUTIONS,
};
const [LOGS_ROLE, TRAIL_ROLE] = EXTERNALS.iamRoles as [string, string];

const GROUP_NAMES = ['/app/api', '/app/web', '/aws/lambda/payments', '/aws/lambda/orders', 'plain', 'team.x-y_z', '/aws/cloudtrail/org'];
const TAG_KEYS = ['team', 'env', 'cost-center', 'owner'];
const TAG_VALUES = ['a', 'b', 'payments', 'prod', ''];
const PATTERNS = ['', '"ERROR"', 'ERROR -DEBUG', '[ip, user, status]', '{ $.level = "error" }'];
const IDENTIFIERS = ['EmailAddress', 'IpAddress', 'AwsSecretKey', 'DriversLicense-US'].map((n) => `arn:aws:dataprotection::aws:data-identifier/${n}`);

type Obj = Record<string, unknown>;

const tags = (r: Random): Obj | undefined => {
  const keys = r.some(TAG_KEYS, 3);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, r.pick(TAG_VALUES)])) : undefined;
};

/** Drops undefined members, so YAML output and diffs see only what was set. */
const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function metricFilter(r: Random): Obj {
  const pattern = r.pick(PATTERNS);
  const transformation: Obj = { metricName: r.pick(['Errors', 'Hits']), metricNamespace: r.pick(['App', 'Payments']), metricValue: '1' };
  if (pattern.startsWith('{') && r.chance(0.5)) transformation.metricValue = '$.latency';
  if (r.chance(0.3)) transformation.defaultValue = r.pick([0, 1.5]);
  if (r.chance(0.3)) transformation.unit = r.pick(['Count', 'Milliseconds']);
  return { filterPattern: pattern, metricTransformations: [transformation], ...filterOptions(r, 'emitSystemFieldDimensions') };
}

function subscriptionFilter(r: Random, destinations: string[]): Obj {
  return { ...subscriptionTarget(r, destinations), ...filterOptions(r, 'emitSystemFields') };
}

function subscriptionTarget(r: Random, destinations: string[]): Obj {
  const filterPattern = r.pick(PATTERNS);
  const kind = r.int(destinations.length ? 4 : 3);
  if (kind === 0) return { filterPattern, destinationArn: EXTERNALS.lambdaFunctions[0] };
  if (kind === 1) return defined({ filterPattern, destinationArn: r.pick(EXTERNALS.kinesisStreams), roleArn: LOGS_ROLE, distribution: r.chance(0.5) ? r.pick(['Random', 'ByLogStream']) : undefined });
  if (kind === 2) return { filterPattern, destinationArn: EXTERNALS.firehoseStreams[0], roleArn: LOGS_ROLE };
  return { filterPattern, destination: r.pick(destinations) };
}

/** A data protection policy by the seed's rules: Audit then Deidentify over the same identifiers. */
function dataProtectionPolicy(r: Random): Obj {
  const ids = r.some(IDENTIFIERS);
  const identifiers = ids.length ? ids : [IDENTIFIERS[0]!];
  return defined({
    Name: r.pick(['data-protection', 'pii']),
    Description: r.chance(0.5) ? 'generated' : undefined,
    Version: '2021-06-01',
    Statement: [
      { Sid: 'audit', DataIdentifier: identifiers, Operation: { Audit: { FindingsDestination: {} } } },
      { Sid: 'redact', DataIdentifier: identifiers, Operation: { Deidentify: { MaskConfig: {} } } },
    ],
  });
}

function logGroup(r: Random, destinations: string[]): Obj {
  const logGroupClass = r.chance(0.1) ? 'DELIVERY' : r.chance(0.2) ? 'INFREQUENT_ACCESS' : r.chance(0.5) ? 'STANDARD' : undefined;
  const metricFilters = logGroupClass === 'INFREQUENT_ACCESS' ? [] : r.some(['errors', 'hits', 'latency'], 2);
  const subscriptionFilters = r.some(['to-siem', 'to-archive', 'to-lambda'], 2);
  return defined({
    retentionInDays: logGroupClass !== 'DELIVERY' && r.chance(0.6) ? r.pick(RETENTION_DAYS) : undefined,
    kmsKeyId: r.chance(0.25) ? r.pick(EXTERNALS.kmsKeys).arn : undefined,
    logGroupClass,
    tags: tags(r),
    metricFilters: metricFilters.length ? Object.fromEntries(metricFilters.map((n) => [n, metricFilter(r)])) : undefined,
    subscriptionFilters: subscriptionFilters.length ? Object.fromEntries(subscriptionFilters.map((n) => [n, subscriptionFilter(r, destinations)])) : undefined,
    dataProtectionPolicy: logGroupClass !== 'INFREQUENT_ACCESS' && r.chance(0.2) ? dataProtectionPolicy(r) : undefined,
    ...groupOptions(r, (logGroupClass ?? 'STANDARD') === 'STANDARD'),
  });
}

const accessPolicy = (r: Random): Json => ({
  Version: '2012-10-17',
  Statement: [
    defined({
      Sid: r.pick(['partners', 'org']),
      Effect: 'Allow',
      Principal: { AWS: r.chance(0.5) ? '111122223333' : ['111122223333', '444455556666'] },
      Action: r.chance(0.5) ? 'logs:PutSubscriptionFilter' : ['logs:PutSubscriptionFilter'],
      Resource: `arn:aws:logs:${ACCOUNT_ARN}:destination:*`,
    }) as Json,
  ],
});

const resourcePolicy = (r: Random, service: string): Json => ({
  Version: '2012-10-17',
  Statement: {
    Effect: 'Allow',
    Principal: { Service: service },
    Action: r.chance(0.5) ? ['logs:CreateLogStream', 'logs:PutLogEvents'] : 'logs:PutLogEvents',
    Resource: `arn:aws:logs:${ACCOUNT_ARN}:log-group:${r.pick(['/aws/route53/*', '*'])}`,
  },
});

/** Selectors of one of three kinds (none, basic, advanced), and whether they log write management events. */
function eventSelectors(r: Random): { selectors: Obj; writeManagement: boolean } {
  if (r.chance(0.4)) return { selectors: {}, writeManagement: true };
  if (r.chance(0.5)) {
    const dataResources = r.chance(0.5) ? [{ type: 'AWS::S3::Object', values: [`arn:aws:s3:::${r.pick(EXTERNALS.s3Buckets)}/`] }] : undefined;
    // CloudTrail: a selector without management events must log data events
    const includeManagementEvents = dataResources && r.chance(0.3) ? false : r.chance(0.5) ? true : undefined;
    const readWriteType = r.chance(0.7) ? r.pick(['ReadOnly', 'WriteOnly', 'All']) : undefined;
    return {
      selectors: { eventSelectors: [defined({ readWriteType, includeManagementEvents, dataResources })] },
      writeManagement: includeManagementEvents !== false && readWriteType !== 'ReadOnly',
    };
  }
  const category = r.pick(['Management', 'Data']);
  const fields: Obj[] = [{ field: 'eventCategory', equals: [category] }];
  if (category === 'Data') fields.push({ field: 'resources.type', equals: ['AWS::S3::Object'] });
  return { selectors: { advancedEventSelectors: [defined({ name: r.chance(0.5) ? 'selected' : undefined, fieldSelectors: fields })] }, writeManagement: category === 'Management' };
}

function trail(r: Random, groups: string[]): Obj {
  const multiRegion = r.chance(0.3);
  const group = groups.length && r.chance(0.4) ? r.pick(groups) : undefined;
  const { selectors, writeManagement } = eventSelectors(r);
  return defined({
    s3BucketName: r.pick(EXTERNALS.s3Buckets),
    s3KeyPrefix: r.chance(0.3) ? 'logs' : undefined,
    snsTopicName: r.chance(0.2) ? r.pick(['trail-topic', EXTERNALS.snsTopics[0]!]) : undefined,
    includeGlobalServiceEvents: multiRegion ? undefined : r.chance(0.3) ? false : undefined,
    isMultiRegionTrail: multiRegion || undefined,
    enableLogFileValidation: r.chance(0.5) ? r.chance(0.5) : undefined,
    cloudWatchLogsLogGroup: group,
    cloudWatchLogsRoleArn: group ? TRAIL_ROLE : undefined,
    kmsKeyId: r.chance(0.2) ? r.pick(EXTERNALS.kmsKeys).arn : undefined,
    logging: r.chance(0.3) ? r.chance(0.5) : undefined,
    // Insights analyze write management events (ApiCallRateInsight needs them)
    insightSelectors: writeManagement && r.chance(0.3) ? r.some(['ApiCallRateInsight', 'ApiErrorRateInsight']) : undefined,
    tags: tags(r),
    ...selectors,
  });
}

/** A random manifest AWS would accept (as a plain object, for YAML), referencing only EXTERNALS. */
export function generateManifest(r: Random): Obj {
  const destinations = r.some(['siem', 'archive']);
  const groups = r.some(GROUP_NAMES, 5);
  const manifest: Obj = {};
  if (r.chance(0.5)) manifest.defaults = { tags: { 'managed-by': 'logwarden' } };
  manifest.externals = { ...EXTERNALS };
  if (groups.length) manifest.logGroups = Object.fromEntries(groups.map((g) => [g, logGroup(r, destinations)]));
  if (destinations.length) {
    manifest.destinations = Object.fromEntries(
      destinations.map((d) => [d, defined({ targetArn: r.pick(EXTERNALS.kinesisStreams), roleArn: LOGS_ROLE, accessPolicy: r.chance(0.6) ? accessPolicy(r) : undefined, tags: tags(r) })]),
    );
  }
  const policies = r.some(['route53', 'vpc-flow', 'es'], 3);
  if (policies.length) manifest.resourcePolicies = Object.fromEntries(policies.map((p, i) => [p, { policyDocument: resourcePolicy(r, ['route53.amazonaws.com', 'delivery.logs.amazonaws.com', 'es.amazonaws.com'][i]!) }]));
  const trails = r.some(['org', 'data', 'audit'], 3);
  if (trails.length) manifest.trails = Object.fromEntries(trails.map((t) => [t, trail(r, groups)]));
  return { ...manifest, ...governanceSections(r, groups) };
}
