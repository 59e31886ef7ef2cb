import { addressKey, type Address } from '../model/address.js';
import type { ApiCall, ServiceName } from '../model/calls.js';
import type { Destination, LogGroup, MetricFilter, ResourcePolicy, SubscriptionFilter, Trail } from '../model/resources.js';
import { parentGroup, type Change } from './changes.js';

/** The account and region ARNs are built for (tagging calls take ARNs). */
export interface CallContext {
  account: string;
  region: string;
}

/** Order of kinds (DESIGN.md): creates and updates go down this list, deletes up it. */
const PHASE = {
  logGroup: 1,
  destination: 2,
  metricFilter: 3,
  subscriptionFilter: 3,
  dataProtectionPolicy: 4,
  resourcePolicy: 4,
  trail: 5,
} as const;

type Step = { service: ServiceName; operation: string; input: Record<string, unknown> };

/**
 * Turns changes into the exact API calls, each knowing what it waits for: the earlier calls of its
 * own resource, the calls that create what it references, and the deletes that must free a limit or
 * a reference first. Deletes of what a deleted log group contains are implicit (no calls).
 */
export function planCalls(changes: Change[], ctx: CallContext): ApiCall[] {
  const calls: ApiCall[] = [];
  const byAddress = new Map<string, ApiCall[]>();
  const replacedGroups = new Set(changes.filter((c) => c.address.kind === 'logGroup' && c.action === 'replace').map((c) => c.address.name));
  const deletedGroups = new Set(changes.filter((c) => c.address.kind === 'logGroup' && c.action === 'delete').map((c) => c.address.name));
  const before = new Map(changes.map((c) => [addressKey(c.address), c.before]));
  const seen: Planned = { calls, byAddress, deletes: new Map(), unreferencing: [], before: (a) => before.get(addressKey(a)), ctx };
  const ordered = [...changes].sort((a, b) => order(a) - order(b));
  for (const change of ordered) {
    const parent = parentGroup(change.address);
    if (change.action === 'delete' && parent !== undefined && (deletedGroups.has(parent) || replacedGroups.has(parent))) continue;
    // a replaced group comes back empty: everything nested in it is written again
    const effective = parent !== undefined && replacedGroups.has(parent) && change.after !== undefined ? { ...change, action: 'create' as const } : change;
    // in sync: nothing to call (adopting it is bookkeeping, not an API call)
    if (effective.action === 'no-op') continue;
    const steps = stepsFor(effective, ctx);
    const own: ApiCall[] = [];
    for (const step of steps) {
      const call: ApiCall = { id: `c${calls.length + 1}`, ...step, address: change.address, dependsOn: [] };
      const previous = own[own.length - 1];
      call.dependsOn = [...new Set([...(previous ? [previous.id] : []), ...waitsFor(change, seen)])];
      own.push(call);
      record(seen, call);
    }
    byAddress.set(addressKey(change.address), own);
  }
  return calls;
}

/**
 * Deletes run before creates and updates, deepest kind first, to free limits and references —
 * except deletes of log groups and destinations: nothing waits to reuse those, and whatever still
 * points at them (a trail, a subscription filter) must be moved away first, so they run last.
 */
const order = (c: Change) => {
  if (c.action !== 'delete') return PHASE[c.address.kind];
  return c.address.kind === 'logGroup' || c.address.kind === 'destination' ? 10 - PHASE[c.address.kind] : -PHASE[c.address.kind];
};

/** Kinds with a small per-group, per-account or per-region limit: a create waits for their deletes. */
const LIMITED = new Set<Address['kind']>(['metricFilter', 'subscriptionFilter', 'resourcePolicy', 'trail']);

/** What is planned so far, and what each resource was before the plan. */
interface Planned {
  calls: ApiCall[];
  byAddress: Map<string, ApiCall[]>;
  /**
   * Ids of the delete calls per kind and parent group, and the calls that may stop a reference:
   * indexes, so that planning N resources does not scan every earlier call N times.
   */
  deletes: Map<string, string[]>;
  unreferencing: ApiCall[];
  before(address: Address): unknown;
  ctx: CallContext;
}

/** Calls that can stop a resource referencing a destination or a log group (see `references`). */
const UNREFERENCING = new Set(['DeleteSubscriptionFilter', 'DeleteTrail', 'UpdateTrail']);

