import { addressKey, nestedName, type Address } from '../model/address.js';
import type { Diagnostic, SourceRange } from '../model/diagnostics.js';
import {
  canonicalEventSelectors,
  canonicalIamPolicy,
  canonicalJson,
  canonicalTags,
  snsTopicArn,
  stripLogGroupArnStar,
} from '../model/normalize.js';
import type {
  AdvancedEventSelector,
  Destination,
  Externals,
  Json,
  LogGroup,
  MetricFilter,
  ResourcePolicy,
  ResourceSet,
  SubscriptionFilter,
  Trail,
} from '../model/resources.js';
import { emptyResourceSet } from '../model/resources.js';
import type { Manifest } from './load.js';
import { pathKey } from './read.js';

/** The account and region names resolve against (ARNs of declared destinations and groups). */
export interface ResolveContext {
  account: string;
  region: string;
}

/** The desired state of a manifest, in the model's canonical forms, with a way back to the YAML. */
export interface Desired {
  resources: ResourceSet;
  externals: Externals;
  diagnostics: Diagnostic[];
  /** Where a resource (or one of its members) is declared. */
  sourceOf(address: Address, member?: string): SourceRange | undefined;
}

const LIMITS = { subscriptionFilters: 2, metricFilters: 100 };

type Spec = Record<string, any>;

