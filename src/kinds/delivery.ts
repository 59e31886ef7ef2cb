import { buildArn, parseArn } from '../aws/arn.js';
import type { Address } from '../model/address.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalTags } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { bool, str, strings, tagsField } from '../model/schema.js';
import { declared, logs, logsResourceIn, logsTagSteps, ownTags } from './shared.js';
import type { KindSpec, Scope } from './types.js';

/** A delivery: one delivery source paired with one delivery destination. */
export interface Delivery {
  deliverySourceName: string;
  deliveryDestinationArn: string;
  /** Absent in the manifest: every field of the log type, AWS's default. */
  recordFields?: string[];
  fieldDelimiter?: string;
  s3DeliveryConfiguration?: { suffixPath: string; enableHiveCompatiblePath: boolean };
  tags: Tags;
  /** AWS's generated id and ARN (read, never declared): updates, deletes and tags name them. */
  id?: string;
  arn?: string;
}

interface DeliveryDeclaration {
  recordFields?: string[];
  fieldDelimiter?: string;
  s3DeliveryConfiguration?: { suffixPath: string; enableHiveCompatiblePath?: boolean };
  tags?: Tags;
}

/**
 * The manifest key of a delivery: `SOURCE/DESTINATION`, the destination by name when it is in the
 * delivery's own account and region, else by ARN. Source and destination names hold no `/`.
 */
function keyOf(sourceName: string, destinationArn: string, own: { account: string; region: string } | undefined): string {
  const at = parseArn(destinationArn);
  const mine = at !== undefined && own !== undefined && at.account === own.account && at.region === own.region && at.resource.startsWith('delivery-destination:');
  return `${sourceName}/${mine ? at.resource.slice('delivery-destination:'.length) : destinationArn}`;
}

/**
 * Deliveries: `deliveries.<source>/<destination>`. AWS names a delivery by a generated id, and
 * allows one delivery per source and destination (indeed per source and destination type), so
 * the pair is the stable identity the manifest keys it by: it reads back from the target alone,
 * survives re-creation, and adopts a delivery made by hand. The id and ARN are read for the
 * calls that need them (UpdateDeliveryConfiguration, DeleteDelivery, tags) and never compared.
 * The source must be declared under deliverySources, the destination under deliveryDestinations,
 * or named by ARN (another account's, or one logwarden does not manage).
 */
