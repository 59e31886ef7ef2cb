import { RETENTION_DAYS } from '../kinds/log-group.js';
import type { Json } from '../model/resources.js';
import { bool, str, strings } from '../model/schema.js';
import type { LogGroupRule } from './builtin.js';
import { globMatch } from './glob.js';

const days = (doc: string) => ({ kind: 'integer' as const, doc, enum: RETENTION_DAYS });

/**
 * AWS Config's cw-loggroup-retention-period-check, stricter in one respect: AWS Config counts
 * "never expire" as compliant; here it is not, unless AllowNeverExpire says so.
 */
const retention: LogGroupRule = {
  name: 'cw-loggroup-retention-period-check',
  identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
  doc: 'Retention is set and at least MinRetentionTime days (default 365), at most MaxRetentionTime; "never expire" fails unless AllowNeverExpire.',
  subject: 'logGroup',
  applies: 'each',
  parameters: {
    LogGroupNames: strings('Log group names (or globs) to check; default every group.'),
    MinRetentionTime: days('Fewest days of retention (default 365).'),
    MaxRetentionTime: days('Most days of retention (logwarden\'s addition).'),
    AllowNeverExpire: bool('Accept "never expire" (logwarden\'s addition; default false — AWS Config accepts it).'),
  },
  // a DELIVERY group's retention is fixed by AWS: there is nothing to set
  appliesTo: (s, p) => s.group.logGroupClass !== 'DELIVERY' && (!p.LogGroupNames?.length || p.LogGroupNames.some((g: string) => globMatch(g, s.group.logGroupName))),
  check({ group }, p) {
    const min: number = p.MinRetentionTime ?? 365;
    const r = group.retentionInDays;
    const member = 'retentionInDays';
    if (r === undefined) {
      return p.AllowNeverExpire ? undefined : { member, message: `events never expire (no retention set); at least ${min} days required, and "never expire" is not allowed` };
    }
    const kept = `retention is ${r} day${r === 1 ? '' : 's'}`;
    if (r < min) return { member, message: `${kept}; at least ${min} required` };
    if (p.MaxRetentionTime !== undefined && r > p.MaxRetentionTime) return { member, message: `${kept}; at most ${p.MaxRetentionTime} allowed` };
    return undefined;
  },
};

const encrypted: LogGroupRule = {
  name: 'cloudwatch-log-group-encrypted',
  identifier: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED',
  doc: 'The group is encrypted with a KMS key (KmsKeyId: that key).',
  subject: 'logGroup',
  applies: 'each',
  parameters: { KmsKeyId: str('ARN of the KMS key the groups must be encrypted with; default any key.') },
  check({ group }, p) {
    if (group.kmsKeyId === undefined) return { member: 'kmsKeyId', message: 'not encrypted with a KMS key (kmsKeyId is not set)' };
    if (p.KmsKeyId !== undefined && group.kmsKeyId !== p.KmsKeyId) return { member: 'kmsKeyId', message: `encrypted with ${group.kmsKeyId}, not the required key ${p.KmsKeyId}` };
    return undefined;
  },
};

/** The data identifiers a data protection policy masks (its Deidentify statements), by short name. */
function maskedIdentifiers(policy: Json): Set<string> {
  const statements = (policy as { Statement?: Json[] } | null)?.Statement;
  const out = new Set<string>();
  for (const s of Array.isArray(statements) ? statements : []) {
    const st = s as { DataIdentifier?: Json; Operation?: { Deidentify?: Json } };
    if (st.Operation?.Deidentify === undefined || !Array.isArray(st.DataIdentifier)) continue;
    for (const id of st.DataIdentifier) if (typeof id === 'string') out.add(shortIdentifier(id));
  }
  return out;
}

/** `arn:aws:dataprotection::aws:data-identifier/EmailAddress` → `EmailAddress`. */
const shortIdentifier = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** logwarden's own: AWS Config has no managed rule for data protection policies. */
const dataProtection: LogGroupRule = {
  name: 'cloudwatch-log-group-data-protection-enabled',
  doc: 'The group has a data protection policy (masking, with DataIdentifiers: at least those).',
  subject: 'logGroup',
  applies: 'each',
  parameters: { DataIdentifiers: strings('Data identifiers the policy must mask (names like EmailAddress, or their ARNs).') },
  check({ dataProtectionPolicy }, p) {
    const member = 'dataProtectionPolicy';
    if (!dataProtectionPolicy) return { member, message: 'has no data protection policy' };
    const masked = maskedIdentifiers(dataProtectionPolicy.policyDocument);
    const missing = ((p.DataIdentifiers ?? []) as string[]).map(shortIdentifier).filter((id) => !masked.has(id));
    return missing.length ? { member, message: `its data protection policy does not mask ${missing.join(', ')}` } : undefined;
  },
};

/** logwarden's own: every group's events reach a central destination (a SIEM, an archive account). */
const subscribed: LogGroupRule = {
  name: 'cloudwatch-log-group-subscribed',
  doc: 'A subscription filter sends the group\'s events to a central destination (DestinationArns: one of those; AllEvents: with the empty pattern).',
  subject: 'logGroup',
  applies: 'each',
  parameters: {
    DestinationArns: strings('ARNs (or globs) of the accepted destinations; default any.'),
    AllEvents: bool('The filter must pass every event (filterPattern ""); default false.'),
  },
  check({ subscriptionFilters }, p) {
    const member = 'subscriptionFilters';
    if (subscriptionFilters.length === 0) return { member, message: 'has no subscription filter: its events reach no central destination' };
    const wanted = (p.DestinationArns ?? []) as string[];
    const central = subscriptionFilters.filter((f) => wanted.length === 0 || wanted.some((g) => globMatch(g, f.destinationArn)));
    if (central.length === 0) return { member, message: `no subscription filter sends to ${wanted.join(' or ')} (it sends to ${subscriptionFilters.map((f) => f.destinationArn).join(', ')})` };
    if (p.AllEvents && !central.some((f) => f.filterPattern === '')) {
      return { member, message: `its subscription ${central.map((f) => `'${f.filterName}'`).join(', ')} filters events (pattern ${JSON.stringify(central[0]!.filterPattern)}); every event must go` };
    }
    return undefined;
  },
};

/** The built-in log group rules. */
export const LOG_GROUP_RULES: LogGroupRule[] = [retention, encrypted, dataProtection, subscribed];
