import { parseArn } from '../aws/arn.js';
import type { Request, ServiceName } from '../model/calls.js';
import { parsePolicy } from '../model/normalize.js';
import type { Json, Tags } from '../model/resources.js';
import type { Reference, Scope } from './types.js';

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
