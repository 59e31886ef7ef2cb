import { buildArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalTags } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { bool, str, tagsField } from '../model/schema.js';
import { declared, logs, logsTagSteps, ownTags } from './shared.js';
import type { KindSpec, Scope } from './types.js';

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A log group's own settings (its filters and policies are resources of their own). */
export interface LogGroup {
  logGroupName: string;
  /** Absent: never expire. */
  retentionInDays?: number;
  kmsKeyId?: string;
  /** Create-only: a change is a replacement. */
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  /** Present only when on: off is AWS's default and reads back as absent. */
  deletionProtectionEnabled?: true;
  tags: Tags;
}

interface LogGroupDeclaration {
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass?: LogGroup['logGroupClass'];
  deletionProtectionEnabled?: boolean;
  tags?: Tags;
}

const arnOf = (scope: Scope, name: string) => buildArn(scope, 'logs', `log-group:${name}`);

/** CloudWatch Logs log groups: `logGroups.<name>`. */
export const logGroupKind: KindSpec<LogGroup> = {
  section: 'logGroups',
  noun: 'log group',
  doc: 'Log groups by name.',
  fields: {
    kind: 'object',
    doc: 'A CloudWatch Logs log group; the key is its name.',
    fields: {
      retentionInDays: { kind: 'integer', doc: 'Days to keep events; absent = never expire.', enum: RETENTION_DAYS },
      kmsKeyId: str('ARN of the KMS key that encrypts the group.'),
      logGroupClass: str('Create-only: changing it replaces the group.', { enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] }),
      deletionProtectionEnabled: bool(
        'Refuse DeleteLogGroup while on (default off). logwarden never turns it off by itself: set it to false and apply before removing or replacing the group.',
      ),
      tags: tagsField,
    },
  },
  phase: 1,
  createOnly: ['logGroupClass'],

  resolve(decl, ctx) {
    const spec = decl.spec as LogGroupDeclaration;
    const group: LogGroup = {
      logGroupName: decl.name,
      logGroupClass: spec.logGroupClass ?? 'STANDARD',
      tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }),
    };
    if (spec.retentionInDays !== undefined) {
      if (group.logGroupClass === 'DELIVERY') {
        ctx.fail(`log group '${decl.name}' is of class DELIVERY, whose retention AWS fixes; remove retentionInDays`, 'retentionInDays');
      }
      group.retentionInDays = spec.retentionInDays;
    }
    if (spec.kmsKeyId !== undefined) group.kmsKeyId = spec.kmsKeyId;
    if (spec.deletionProtectionEnabled === true) group.deletionProtectionEnabled = true;
    return group;
  },

  declare: (g, ctx) =>
    declared({
      retentionInDays: g.retentionInDays,
      kmsKeyId: g.kmsKeyId,
      logGroupClass: g.logGroupClass === 'STANDARD' ? undefined : g.logGroupClass,
      deletionProtectionEnabled: g.deletionProtectionEnabled,
      tags: ownTags(g.tags, ctx.defaultTags),
    }),

  read: {
    list: { from: 'account', requests: [logs('DescribeLogGroups', { limit: 50 })], items: 'logGroups', paging: 'nextToken' },
    name: (g) => g.logGroupName,
    details: {
      tags: { each: (g) => logs('ListTagsForResource', { resourceArn: g.logGroupArn ?? String(g.arn).replace(/:\*$/, '') }) },
    },
    observe(g, details) {
      const group: LogGroup = { logGroupName: g.logGroupName, logGroupClass: g.logGroupClass ?? 'STANDARD', tags: canonicalTags(details.tags?.tags) };
      // a DELIVERY group's retention is AWS's fixed one (reported as 2 days), not a setting
      if (g.retentionInDays !== undefined && group.logGroupClass !== 'DELIVERY') group.retentionInDays = g.retentionInDays;
      if (g.kmsKeyId) group.kmsKeyId = g.kmsKeyId;
      if (g.deletionProtectionEnabled === true) group.deletionProtectionEnabled = true;
      return group;
    },
    facts: (g) => Object.fromEntries(Object.entries({ storedBytes: g.storedBytes, creationTime: g.creationTime }).filter(([, v]) => typeof v === 'number')),
  },

  externals: (g) => ({ kmsKeys: g.kmsKeyId?.startsWith('arn:') ? [{ arn: g.kmsKeyId, enabled: true }] : [] }),

  steps(change, scope) {
    const name = change.address.name;
    if (change.action === 'delete') return [logs('DeleteLogGroup', { logGroupName: name })];
    const after = change.after!;
    if (change.action === 'create' || change.action === 'replace') {
      return [...(change.action === 'replace' ? [logs('DeleteLogGroup', { logGroupName: name })] : []), ...create(after)];
    }
    return update(change, after, scope);
  },
};

function create(after: LogGroup): Step[] {
  const name = after.logGroupName;
  const tags = Object.keys(after.tags).length ? after.tags : undefined;
  return [
    {
      ...logs('CreateLogGroup', { logGroupName: name, logGroupClass: after.logGroupClass, kmsKeyId: after.kmsKeyId, tags, deletionProtectionEnabled: after.deletionProtectionEnabled }),
      creates: true,
    },
    ...(after.retentionInDays !== undefined ? [logs('PutRetentionPolicy', { logGroupName: name, retentionInDays: after.retentionInDays })] : []),
  ];
}

function update(change: Change<LogGroup>, after: LogGroup, scope: Scope): Step[] {
  const name = after.logGroupName;
  const steps: Step[] = [];
  if (isChanged(change, 'retentionInDays')) {
    steps.push(
      after.retentionInDays === undefined
        ? logs('DeleteRetentionPolicy', { logGroupName: name })
        : logs('PutRetentionPolicy', { logGroupName: name, retentionInDays: after.retentionInDays }),
    );
  }
  if (isChanged(change, 'kmsKeyId')) {
    steps.push(after.kmsKeyId === undefined ? logs('DisassociateKmsKey', { logGroupName: name }) : logs('AssociateKmsKey', { logGroupName: name, kmsKeyId: after.kmsKeyId }));
  }
  if (isChanged(change, 'deletionProtectionEnabled')) {
    steps.push(logs('PutLogGroupDeletionProtection', { logGroupIdentifier: name, deletionProtectionEnabled: after.deletionProtectionEnabled ?? false }));
  }
  if (isChanged(change, 'tags')) steps.push(...logsTagSteps(arnOf(scope, name), change.before!.tags, after.tags));
  return steps;
}
