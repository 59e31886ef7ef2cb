import { buildArn, parseArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalIamPolicy, canonicalTags } from '../model/normalize.js';
import type { Json, Tags } from '../model/resources.js';
import { str, tagsField } from '../model/schema.js';
import { declared, externalArns, logs, logsResourceIn, logsTagSteps, observedPolicy, ownTags } from './shared.js';
import type { KindSpec, Scope } from './types.js';

export type DeliveryDestinationType = 'CWL' | 'S3' | 'FH' | 'XRAY';

/** Where vended logs go: a log group, an S3 bucket, a Firehose stream, or X-Ray. */
export interface DeliveryDestination {
  name: string;
  /** Create-only; from the resource's ARN unless X-Ray. */
  deliveryDestinationType: DeliveryDestinationType;
  /** Create-only. Absent in the manifest: whatever AWS chose. */
  outputFormat?: string;
  /** Absent for X-Ray. */
  deliveryDestinationConfiguration?: { destinationResourceArn: string };
  /** Who may deliver to it from other accounts (IAM policy document). */
  deliveryDestinationPolicy?: Json;
  tags: Tags;
}

interface DeliveryDestinationDeclaration {
  deliveryDestinationType?: DeliveryDestinationType;
  outputFormat?: string;
  deliveryDestinationConfiguration?: { destinationResourceArn: string };
  deliveryDestinationPolicy?: Json;
  tags?: Tags;
}

const arnOf = (scope: Scope, name: string) => buildArn(scope, 'logs', `delivery-destination:${name}`);

/** The destination type a resource ARN stands for (as PutDeliveryDestination derives it). */
function typeOfResource(arn: string): DeliveryDestinationType | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service === 'logs' && parsed.resource.startsWith('log-group:')) return 'CWL';
  if (parsed?.service === 's3') return 'S3';
  if (parsed?.service === 'firehose' && parsed.resource.startsWith('deliverystream/')) return 'FH';
  return undefined;
}