/** Builds the desired ResourceSet: defaults applied, references resolved, canonical forms. */
export function resolveManifest(manifest: Manifest, ctx: ResolveContext): Desired {
  const resources = emptyResourceSet();
  const diagnostics: Diagnostic[] = [];
  const paths = new Map<string, (string | number)[]>();
  const at = (path: (string | number)[]) => manifest.sources.get(pathKey(path));
  const declare = (address: Address, path: (string | number)[]) => paths.set(addressKey(address), path);
  const fail = (address: Address, path: (string | number)[], summary: string) =>
    diagnostics.push({ severity: 'error', summary, address, source: at(path) });
  const withDefaults = (tags: Record<string, string> | undefined) => canonicalTags({ ...manifest.defaultTags, ...tags });
  const arn = (resource: string) => `arn:aws:logs:${ctx.region}:${ctx.account}:${resource}`;

  for (const [name, spec] of Object.entries(manifest.sections.logGroups) as [string, Spec][]) {
    const address: Address = { kind: 'logGroup', name };
    declare(address, ['logGroups', name]);
    const group: LogGroup = {
      logGroupName: name,
      logGroupClass: spec.logGroupClass ?? 'STANDARD',
      tags: withDefaults(spec.tags),
      metricFilters: {},
      subscriptionFilters: {},
    };
    if (spec.retentionInDays !== undefined) group.retentionInDays = spec.retentionInDays;
    if (spec.retentionInDays !== undefined && group.logGroupClass === 'DELIVERY') {
      fail(address, ['logGroups', name, 'retentionInDays'], `log group '${name}' is of class DELIVERY, whose retention AWS fixes; remove retentionInDays`);
    }
    if (spec.kmsKeyId !== undefined) group.kmsKeyId = spec.kmsKeyId;
    if (spec.dataProtectionPolicy !== undefined) {
      group.dataProtectionPolicy = canonicalJson(spec.dataProtectionPolicy as Json);
      declare({ kind: 'dataProtectionPolicy', name }, ['logGroups', name, 'dataProtectionPolicy']);
    }
    for (const [kind, limit] of Object.entries(LIMITS)) {
      const names = Object.keys(spec[kind] ?? {});
      if (names.length > limit) {
        // point at the first filter over the limit
        fail(address, ['logGroups', name, kind, names[limit]!], `log group '${name}' declares ${names.length} ${kind}; AWS allows at most ${limit} per log group`);
      }
    }
    for (const [filterName, f] of Object.entries((spec.metricFilters ?? {}) as Record<string, Spec>)) {
      declare({ kind: 'metricFilter', name: nestedName(name, filterName) }, ['logGroups', name, 'metricFilters', filterName]);
      group.metricFilters[filterName] = metricFilter(filterName, f);
    }
    for (const [filterName, f] of Object.entries((spec.subscriptionFilters ?? {}) as Record<string, Spec>)) {
      const path = ['logGroups', name, 'subscriptionFilters', filterName];
      const filterAddress: Address = { kind: 'subscriptionFilter', name: nestedName(name, filterName) };
      declare(filterAddress, path);
      let destinationArn = f.destinationArn as string | undefined;
      if (f.destination !== undefined) {
        if (!manifest.sections.destinations[f.destination]) {
          fail(filterAddress, [...path, 'destination'], `subscription filter '${filterName}' of '${name}' names destination '${f.destination}', which is not declared under destinations`);
        }
        destinationArn = arn(`destination:${f.destination}`);
      }
      if (destinationArn === undefined) {
        fail(filterAddress, path, `subscription filter '${filterName}' of '${name}' needs 'destination' or 'destinationArn'`);
        continue;
      }
      group.subscriptionFilters[filterName] = subscriptionFilter(filterName, f, destinationArn);
    }
    resources.logGroups[name] = group;
  }

  for (const [name, spec] of Object.entries(manifest.sections.destinations) as [string, Spec][]) {
    declare({ kind: 'destination', name }, ['destinations', name]);
    const d: Destination = { destinationName: name, targetArn: spec.targetArn, roleArn: spec.roleArn, tags: withDefaults(spec.tags) };
    if (spec.accessPolicy !== undefined) d.accessPolicy = canonicalIamPolicy(spec.accessPolicy as Json);
    resources.destinations[name] = d;
  }

  for (const [name, spec] of Object.entries(manifest.sections.resourcePolicies) as [string, Spec][]) {
    declare({ kind: 'resourcePolicy', name }, ['resourcePolicies', name]);
    const p: ResourcePolicy = { policyName: name, policyDocument: canonicalIamPolicy(spec.policyDocument as Json) };
    resources.resourcePolicies[name] = p;
  }

  for (const [name, spec] of Object.entries(manifest.sections.trails) as [string, Spec][]) {
    const address: Address = { kind: 'trail', name };
    declare(address, ['trails', name]);
    let groupArn = spec.cloudWatchLogsLogGroupArn as string | undefined;
    if (spec.cloudWatchLogsLogGroup !== undefined) {
      if (spec.cloudWatchLogsLogGroupArn !== undefined) {
        fail(address, ['trails', name, 'cloudWatchLogsLogGroup'], `trail '${name}' sets both cloudWatchLogsLogGroup and cloudWatchLogsLogGroupArn; use one`);
      }
      if (!manifest.sections.logGroups[spec.cloudWatchLogsLogGroup]) {
        fail(address, ['trails', name, 'cloudWatchLogsLogGroup'], `trail '${name}' delivers to log group '${spec.cloudWatchLogsLogGroup}', which is not declared under logGroups (use cloudWatchLogsLogGroupArn for an unmanaged group)`);
      }
      groupArn = arn(`log-group:${spec.cloudWatchLogsLogGroup}`);
    }
    resources.trails[name] = trail(name, spec, groupArn, withDefaults(spec.tags));
    if (spec.snsTopicName !== undefined) resources.trails[name]!.snsTopicName = snsTopicArn(spec.snsTopicName, ctx.account, ctx.region);
  }

  return {
    resources,
    externals: externals(manifest.externals),
    diagnostics,
    sourceOf(address, member) {
      const path = paths.get(addressKey(address));
      if (!path) return undefined;
      return (member !== undefined ? at([...path, member]) : undefined) ?? at(path);
    },
  };
}

