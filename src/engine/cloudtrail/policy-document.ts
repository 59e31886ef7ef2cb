import { AwsError } from '../errors.js';

/** The kinds of CloudTrail resources that take a resource-based policy. */
export type PolicyResourceType = 'channel' | 'eventdatastore' | 'dashboard';

/** One statement, normalized: every list member a list. */
interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  awsPrincipals: string[];
  servicePrincipals: string[];
  actions: string[];
  resources: string[];
  /** operator → condition key → values. */
  conditions: Record<string, Record<string, string[]>>;
}

const MAX_STATEMENTS = 20;
const MAX_PRINCIPALS = 50;
const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

/** What each resource type's policy may allow (the CloudTrail User Guide's resource-based policy rules). */
const ACTIONS: Record<PolicyResourceType, string[]> = {
  channel: ['cloudtrail-data:PutAuditEvents'],
  eventdatastore: [
    'cloudtrail:StartQuery',
    'cloudtrail:CancelQuery',
    'cloudtrail:ListQueries',
    'cloudtrail:DescribeQuery',
    'cloudtrail:GetQueryResults',
    'cloudtrail:GenerateQuery',
    'cloudtrail:GenerateQueryResultsSummary',
    'cloudtrail:GetEventDataStore',
  ],
  dashboard: ['cloudtrail:StartDashboardRefresh'],
};

/** CloudTrail acting for a dashboard may only run queries (on stores) or refreshes (on dashboards). */
const SERVICE_ACTION: Record<PolicyResourceType, string | undefined> = {
  channel: undefined,
  eventdatastore: 'cloudtrail:StartQuery',
  dashboard: 'cloudtrail:StartDashboardRefresh',
};

const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount'];

const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws[\w-]*:iam::\d{12}:(root|user\/.+|role\/.+|assumed-role\/.+|federated-user\/.+))$/;

// The messages are unverified: AWS's wording for each broken rule could not be found.
const notValid = (detail: string): AwsError => new AwsError('ResourcePolicyNotValidException', `Resource policy is not valid: ${detail}`);

const asList = (value: unknown, what: string): string[] => {
  const list = Array.isArray(value) ? value : [value];
  if (list.some((v) => typeof v !== 'string' || v === '')) throw notValid(`${what} must be a string or a list of strings.`);
  return list as string[];
};

function principals(value: unknown): { aws: string[]; service: string[] } {
  if (value === '*') return { aws: ['*'], service: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notValid('each statement must have a Principal.');
  const { AWS: aws, Service: service, ...other } = value as Record<string, unknown>;
  if (Object.keys(other).length) throw notValid(`principal type ${Object.keys(other)[0]} is not supported.`);
  const out = { aws: aws === undefined ? [] : asList(aws, 'Principal AWS'), service: service === undefined ? [] : asList(service, 'Principal Service') };
  const bad = out.aws.find((p) => !AWS_PRINCIPAL.test(p)) ?? out.service.find((s) => !/^[a-z0-9.-]+\.amazonaws\.com$/.test(s));
  if (bad !== undefined) throw notValid(`principal ${bad} is not valid.`);
  return out;
}

function conditions(value: unknown): PolicyStatement['conditions'] {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notValid('Condition must be an object.');
  const out: PolicyStatement['conditions'] = {};
  for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) throw notValid(`condition ${operator} must be an object.`);
    out[operator] = Object.fromEntries(Object.entries(block as Record<string, unknown>).map(([k, v]) => [k, asList(v, `condition key ${k}`)]));
  }
  return out;
}

function statement(raw: unknown): PolicyStatement {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw notValid('each statement must be an object.');
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw notValid('Effect must be Allow or Deny.');
  if (s.Action === undefined) throw notValid('each statement must have an Action.');
  const who = principals(s.Principal);
  const count = who.aws.length + who.service.length;
  if (count === 0) throw notValid('each statement must have at least one principal.');
  if (count > MAX_PRINCIPALS) throw notValid(`a statement can have at most ${MAX_PRINCIPALS} principals.`);
  return {
    effect: s.Effect,
    awsPrincipals: who.aws,
    servicePrincipals: who.service,
    actions: asList(s.Action, 'Action'),
    resources: s.Resource === undefined ? [] : asList(s.Resource, 'Resource'),
    conditions: conditions(s.Condition),
  };
}