/** Delivery destinations: `deliveryDestinations.<name>`, with their policy as YAML. */
export const deliveryDestinationKind: KindSpec<DeliveryDestination> = {
  section: 'deliveryDestinations',
  noun: 'delivery destination',
  doc: 'Vended-log delivery destinations by name.',
  fields: {
    kind: 'object',
    doc: 'A delivery destination; the key is its name (letters, digits, _ and -).',
    fields: {
      deliveryDestinationConfiguration: {
        kind: 'object',
        doc: 'The resource receiving the logs (not for X-Ray).',
        fields: { destinationResourceArn: str('ARN of a log group, an S3 bucket (`arn:aws:s3:::bucket`) or a Firehose stream.', { required: true }) },
      },
      deliveryDestinationType: str('CWL, S3, FH (from the resource ARN when omitted) or XRAY. Create-only.', { enum: ['CWL', 'S3', 'FH', 'XRAY'] }),
      outputFormat: str("Format of the delivered logs. Create-only. Absent: AWS's choice, never compared.", { enum: ['json', 'plain', 'w3c', 'raw', 'parquet'] }),
      deliveryDestinationPolicy: { kind: 'json', doc: 'IAM policy document: which accounts may deliver to it (logs:CreateDelivery).' },
      tags: tagsField,
    },
  },
  phase: 2,
  createOnly: ['deliveryDestinationType', 'outputFormat'],
  computed: ['outputFormat'],
  refersTo: ['logGroup'],
  // a cross-account delivery to it needs its policy in place too
  readyAfter: 'all',

  resolve(decl, ctx) {
    const spec = decl.spec as DeliveryDestinationDeclaration;
    if (!/^[\w-]{1,60}$/.test(decl.name)) ctx.fail(`delivery destination name '${decl.name}' must be 1 to 60 letters, digits, _ or -`);
    const arn = spec.deliveryDestinationConfiguration?.destinationResourceArn;
    const derived = arn === undefined ? undefined : typeOfResource(arn);
    if (arn !== undefined && derived === undefined) {
      ctx.fail(`delivery destination '${decl.name}': '${arn}' is not the ARN of a log group, an S3 bucket or a Firehose stream`, ['deliveryDestinationConfiguration', 'destinationResourceArn']);
      return undefined;
    }
    const type = spec.deliveryDestinationType ?? derived;
    if (type === undefined || (type === 'XRAY') !== (arn === undefined) || (derived !== undefined && type !== derived)) {
      ctx.fail(`delivery destination '${decl.name}' needs deliveryDestinationConfiguration.destinationResourceArn (CWL, S3, FH, whose type it gives), or deliveryDestinationType XRAY alone`);
      return undefined;
    }
    const d: DeliveryDestination = { name: decl.name, deliveryDestinationType: type, tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }) };
    if (spec.outputFormat !== undefined) d.outputFormat = spec.outputFormat;
    if (arn !== undefined) d.deliveryDestinationConfiguration = { destinationResourceArn: arn };
    if (spec.deliveryDestinationPolicy !== undefined) d.deliveryDestinationPolicy = canonicalIamPolicy(spec.deliveryDestinationPolicy);
    return d;
  },

  declare: (d, ctx) =>
    declared({
      deliveryDestinationConfiguration: d.deliveryDestinationConfiguration,
      // the type follows from the resource's ARN, except X-Ray's
      deliveryDestinationType: d.deliveryDestinationConfiguration === undefined ? d.deliveryDestinationType : undefined,
      outputFormat: d.outputFormat,
      deliveryDestinationPolicy: d.deliveryDestinationPolicy,
      tags: ownTags(d.tags, ctx.defaultTags),
    }),

  read: {
    list: { from: 'account', requests: [logs('DescribeDeliveryDestinations', { limit: 50 })], items: 'deliveryDestinations', paging: 'nextToken' },
    name: (d) => d.name,
    details: { policy: { each: (d) => logs('GetDeliveryDestinationPolicy', { deliveryDestinationName: d.name }) } },
    observe(d, details) {
      const out: DeliveryDestination = { name: d.name, deliveryDestinationType: d.deliveryDestinationType, tags: canonicalTags(d.tags) };
      if (d.outputFormat !== undefined) out.outputFormat = d.outputFormat;
      const arn = d.deliveryDestinationConfiguration?.destinationResourceArn;
      if (arn !== undefined) out.deliveryDestinationConfiguration = { destinationResourceArn: arn };
      const policy = observedPolicy(details.policy?.policy?.deliveryDestinationPolicy, canonicalIamPolicy);
      if (policy !== undefined) out.deliveryDestinationPolicy = policy;
      return out;
    },
  },

  references(d, scope) {
    const group = logsResourceIn(scope, d.deliveryDestinationConfiguration?.destinationResourceArn, 'logGroup', 'log-group');
    return group ? [group] : [];
  },
  externals(d) {
    const arn = d.deliveryDestinationConfiguration?.destinationResourceArn;
    if (d.deliveryDestinationType === 'S3' && arn !== undefined) return { s3Buckets: [arn.replace(/^arn:[^:]*:s3:::/, '').split('/')[0]!] };
    return externalArns([arn]);
  },
  steps: (change, scope) => (change.action === 'delete' ? [logs('DeleteDeliveryDestination', { name: change.address.name })] : writeSteps(change, scope)),
};

function writeSteps(change: Change<DeliveryDestination>, scope: Scope): Step[] {
  const after = change.after!;
  const name = after.name;
  const isNew = change.action === 'create' || change.action === 'replace';
  const put = (extra: object) =>
    logs('PutDeliveryDestination', { name, deliveryDestinationConfiguration: after.deliveryDestinationConfiguration, deliveryDestinationType: after.deliveryDestinationType, ...extra });
  const policy = () =>
    after.deliveryDestinationPolicy === undefined
      ? logs('DeleteDeliveryDestinationPolicy', { deliveryDestinationName: name })
      : logs('PutDeliveryDestinationPolicy', { deliveryDestinationName: name, deliveryDestinationPolicy: JSON.stringify(after.deliveryDestinationPolicy) });
  if (isNew) {
    const tags = Object.keys(after.tags).length ? after.tags : undefined;
    return [
      ...(change.action === 'replace' ? [logs('DeleteDeliveryDestination', { name })] : []),
      { ...put({ outputFormat: after.outputFormat, tags }), creates: true },
      ...(after.deliveryDestinationPolicy !== undefined ? [policy()] : []),
    ];
  }
  // an update keeps the format and type, and takes no tags (TagResource does those)
  const steps: Step[] = isChanged(change, 'deliveryDestinationConfiguration') ? [put({ outputFormat: change.before!.outputFormat })] : [];
  if (isChanged(change, 'deliveryDestinationPolicy')) steps.push(policy());
  if (isChanged(change, 'tags')) steps.push(...logsTagSteps(arnOf(scope, name), change.before!.tags, after.tags));
  return steps;
}