function metricFilter(filterName: string, f: Spec): MetricFilter {
  return {
    filterName,
    filterPattern: f.filterPattern,
    metricTransformations: (f.metricTransformations as Spec[]).map((t) => {
      const out: MetricFilter['metricTransformations'][number] = {
        metricName: t.metricName,
        metricNamespace: t.metricNamespace,
        metricValue: String(t.metricValue),
      };
      if (t.defaultValue !== undefined) out.defaultValue = t.defaultValue;
      if (t.dimensions !== undefined) out.dimensions = canonicalTags(t.dimensions);
      if (t.unit !== undefined) out.unit = t.unit;
      return out;
    }),
  };
}

function subscriptionFilter(filterName: string, f: Spec, destinationArn: string): SubscriptionFilter {
  const out: SubscriptionFilter = {
    filterName,
    filterPattern: f.filterPattern,
    destinationArn,
    distribution: f.distribution ?? 'ByLogStream',
  };
  if (f.roleArn !== undefined) out.roleArn = f.roleArn;
  return out;
}

function trail(name: string, spec: Spec, groupArn: string | undefined, tags: Record<string, string>): Trail {
  const t: Trail = {
    name,
    s3BucketName: spec.s3BucketName,
    includeGlobalServiceEvents: spec.includeGlobalServiceEvents ?? true,
    isMultiRegionTrail: spec.isMultiRegionTrail ?? false,
    enableLogFileValidation: spec.enableLogFileValidation ?? false,
    isOrganizationTrail: spec.isOrganizationTrail ?? false,
    logging: spec.logging ?? true,
    insightSelectors: [...new Set((spec.insightSelectors ?? []) as string[])].sort(),
    tags,
  };
  for (const key of ['s3KeyPrefix', 'cloudWatchLogsRoleArn', 'kmsKeyId'] as const) {
    if (spec[key] !== undefined) t[key] = spec[key];
  }
  if (groupArn !== undefined) t.cloudWatchLogsLogGroupArn = stripLogGroupArnStar(groupArn);
  if (spec.eventSelectors !== undefined) {
    const selectors = canonicalEventSelectors(
      (spec.eventSelectors as Spec[]).map((s) => ({
        ReadWriteType: s.readWriteType,
        IncludeManagementEvents: s.includeManagementEvents,
        DataResources: (s.dataResources as Spec[] | undefined)?.map((r) => ({ Type: r.type, Values: r.values })),
        ExcludeManagementEventSources: s.excludeManagementEventSources,
      })),
    );
    if (selectors) t.eventSelectors = selectors;
  }
  if (spec.advancedEventSelectors !== undefined) {
    t.advancedEventSelectors = (spec.advancedEventSelectors as Spec[]).map((s) => {
      const out: AdvancedEventSelector = { FieldSelectors: (s.fieldSelectors as Spec[]).map(fieldSelector) };
      if (s.name !== undefined) out.Name = s.name;
      return out;
    });
  }
  return t;
}

const OPERATORS = ['equals', 'startsWith', 'endsWith', 'notEquals', 'notStartsWith', 'notEndsWith'] as const;

function fieldSelector(s: Spec): AdvancedEventSelector['FieldSelectors'][number] {
  const out: AdvancedEventSelector['FieldSelectors'][number] = { Field: s.field };
  for (const op of OPERATORS) {
    if (s[op] !== undefined) out[(op[0]!.toUpperCase() + op.slice(1)) as 'Equals'] = s[op];
  }
  return out;
}

function externals(raw: Record<string, unknown[]>): Externals {
  const list = (k: string) => [...new Set((raw[k] ?? []) as string[])];
  return {
    s3Buckets: list('s3Buckets'),
    kmsKeys: ((raw.kmsKeys ?? []) as { arn: string; enabled?: boolean }[]).map((k) => ({ arn: k.arn, enabled: k.enabled ?? true })),
    iamRoles: list('iamRoles'),
    kinesisStreams: list('kinesisStreams'),
    firehoseStreams: list('firehoseStreams'),
    lambdaFunctions: list('lambdaFunctions'),
    snsTopics: list('snsTopics'),
  };
}