const deletesKey = (kind: Address['kind'], parent: string | undefined) => `${kind}|${parent ?? ''}`;

/** Adds a planned call to the plan and to the indexes `waitsFor` looks in. */
function record(seen: Planned, call: ApiCall): void {
  seen.calls.push(call);
  if (call.operation.startsWith('Delete')) {
    const key = deletesKey(call.address.kind, parentGroup(call.address));
    const ids = seen.deletes.get(key);
    if (ids) ids.push(call.id);
    else seen.deletes.set(key, [call.id]);
  }
  if (UNREFERENCING.has(call.operation)) seen.unreferencing.push(call);
}

/** The calls (already planned) this change must wait for. */
function waitsFor(change: Change, seen: Planned): string[] {
  const ids = (a: Address) => (seen.byAddress.get(addressKey(a)) ?? []).map((c) => c.id);
  const out: string[] = [];
  const parent = parentGroup(change.address);
  if (change.action === 'delete') {
    // a delete waits for whatever stops referencing the resource first (planned earlier)
    for (const call of seen.unreferencing) if (references(call, change.address, seen)) out.push(call.id);
    return out;
  }
  // what lives in a group (or writes to it) needs the group to exist, not its retention, key or tags
  const creation = (name: string) => (seen.byAddress.get(addressKey({ kind: 'logGroup', name })) ?? []).filter((c) => c.operation === 'CreateLogGroup').map((c) => c.id);
  if (parent !== undefined) out.push(...creation(parent));
  // creates after the deletes of the same kind (limits: 2 subscription filters, 10 policies, 5 trails)
  if (LIMITED.has(change.address.kind)) out.push(...(seen.deletes.get(deletesKey(change.address.kind, parent)) ?? []));
  const after = change.after as Partial<SubscriptionFilter & Trail> | undefined;
  const destination = /^arn:aws[\w-]*:logs:[^:]+:\d{12}:destination:(.+)$/.exec(after?.destinationArn ?? '');
  if (destination) out.push(...ids({ kind: 'destination', name: destination[1]! }));
  const group = /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:(.+)$/.exec(after?.cloudWatchLogsLogGroupArn ?? '');
  if (group) out.push(...creation(group[1]!));
  return out;
}

/**
 * Whether a planned call stops a reference to `address` that its resource held before the plan:
 * a subscription filter deleted (or replaced) away from a destination, a trail deleted or moved
 * away from a log group.
 */
function references(call: ApiCall, address: Address, seen: Planned): boolean {
  const arn = `arn:aws:logs:${seen.ctx.region}:${seen.ctx.account}:${address.kind === 'destination' ? 'destination' : 'log-group'}:${address.name}`;
  if (address.kind === 'destination' && call.operation === 'DeleteSubscriptionFilter') {
    return (seen.before(call.address) as SubscriptionFilter | undefined)?.destinationArn === arn;
  }
  if (address.kind === 'logGroup' && (call.operation === 'DeleteTrail' || call.operation === 'UpdateTrail')) {
    return (seen.before(call.address) as Trail | undefined)?.cloudWatchLogsLogGroupArn === arn && call.input.CloudWatchLogsLogGroupArn !== `${arn}:*`;
  }
  return false;
}

function stepsFor(change: Change, ctx: CallContext): Step[] {
  const before = change.before as any;
  const after = change.after as any;
  switch (change.address.kind) {
    case 'logGroup':
      return logGroupSteps(change, before, after, ctx);
    case 'metricFilter':
      return change.action === 'delete'
        ? [logs('DeleteMetricFilter', { logGroupName: parentGroup(change.address), filterName: before.filterName })]
        : [logs('PutMetricFilter', { logGroupName: parentGroup(change.address), ...(after as MetricFilter) })];
    case 'subscriptionFilter': {
      const group = parentGroup(change.address);
      const del = () => logs('DeleteSubscriptionFilter', { logGroupName: group, filterName: before.filterName });
      if (change.action === 'delete') return [del()];
      const put = logs('PutSubscriptionFilter', { logGroupName: group, ...(after as SubscriptionFilter) });
      return change.action === 'replace' ? [del(), put] : [put];
    }
    case 'dataProtectionPolicy':
      return change.action === 'delete'
        ? [logs('DeleteDataProtectionPolicy', { logGroupIdentifier: change.address.name })]
        : [logs('PutDataProtectionPolicy', { logGroupIdentifier: change.address.name, policyDocument: JSON.stringify(after.policyDocument) })];
    case 'destination':
      return destinationSteps(change, before, after, ctx);
    case 'resourcePolicy':
      return change.action === 'delete'
        ? [logs('DeleteResourcePolicy', { policyName: change.address.name })]
        : [logs('PutResourcePolicy', { policyName: change.address.name, policyDocument: JSON.stringify((after as ResourcePolicy).policyDocument) })];
    case 'trail':
      return trailSteps(change, before, after, ctx);
  }
}

