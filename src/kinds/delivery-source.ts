import { buildArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalTags } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { str, tagsField } from '../model/schema.js';
import { declared, logs, logsTagSteps, ownTags } from './shared.js';
import type { KindSpec, Scope } from './types.js';

/** A vended-log delivery source: one resource of another service and the log type it sends. */
export interface DeliverySource {
  name: string;
  /** Create-only, as `logType`: PutDeliverySource refuses to change either. */
  resourceArn: string;
  logType: string;
  deliverySourceConfiguration?: Record<string, string>;
  tags: Tags;
}

interface DeliverySourceDeclaration {
  resourceArn: string;
  logType: string;
  deliverySourceConfiguration?: Record<string, string>;
  tags?: Tags;
}

const arnOf = (scope: Scope, name: string) => buildArn(scope, 'logs', `delivery-source:${name}`);

/**
 * Delivery sources: `deliverySources.<name>`. The resource is another service's (a CloudFront
 * distribution, a Bedrock knowledge base …), which AWS checks exists: list it under
 * `externals.resources` for the simulation.
 */
export const deliverySourceKind: KindSpec<DeliverySource> = {
  section: 'deliverySources',
  noun: 'delivery source',
  doc: 'Vended-log delivery sources by name.',
  fields: {
    kind: 'object',
    doc: 'A delivery source; the key is its name (letters, digits, _ and -).',
    fields: {
      resourceArn: str('ARN of the resource that sends the logs. Create-only.', { required: true }),
      logType: str('The type of log it sends, e.g. ACCESS_LOGS, APPLICATION_LOGS. Create-only.', { required: true }),
      deliverySourceConfiguration: { kind: 'map', doc: 'Source settings, e.g. `samplingRate: "50"`.', values: str('') },
      tags: tagsField,
    },
  },
  phase: 2,
  createOnly: ['resourceArn', 'logType'],

  resolve(decl, ctx) {
    const spec = decl.spec as DeliverySourceDeclaration;
    if (!/^[\w-]{1,60}$/.test(decl.name)) ctx.fail(`delivery source name '${decl.name}' must be 1 to 60 letters, digits, _ or -`);
    const source: DeliverySource = { name: decl.name, resourceArn: spec.resourceArn, logType: spec.logType, tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }) };
    if (spec.deliverySourceConfiguration !== undefined && Object.keys(spec.deliverySourceConfiguration).length > 0) {
      source.deliverySourceConfiguration = canonicalTags(spec.deliverySourceConfiguration);
    }
    return source;
  },

  declare: (s, ctx) => declared({ resourceArn: s.resourceArn, logType: s.logType, deliverySourceConfiguration: s.deliverySourceConfiguration, tags: ownTags(s.tags, ctx.defaultTags) }),

  read: {
    list: { from: 'account', requests: [logs('DescribeDeliverySources', { limit: 50 })], items: 'deliverySources', paging: 'nextToken' },
    name: (s) => s.name,
    observe(s) {
      const source: DeliverySource = { name: s.name, resourceArn: (s.resourceArns ?? [])[0] ?? '', logType: s.logType, tags: canonicalTags(s.tags) };
      if (s.deliverySourceConfiguration && Object.keys(s.deliverySourceConfiguration).length > 0) {
        source.deliverySourceConfiguration = canonicalTags(s.deliverySourceConfiguration);
      }
      return source;
    },
  },

  // a wildcard (Security Hub's `hub/*`) names no single resource
  externals: (s) => ({ resources: s.resourceArn.endsWith('/*') ? [] : [s.resourceArn] }),
  steps: (change, scope) => (change.action === 'delete' ? [logs('DeleteDeliverySource', { name: change.address.name })] : writeSteps(change, scope)),
};

function writeSteps(change: Change<DeliverySource>, scope: Scope): Step[] {
  const after = change.after!;
  const put = (tags?: Tags) =>
    logs('PutDeliverySource', { name: after.name, resourceArn: after.resourceArn, logType: after.logType, deliverySourceConfiguration: after.deliverySourceConfiguration, tags });
  if (change.action === 'create' || change.action === 'replace') {
    const tags = Object.keys(after.tags).length ? after.tags : undefined;
    return [...(change.action === 'replace' ? [logs('DeleteDeliverySource', { name: after.name })] : []), { ...put(tags), creates: true }];
  }
  // an update of PutDeliverySource takes no tags: TagResource does those
  const steps: Step[] = isChanged(change, 'deliverySourceConfiguration') ? [put()] : [];
  if (isChanged(change, 'tags')) steps.push(...logsTagSteps(arnOf(scope, after.name), change.before!.tags, after.tags));
  return steps;
}
