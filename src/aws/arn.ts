/**
 * ARN syntax and AWS partitions: facts about AWS itself, shared by the reconciler and the engine,
 * so that every ARN — in a plan, a tag call or an engine response — is built in one place.
 */

/** The partition of a region: `aws`, `aws-cn` (China), `aws-us-gov` (GovCloud), or an ISO one. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** Where an ARN points: the account and region its resources live in. */
export interface ArnScope {
  account: string;
  region: string;
}

/** `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, the partition taken from the region. */
export function buildArn(scope: ArnScope, service: string, resource: string): string {
  return `arn:${partitionOf(scope.region)}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** An ARN's parts; undefined for anything that is not an ARN. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:(aws[\w-]*):([\w-]+):([\w-]*):(\d{12}|aws|):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}