const logs = (operation: string, input: Record<string, unknown>): Step => ({ service: 'logs', operation, input: clean(input) });
const trail = (operation: string, input: Record<string, unknown>): Step => ({ service: 'cloudtrail', operation, input: clean(input) });

/** Drops undefined members so inputs read (and fingerprint) the same however they were built. */
function clean(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

function tagSteps(arn: string, before: Record<string, string>, after: Record<string, string>): Step[] {
  const removed = Object.keys(before).filter((k) => !(k in after));
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  const steps: Step[] = [];
  if (removed.length) steps.push(logs('UntagResource', { resourceArn: arn, tagKeys: removed }));
  if (Object.keys(set).length) steps.push(logs('TagResource', { resourceArn: arn, tags: set }));
  return steps;
}

function logGroupSteps(change: Change, before: LogGroup, after: LogGroup, ctx: CallContext): Step[] {
  const name = change.address.name;
  if (change.action === 'delete') return [logs('DeleteLogGroup', { logGroupName: name })];
  const create = (): Step[] => [
    logs('CreateLogGroup', {
      logGroupName: name,
      logGroupClass: after.logGroupClass,
      kmsKeyId: after.kmsKeyId,
      tags: Object.keys(after.tags).length ? after.tags : undefined,
    }),
    ...(after.retentionInDays !== undefined ? [logs('PutRetentionPolicy', { logGroupName: name, retentionInDays: after.retentionInDays })] : []),
  ];
  if (change.action === 'create') return create();
  if (change.action === 'replace') return [logs('DeleteLogGroup', { logGroupName: name }), ...create()];
  const steps: Step[] = [];
  if (before.retentionInDays !== after.retentionInDays) {
    steps.push(
      after.retentionInDays === undefined
        ? logs('DeleteRetentionPolicy', { logGroupName: name })
        : logs('PutRetentionPolicy', { logGroupName: name, retentionInDays: after.retentionInDays }),
    );
  }
  if (before.kmsKeyId !== after.kmsKeyId) {
    steps.push(
      after.kmsKeyId === undefined
        ? logs('DisassociateKmsKey', { logGroupName: name })
        : logs('AssociateKmsKey', { logGroupName: name, kmsKeyId: after.kmsKeyId }),
    );
  }
  steps.push(...tagSteps(`arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`, before.tags, after.tags));
  return steps;
}

function destinationSteps(change: Change, before: Destination, after: Destination, ctx: CallContext): Step[] {
  const name = change.address.name;
  if (change.action === 'delete') return [logs('DeleteDestination', { destinationName: name })];
  // a replacement (an access policy removed) deletes the destination and creates it again
  const steps: Step[] = change.action === 'replace' ? [logs('DeleteDestination', { destinationName: name })] : [];
  const isNew = change.action === 'create' || change.action === 'replace';
  if (isNew || before.targetArn !== after.targetArn || before.roleArn !== after.roleArn) {
    steps.push(logs('PutDestination', { destinationName: name, targetArn: after.targetArn, roleArn: after.roleArn, tags: isNew && Object.keys(after.tags).length ? after.tags : undefined }));
  }
  if (after.accessPolicy !== undefined && (isNew || JSON.stringify(before.accessPolicy) !== JSON.stringify(after.accessPolicy))) {
    steps.push(logs('PutDestinationPolicy', { destinationName: name, accessPolicy: JSON.stringify(after.accessPolicy) }));
  }
  if (!isNew) steps.push(...tagSteps(`arn:aws:logs:${ctx.region}:${ctx.account}:destination:${name}`, before.tags, after.tags));
  return steps;
}

const DEFAULT_SELECTORS = [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];

function trailSettings(t: Trail): Record<string, unknown> {
  return {
    S3BucketName: t.s3BucketName,
    S3KeyPrefix: t.s3KeyPrefix,
    SnsTopicName: t.snsTopicName,
    IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
    IsMultiRegionTrail: t.isMultiRegionTrail,
    EnableLogFileValidation: t.enableLogFileValidation,
    // CloudTrail wants the group's ARN with the `:*` suffix; the model keeps the bare form
    CloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn === undefined ? undefined : `${t.cloudWatchLogsLogGroupArn}:*`,
    CloudWatchLogsRoleArn: t.cloudWatchLogsRoleArn,
    KmsKeyId: t.kmsKeyId,
    IsOrganizationTrail: t.isOrganizationTrail,
  };
}

/** A CloudTrail tag: an empty value is sent as no value (CloudTrail's TagValue has a minimum length of 1). */
const trailTag = ([Key, Value]: [string, string]) => (Value === '' ? { Key } : { Key, Value });

/** Optional trail settings and the UpdateTrail member that clears them when sent empty. */
const CLEARABLE = [
  ['s3KeyPrefix', 'S3KeyPrefix'],
  ['snsTopicName', 'SnsTopicName'],
  ['kmsKeyId', 'KmsKeyId'],
  ['cloudWatchLogsLogGroupArn', 'CloudWatchLogsLogGroupArn'],
  ['cloudWatchLogsRoleArn', 'CloudWatchLogsRoleArn'],
] as const;

const SETTINGS = ['s3BucketName', 's3KeyPrefix', 'snsTopicName', 'includeGlobalServiceEvents', 'isMultiRegionTrail', 'enableLogFileValidation', 'cloudWatchLogsLogGroupArn', 'cloudWatchLogsRoleArn', 'kmsKeyId', 'isOrganizationTrail'] as const;

function trailSteps(change: Change, before: Trail, after: Trail, ctx: CallContext): Step[] {
  const Name = change.address.name;
  const ResourceId = `arn:aws:cloudtrail:${ctx.region}:${ctx.account}:trail/${Name}`;
  if (change.action === 'delete') return [trail('DeleteTrail', { Name })];
  const isNew = change.action === 'create';
  const changed = (key: keyof Trail) => isNew || JSON.stringify(before[key]) !== JSON.stringify(after[key]);
  const steps: Step[] = [];
  if (isNew) {
    const tags = Object.entries(after.tags).map(trailTag);
    steps.push(trail('CreateTrail', { Name, ...trailSettings(after), TagsList: tags.length ? tags : undefined }));
  } else if (SETTINGS.some(changed)) {
    const settings = trailSettings(after);
    // UpdateTrail leaves an omitted member as it is: removing an optional setting sends it empty
    for (const [key, member] of CLEARABLE) if (before[key] !== undefined && after[key] === undefined) settings[member] = '';
    steps.push(trail('UpdateTrail', { Name, ...settings }));
  }
  if (changed('eventSelectors') || changed('advancedEventSelectors')) {
    if (after.advancedEventSelectors) steps.push(trail('PutEventSelectors', { TrailName: Name, AdvancedEventSelectors: after.advancedEventSelectors }));
    else if (after.eventSelectors || !isNew) steps.push(trail('PutEventSelectors', { TrailName: Name, EventSelectors: after.eventSelectors ?? DEFAULT_SELECTORS }));
  }
  if (changed('insightSelectors') && (!isNew || after.insightSelectors.length)) {
    steps.push(trail('PutInsightSelectors', { TrailName: Name, InsightSelectors: after.insightSelectors.map((InsightType) => ({ InsightType })) }));
  }
  if (!isNew && changed('tags')) {
    const removed = Object.keys(before.tags).filter((k) => !(k in after.tags));
    const set = Object.entries(after.tags).filter(([k, v]) => before.tags[k] !== v);
    if (removed.length) steps.push(trail('RemoveTags', { ResourceId, TagsList: removed.map((Key) => ({ Key })) }));
    if (set.length) steps.push(trail('AddTags', { ResourceId, TagsList: set.map(trailTag) }));
  }
  if ((isNew && after.logging) || (!isNew && changed('logging'))) steps.push(trail(after.logging ? 'StartLogging' : 'StopLogging', { Name }));
  return steps;
}
