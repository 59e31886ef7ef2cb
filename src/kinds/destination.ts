import { buildArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalIamPolicy, canonicalTags } from '../model/normalize.js';
import type { Json, Tags } from '../model/resources.js';
import { str, tagsField } from '../model/schema.js';
import { declared, externalArns, logs, logsTagSteps, observedPolicy, ownTags } from './shared.js';
import type { KindSpec, Scope } from './types.js';

/** A CloudWatch Logs destination (cross-account subscription target). */
export interface Destination {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  accessPolicy?: Json;
  tags: Tags;
}

interface DestinationDeclaration {
  targetArn: string;
  roleArn: string;
  accessPolicy?: Json;
  tags?: Tags;
}

/** Destinations: `destinations.<name>`. */
export const destinationKind: KindSpec<Destination> = {
  section: 'destinations',
  noun: 'destination',
  doc: 'Destinations by name.',
  fields: {
    kind: 'object',
    doc: 'A CloudWatch Logs destination; the key is its name.',
    fields: {
      targetArn: str('ARN of the Kinesis or Firehose stream that receives the events.', { required: true }),
      roleArn: str('IAM role CloudWatch Logs assumes to write to the target.', { required: true }),
      accessPolicy: { kind: 'json', doc: 'IAM policy document: who may subscribe.' },
      tags: tagsField,
    },
  },
  phase: 2,
  // PutDestinationPolicy has no inverse: removing the access policy replaces the destination
  setOnly: ['accessPolicy'],
  // a subscription to it needs its access policy in place too
  readyAfter: 'all',

  resolve(decl, ctx) {
    const spec = decl.spec as DestinationDeclaration;
    const d: Destination = { destinationName: decl.name, targetArn: spec.targetArn, roleArn: spec.roleArn, tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }) };
    if (spec.accessPolicy !== undefined) d.accessPolicy = canonicalIamPolicy(spec.accessPolicy);
    return d;
  },

  declare: (d, ctx) => declared({ targetArn: d.targetArn, roleArn: d.roleArn, accessPolicy: d.accessPolicy, tags: ownTags(d.tags, ctx.defaultTags) }),

  read: {
    list: { from: 'account', requests: [logs('DescribeDestinations', { limit: 50 })], items: 'destinations', paging: 'nextToken' },
    name: (d) => d.destinationName,
    details: { tags: { each: (d) => logs('ListTagsForResource', { resourceArn: d.arn }) } },
    observe(d, details) {
      const out: Destination = { destinationName: d.destinationName, targetArn: d.targetArn, roleArn: d.roleArn, tags: canonicalTags(details.tags?.tags) };
      const access = observedPolicy(d.accessPolicy, canonicalIamPolicy);
      if (access !== undefined) out.accessPolicy = access;
      return out;
    },
  },

  externals: (d) => externalArns([d.targetArn, d.roleArn]),
  steps: (change, scope) => (change.action === 'delete' ? [logs('DeleteDestination', { destinationName: change.address.name })] : writeSteps(change, scope)),
};

function writeSteps(change: Change<Destination>, scope: Scope): Step[] {
  const name = change.address.name;
  const after = change.after!;
  // a replacement (an access policy removed) deletes the destination and creates it again
  const steps: Step[] = change.action === 'replace' ? [logs('DeleteDestination', { destinationName: name })] : [];
  const isNew = change.action === 'create' || change.action === 'replace';
  if (isNew || isChanged(change, 'targetArn') || isChanged(change, 'roleArn')) {
    const tags = isNew && Object.keys(after.tags).length ? after.tags : undefined;
    steps.push(logs('PutDestination', { destinationName: name, targetArn: after.targetArn, roleArn: after.roleArn, tags }));
  }
  if (after.accessPolicy !== undefined && (isNew || isChanged(change, 'accessPolicy'))) {
    steps.push(logs('PutDestinationPolicy', { destinationName: name, accessPolicy: JSON.stringify(after.accessPolicy) }));
  }
  if (!isNew && isChanged(change, 'tags')) steps.push(...logsTagSteps(buildArn(scope, 'logs', `destination:${name}`), change.before!.tags, after.tags));
  return steps;
}