/** Parses a policy document's statements (one statement object or a list of 1 to 20). */
function parsePolicy(text: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw notValid('the policy is not valid JSON.');
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw notValid('the policy must be a JSON object.');
  const { Version: version, Statement: raw } = doc as Record<string, unknown>;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw notValid(`Version ${String(version)} is not supported.`);
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw notValid('the policy must contain at least one statement.');
  if (list.length > MAX_STATEMENTS) throw notValid(`the policy can have at most ${MAX_STATEMENTS} statements.`);
  return list.map(statement);
}

/** Checks the rules of one resource type's policy (ResourcePolicyNotValidException). */
export function validatePolicy(text: string, type: PolicyResourceType, resourceArn: string): void {
  const statements = parsePolicy(text);
  for (const s of statements) {
    const bad = s.actions.find((a) => !ACTIONS[type].includes(a));
    if (bad) throw notValid(`action ${bad} is not supported for a ${type} policy; supported: ${ACTIONS[type].join(', ')}.`);
    if (type === 'channel' && s.resources.some((r) => r !== resourceArn)) {
      throw notValid(`the Resource must be the ARN of the channel the policy is attached to, ${resourceArn}.`);
    }
    if (s.servicePrincipals.length) checkServiceStatement(s, type);
  }
}

/** A statement for CloudTrail itself: cloudtrail.amazonaws.com alone, one action, source conditions only. */
function checkServiceStatement(s: PolicyStatement, type: PolicyResourceType): void {
  const action = SERVICE_ACTION[type];
  if (!action || s.awsPrincipals.length || s.servicePrincipals.some((p) => p !== CLOUDTRAIL_SERVICE)) {
    throw notValid(`the only service principal allowed is ${CLOUDTRAIL_SERVICE}, alone in its statement${action ? '' : ', and not on channels'}.`);
  }
  if (s.actions.some((a) => a !== action)) throw notValid(`a statement for ${CLOUDTRAIL_SERVICE} can allow only ${action}.`);
  const keys = Object.values(s.conditions).flatMap((block) => Object.keys(block));
  if (keys.some((k) => !SOURCE_KEYS.includes(k.toLowerCase()))) {
    throw notValid(`the Condition of a statement for ${CLOUDTRAIL_SERVICE} can only name AWS:SourceArn and AWS:SourceAccount.`);
  }
}

/** IAM's wildcard match: `*` any run of characters, `?` one. */
const glob = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);

/** The request context a statement's conditions are evaluated against (lower-cased keys). */
type Context = Record<string, string>;

function conditionsHold(s: PolicyStatement, context: Context): boolean {
  return Object.entries(s.conditions).every(([operator, block]) =>
    Object.entries(block).every(([key, values]) => {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) return false;
      const like = /like$/i.test(operator);
      return values.some((v) => (like ? glob(v, actual) : v === actual));
    }),
  );
}

/** Whether the policy lets CloudTrail, acting for `sourceArn`, perform `action`: an Allow and no Deny. */
export function allowsCloudTrail(text: string | undefined, action: string, sourceArn: string, sourceAccount: string): boolean {
  if (text === undefined) return false;
  const context = { 'aws:sourcearn': sourceArn, 'aws:sourceaccount': sourceAccount };
  const matching = parsePolicy(text).filter(
    (s) => s.servicePrincipals.includes(CLOUDTRAIL_SERVICE) && s.actions.some((a) => glob(a, action)) && conditionsHold(s, context),
  );
  return matching.some((s) => s.effect === 'Allow') && !matching.some((s) => s.effect === 'Deny');
}
