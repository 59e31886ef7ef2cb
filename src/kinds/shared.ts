import { buildArn, parseArn } from '../aws/arn.js';
import type { Request, ServiceName } from '../model/calls.js';
import { parsePolicy } from '../model/normalize.js';
import type { Json, Tags } from '../model/resources.js';
import type { DeclareContext, Reference, Scope } from './types.js';

/** A request as data; undefined members are dropped so inputs read (and fingerprint) the same however built. */
export function request(service: ServiceName, operation: string, input: Record<string, unknown>): Request {
  return { service, operation, input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
}

export const logs = (operation: string, input: Record<string, unknown>) => request('logs', operation, input);
export const cloudtrail = (operation: string, input: Record<string, unknown>) => request('cloudtrail', operation, input);

/** Tags to remove and tags to set to go from `before` to `after`. */
export function tagChanges(before: Tags, after: Tags): { removed: string[]; set: Tags } {
  const removed = Object.keys(before).filter((k) => !Object.hasOwn(after, k));
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => !Object.hasOwn(before, k) || before[k] !== v));
  return { removed, set };
}

/** CloudWatch Logs tag calls (TagResource / UntagResource take the resource's ARN). */
export function logsTagSteps(resourceArn: string, before: Tags, after: Tags): Request[] {
  const { removed, set } = tagChanges(before, after);
  const steps: Request[] = [];
  if (removed.length) steps.push(logs('UntagResource', { resourceArn, tagKeys: removed }));
  if (Object.keys(set).length) steps.push(logs('TagResource', { resourceArn, tags: set }));
  return steps;
}

/** Parses a policy AWS returned; an unparsable one is kept as its string so the diff shows it. */
export function observedPolicy(text: string | undefined, canonical: (j: Json) => Json): Json | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return canonical(parsePolicy(text));
  } catch {
    return text;
  }
}

/**
 * The resource an ARN names when it is a CloudWatch Logs resource (`destination:NAME`,
 * `log-group:NAME`, with or without `:*`): in this scope, or — another account's or region's —
 * with its scope; undefined for anything else.
 */
export function logsResourceIn(scope: Scope, arn: string | undefined, kind: string, resourceType: string): Reference | undefined {
  const parsed = arn === undefined ? undefined : parseArn(arn);
  if (!parsed || parsed.service !== 'logs') return undefined;
  const prefix = `${resourceType}:`;
  if (!parsed.resource.startsWith(prefix)) return undefined;
  const name = parsed.resource.slice(prefix.length).replace(/:\*$/, '');
  const here = parsed.account === scope.account && parsed.region === scope.region;
  return here ? { kind, name } : { kind, name, scope: { account: parsed.account, region: parsed.region } };
}

/** The ARNs of a value grouped as externals by their service (`iam` → iamRoles, …). */
export function externalArns(arns: (string | undefined)[]) {
  const of = (service: string) => arns.filter((a): a is string => a !== undefined && a.split(':')[2] === service);
  return {
    iamRoles: of('iam'),
    kinesisStreams: of('kinesis'),
    firehoseStreams: of('firehose'),
    lambdaFunctions: of('lambda'),
    snsTopics: of('sns'),
  };
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A string member of a JSON object; undefined when absent or not a string. */
export const stringAt = (v: Json | undefined, key: string): string | undefined => (isObject(v) && typeof v[key] === 'string' ? (v[key] as string) : undefined);

/** The FindingsDestination of a data protection policy's Audit statement(s). */
export function findingsDestinations(document: Json): { [key: string]: Json }[] {
  const statements = isObject(document) && Array.isArray(document.Statement) ? document.Statement : [];
  return statements.flatMap((s) => {
    const audit = isObject(s) && isObject(s.Operation) ? s.Operation.Audit : undefined;
    return isObject(audit) && isObject(audit.FindingsDestination) ? [audit.FindingsDestination] : [];
  });
}

/** The S3 buckets and Firehose streams (in the policy's scope) a data protection policy sends findings to, which AWS checks exist. */
export function findingsExternals(document: Json, scope: Scope) {
  const found = findingsDestinations(document);
  return {
    s3Buckets: found.flatMap((f) => stringAt(f.S3, 'Bucket') ?? []),
    firehoseStreams: found.flatMap((f) => {
      const stream = stringAt(f.Firehose, 'DeliveryStream');
      return stream === undefined ? [] : [buildArn(scope, 'firehose', `deliverystream/${stream}`)];
    }),
  };
}

/** A declaration's members without the undefined ones (what a `declare` leaves to defaults). */
export function declared(members: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(members).filter(([, v]) => v !== undefined));
}

/** The tags a declaration gives beside `defaults.tags` (those it shares with them go without saying); undefined: none. */
export function ownTags(tags: Tags, defaults: Tags): Tags | undefined {
  const own = Object.entries(tags).filter(([k, v]) => !Object.hasOwn(defaults, k) || defaults[k] !== v);
  return own.length ? Object.fromEntries(own) : undefined;
}

/**
 * How a declaration refers to a CloudWatch Logs resource it names by ARN: by name (with the account
 * when another one's, in the same region) when the manifests declare it, else by the ARN itself.
 */
export function referenceByName(ctx: DeclareContext, arn: string, kind: string, resourceType: string): { name: string; account?: string } | undefined {
  const ref = logsResourceIn(ctx, arn, kind, resourceType);
  if (!ref || (ref.scope && ref.scope.region !== ctx.region) || !ctx.isDeclared(kind, ref.name, ref.scope)) return undefined;
  return ref.scope ? { name: ref.name, account: ctx.accountName(ref.scope.account) } : { name: ref.name };
}
