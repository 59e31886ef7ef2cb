import type { Random } from './generate.js';
import { ACCOUNT_ARN, CTX } from './fixtures.js';

/**
 * The kinds of issue 13 in generated manifests: every choice is one AWS accepts, and what AWS cannot
 * change in place (a destination's type and format, a source's resource) is fixed per name, so that
 * any manifest applies over any other.
 */

type Obj = Record<string, unknown>;

/** Resources of other services the generated delivery sources name (registered as externals). */
export const DISTRIBUTIONS = ['EDIST1', 'EDIST2'].map((id) => `arn:aws:cloudfront::${CTX.account}:distribution/${id}`);
export const DELIVERY_BUCKET = 'vended-logs';

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const CRITERIA = ['@aws.region = "us-east-1"', `@aws.account IN ["${CTX.account}"]`];
const SYSTEM_FIELDS = ['@aws.account', '@aws.region'];

/** The newer members of a metric filter (`emit` names its system-field list). */
export function filterOptions(r: Random, emit: 'emitSystemFieldDimensions' | 'emitSystemFields'): Obj {
  return defined({
    applyOnTransformedLogs: r.chance(0.2) ? r.chance(0.5) : undefined,
    fieldSelectionCriteria: r.chance(0.2) ? r.pick(CRITERIA) : undefined,
    [emit]: r.chance(0.3) ? r.some(SYSTEM_FIELDS) : undefined,
  });
}

/** Deletion protection stays off (a protected group could not be deleted by the next manifest), said or not. */
export function groupOptions(r: Random, standard: boolean): Obj {
  const fields = r.some(['requestId', 'orderId', 'userId']);
  return defined({
    deletionProtectionEnabled: r.chance(0.2) ? false : undefined,
    indexPolicy: standard && fields.length && r.chance(0.3) ? (r.chance(0.5) ? { Fields: fields } : { FieldsV2: Object.fromEntries(fields.map((f) => [f, { type: r.pick(['FIELD_INDEX', 'FACET']) }])) }) : undefined,
  });
}

const DP_IDS = ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'];
const dataProtection = (name: string) => ({
  Name: name,
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: DP_IDS, Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'redact', DataIdentifier: DP_IDS, Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});

/** At most one policy per type (their quotas and overlaps are AWS's business); names vary, so renames happen. */
function accountPolicies(r: Random): Obj | undefined {
  const out: [string, Obj][] = [];
  if (r.chance(0.3)) out.push([`DATA_PROTECTION_POLICY/${r.pick(['dp-a', 'dp-b'])}`, { policyDocument: dataProtection('account') }]);
  if (r.chance(0.3)) {
    out.push([`FIELD_INDEX_POLICY/${r.pick(['ids', 'app-ids'])}`, defined({ policyDocument: { Fields: r.some(['requestId', 'traceId'], 2).concat('sessionId') }, selectionCriteria: r.chance(0.5) ? `LogGroupNamePrefix IN ["/app/"]` : undefined })]);
  }
  return out.length ? Object.fromEntries(out) : undefined;
}

/** Sources, destinations (`to-logs` into a declared group, `to-bucket` into S3) and deliveries between them. */
function delivery(r: Random, groups: string[]): Obj {
  const sources = r.some(['cdn-1', 'cdn-2']);
  const destinations: [string, Obj][] = [];
  const logs = groups.filter((g) => !g.startsWith('/aws/cloudtrail'));
  if (logs.length && r.chance(0.6)) destinations.push(['to-logs', { deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:logs:${ACCOUNT_ARN}:log-group:${r.pick(logs)}` } }]);
  if (r.chance(0.6)) destinations.push(['to-bucket', defined({ deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:s3:::${DELIVERY_BUCKET}` }, outputFormat: 'json', tags: r.chance(0.5) ? { team: r.pick(['edge', 'ops']) } : undefined })]);
  const deliveries = sources.flatMap((s) =>
    destinations
      .filter(() => r.chance(0.7))
      .map(([d]): [string, Obj] => [`${s}/${d}`, defined({ recordFields: r.chance(0.4) ? ['date', 'time', r.pick(['c-ip', 'sc-status'])] : undefined, fieldDelimiter: r.chance(0.2) ? r.pick([',', '|']) : undefined })]),
  );
  return defined({
    deliverySources: sources.length ? Object.fromEntries(sources.map((s) => [s, { resourceArn: DISTRIBUTIONS[Number(s.slice(-1)) - 1], logType: 'ACCESS_LOGS' }])) : undefined,
    deliveryDestinations: destinations.length ? Object.fromEntries(destinations) : undefined,
    deliveries: deliveries.length ? Object.fromEntries(deliveries) : undefined,
  });
}

function insights(r: Random, groups: string[]): Obj {
  const queries = r.some(['errors', 'ops/latency']);
  const detectors = groups.length ? r.some(['spikes', 'rare-errors']) : [];
  return defined({
    queryDefinitions: queries.length
      ? Object.fromEntries(queries.map((q) => [q, defined({ queryString: `fields @message | limit ${r.pick([10, 20])}`, logGroupNames: r.chance(0.5) ? r.some(groups, 2) : undefined })]))
      : undefined,
    anomalyDetectors: detectors.length
      ? Object.fromEntries(
          detectors.map((d) => [d, defined({ logGroupArnList: [r.pick(groups)], evaluationFrequency: r.chance(0.5) ? r.pick(['ONE_MIN', 'ONE_HOUR']) : undefined, enabled: r.chance(0.3) ? r.chance(0.5) : undefined, filterPattern: r.chance(0.3) ? 'ERROR' : undefined })]),
        )
      : undefined,
  });
}

/** The top-level sections of the kinds of issue 13, over the manifest's log groups. */
export function governanceSections(r: Random, groups: string[]): Obj {
  return defined({ accountPolicies: accountPolicies(r), ...delivery(r, groups), ...insights(r, groups) });
}