export const deliveryKind: KindSpec<Delivery> = {
  section: 'deliveries',
  noun: 'delivery',
  doc: 'Vended-log deliveries by SOURCE/DESTINATION (a delivery source name and a delivery destination name or ARN).',
  fields: {
    kind: 'object',
    doc: 'A delivery; the key is SOURCE/DESTINATION, e.g. cdn-access/archive.',
    fields: {
      recordFields: strings("The fields delivered, in order (mandatory ones included). Absent: AWS's choice (every field, at creation), never compared."),
      fieldDelimiter: str('Delimiter between fields for plain, w3c and raw output.', { allowEmpty: true }),
      s3DeliveryConfiguration: {
        kind: 'object',
        doc: "S3 destinations only. Absent: AWS's choice (its default path, at creation), never compared.",
        fields: {
          suffixPath: str('Key suffix after the bucket, with variables such as {yyyy}/{MM}/{dd}.', { required: true }),
          enableHiveCompatiblePath: bool('Hive-style partition paths (default false).'),
        },
      },
      tags: tagsField,
    },
  },
  phase: 3,
  computed: ['id', 'arn', 'recordFields', 's3DeliveryConfiguration'],
  // one delivery per source and destination type: one moved to another destination waits for the old one to go
  deletesFirst: true,
  refersTo: ['deliverySource', 'deliveryDestination'],

  resolve(decl, ctx) {
    const spec = decl.spec as DeliveryDeclaration;
    const slash = decl.name.indexOf('/');
    const [source, destination] = slash > 0 ? [decl.name.slice(0, slash), decl.name.slice(slash + 1)] : ['', ''];
    if (source === '' || destination === '') {
      ctx.fail(`delivery '${decl.name}' must be named SOURCE/DESTINATION: a delivery source and a delivery destination (name or ARN)`);
      return undefined;
    }
    if (!ctx.isDeclared('deliverySource', source)) ctx.fail(`delivery '${decl.name}' names delivery source '${source}', which is not declared under deliverySources`);
    const byArn = destination.startsWith('arn:');
    if (!byArn && !ctx.isDeclared('deliveryDestination', destination)) {
      ctx.fail(`delivery '${decl.name}' names delivery destination '${destination}', which is not declared under deliveryDestinations (name another account's by ARN)`);
    }
    const arn = byArn ? destination : buildArn(ctx, 'logs', `delivery-destination:${destination}`);
    if (byArn && keyOf(source, arn, ctx) !== decl.name) ctx.fail(`delivery '${decl.name}' names a delivery destination of its own account and region by ARN: write '${keyOf(source, arn, ctx)}'`);
    const delivery: Delivery = { deliverySourceName: source, deliveryDestinationArn: arn, tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }) };
    if (spec.recordFields !== undefined) delivery.recordFields = spec.recordFields;
    if (spec.fieldDelimiter !== undefined && spec.fieldDelimiter !== '') delivery.fieldDelimiter = spec.fieldDelimiter;
    if (spec.s3DeliveryConfiguration !== undefined) {
      delivery.s3DeliveryConfiguration = { suffixPath: spec.s3DeliveryConfiguration.suffixPath, enableHiveCompatiblePath: spec.s3DeliveryConfiguration.enableHiveCompatiblePath ?? false };
    }
    return delivery;
  },

  declare(d, ctx) {
    // its key names its source, and its destination by name when in its own account and region
    const destination = logsResourceIn(ctx, d.deliveryDestinationArn, 'deliveryDestination', 'delivery-destination');
    if (!ctx.isDeclared('deliverySource', d.deliverySourceName)) return ctx.leaveOut(`its delivery source '${d.deliverySourceName}' is not declared`);
    if (destination && !destination.scope && !ctx.isDeclared('deliveryDestination', destination.name)) return ctx.leaveOut(`its delivery destination '${destination.name}' is not declared`);
    return declared({ recordFields: d.recordFields, fieldDelimiter: d.fieldDelimiter, s3DeliveryConfiguration: d.s3DeliveryConfiguration, tags: ownTags(d.tags, ctx.defaultTags) });
  },

  read: {
    list: { from: 'account', requests: [logs('DescribeDeliveries', { limit: 50 })], items: 'deliveries', paging: 'nextToken' },
    name: (d) => keyOf(d.deliverySourceName, d.deliveryDestinationArn, parseArn(d.arn ?? '')),
    observe(d) {
      const delivery: Delivery = { deliverySourceName: d.deliverySourceName, deliveryDestinationArn: d.deliveryDestinationArn, tags: canonicalTags(d.tags), id: d.id, arn: d.arn };
      if (d.recordFields !== undefined) delivery.recordFields = d.recordFields;
      if (d.fieldDelimiter !== undefined && d.fieldDelimiter !== '') delivery.fieldDelimiter = d.fieldDelimiter;
      if (d.s3DeliveryConfiguration !== undefined) {
        delivery.s3DeliveryConfiguration = { suffixPath: d.s3DeliveryConfiguration.suffixPath, enableHiveCompatiblePath: d.s3DeliveryConfiguration.enableHiveCompatiblePath ?? false };
      }
      return delivery;
    },
  },

  references(d, scope): Address[] {
    const destination = logsResourceIn(scope, d.deliveryDestinationArn, 'deliveryDestination', 'delivery-destination');
    return [{ kind: 'deliverySource', name: d.deliverySourceName }, ...(destination ? [destination] : [])];
  },
  steps: (change, scope) => (change.action === 'delete' ? [logs('DeleteDelivery', { id: change.before!.id })] : writeSteps(change, scope)),
};

function writeSteps(change: Change<Delivery>, scope: Scope): Step[] {
  const after = change.after!;
  const config = { recordFields: after.recordFields, s3DeliveryConfiguration: after.s3DeliveryConfiguration };
  if (change.action === 'create') {
    const tags = Object.keys(after.tags).length ? after.tags : undefined;
    const input = { deliverySourceName: after.deliverySourceName, deliveryDestinationArn: after.deliveryDestinationArn, ...config, fieldDelimiter: after.fieldDelimiter, tags };
    return [{ ...logs('CreateDelivery', input), creates: true }];
  }
  const before = change.before!;
  const steps: Step[] = [];
  if (isChanged(change, 'recordFields') || isChanged(change, 'fieldDelimiter') || isChanged(change, 's3DeliveryConfiguration')) {
    // what the request leaves out stays as it was; an empty delimiter removes it
    const fieldDelimiter = isChanged(change, 'fieldDelimiter') ? (after.fieldDelimiter ?? '') : undefined;
    steps.push(logs('UpdateDeliveryConfiguration', { id: before.id, ...config, fieldDelimiter }));
  }
  if (isChanged(change, 'tags')) steps.push(...logsTagSteps(before.arn ?? buildArn(scope, 'logs', `delivery:${before.id}`), before.tags, after.tags));
  return steps;
}
