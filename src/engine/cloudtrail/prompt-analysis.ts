/**
 * Reads a GenerateQuery prompt: what it asks for (a count, a ranking by some dimension, or a list
 * of events), over which events (service, event name, errors, reads or writes, Region, IP, root),
 * and over which time window. A small, deterministic reader of the common prompt shapes; whatever
 * it does not understand is reported, never guessed.
 */

/** A column the results can be grouped by. */
export type Dimension = 'user' | 'eventSource' | 'eventName' | 'awsRegion' | 'sourceIPAddress' | 'errorCode';

/** One WHERE condition, as Lake SQL. */
export type Condition = string;

export interface PromptIntent {
  kind: 'count' | 'group' | 'list';
  dimension?: Dimension;
  conditions: Condition[];
  /** Events at or after this engine time (epoch ms). */
  since?: number;
  /** Events before this engine time. */
  until?: number;
  limit?: number;
  /** Whether the prompt is about errors (names the count column). */
  errors: boolean;
}

/** Spoken names of AWS services → their CloudTrail event sources. */
const SERVICES: [RegExp, string][] = [
  [/\bcloudwatch logs\b|\blog groups?\b|\blog streams?\b/, 'logs.amazonaws.com'],
  [/\bcloudtrail\b|\btrails?\b|\bevent data stores?\b/, 'cloudtrail.amazonaws.com'],
  [/\bcloudwatch\b(?! logs)/, 'monitoring.amazonaws.com'],
  [/\bs3\b|\bbuckets?\b/, 's3.amazonaws.com'],
  [/\bsns\b/, 'sns.amazonaws.com'],
  [/\bsqs\b/, 'sqs.amazonaws.com'],
  [/\bec2\b/, 'ec2.amazonaws.com'],
  [/\biam\b/, 'iam.amazonaws.com'],
  [/\bsts\b/, 'sts.amazonaws.com'],
  [/\bkms\b/, 'kms.amazonaws.com'],
  [/\blambda\b/, 'lambda.amazonaws.com'],
  [/\bdynamodb\b/, 'dynamodb.amazonaws.com'],
  [/\brds\b/, 'rds.amazonaws.com'],
  [/\bkinesis\b/, 'kinesis.amazonaws.com'],
  [/\bsecrets manager\b/, 'secretsmanager.amazonaws.com'],
  [/\borganizations\b/, 'organizations.amazonaws.com'],
];

/** Grouping nouns, in the order they win when a prompt names several without "by". */
const DIMENSION_WORDS: [Dimension, RegExp][] = [
  ['user', /\b(users?|who|principals?|identit(y|ies)|people|callers?)\b/],
  ['eventSource', /\b(services|event sources?)\b/],
  ['eventName', /\b(apis?|api calls|operations|actions|event names?|calls)\b/],
  ['awsRegion', /\bregions\b/],
  ['sourceIPAddress', /\b(ips?|ip addresses|source ips?)\b/],
  ['errorCode', /\b(errors|error codes?|exceptions|failures)\b/],
];

const BY_DIMENSION: [RegExp, Dimension][] = [
  [/^(event name|api|operation|action|event)s?\b/, 'eventName'],
  [/^(event source|service)s?\b/, 'eventSource'],
  [/^(user name|username|user|principal|identity|identities|caller)s?\b/, 'user'],
  [/^regions?\b/, 'awsRegion'],
  [/^(source ip|ip address|ip)(es|s)?\b/, 'sourceIPAddress'],
  [/^(error code|error)s?\b/, 'errorCode'],
];

const UNIT_MS: Record<string, number> = { minute: 60e3, hour: 3600e3, day: 86400e3, week: 7 * 86400e3, month: 30 * 86400e3, year: 365 * 86400e3 };

const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, twelve: 12, twenty: 20, thirty: 30 };

const UNSUPPORTED = /\b(average|avg|mean|median|sum|total size|percent(age)?|ratio|trend|histogram|per (minute|hour|day|week|month))\b/;

/** Why a prompt could not be translated (GenerateQuery's GenerateResponseException). */
export class UntranslatablePrompt extends Error {}

/** "in the past 7 days", "last week", "today", "yesterday", "since 2026-01-01". */
function timeWindow(text: string, now: number): { since?: number; until?: number } {
  const relative = /\b(?:past|last|previous)\s+(?:(\d+|[a-z]+)\s+)?(minute|hour|day|week|month|year)s?\b/.exec(text);
  if (relative) {
    const n = relative[1] === undefined ? 1 : Number(relative[1]) || NUMBERS[relative[1]];
    if (n === undefined) throw new UntranslatablePrompt(`the time window "${relative[0]}" is not understood`);
    return { since: now - n * UNIT_MS[relative[2]!]! };
  }
  const midnight = Math.floor(now / 86400e3) * 86400e3;
  if (/\btoday\b/.test(text)) return { since: midnight };
  if (/\byesterday\b/.test(text)) return { since: midnight - 86400e3, until: midnight };
  const since = /\b(?:since|after|from)\s+(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (since) return { since: Date.parse(`${since[1]}T00:00:00Z`) };
  return {};
}

/** Filters the prompt names: a service, an event or error name, errors, reads/writes, Region, IP, root. */
function conditions(text: string, original: string): { list: Condition[]; errors: boolean } {
  const list: Condition[] = [];
  const explicit = /\b([a-z0-9-]+\.amazonaws\.com)\b/.exec(text);
  const service = explicit?.[1] ?? SERVICES.find(([re]) => re.test(text))?.[1];
  if (service) list.push(`eventSource = '${service}'`);
  const names = original.match(/\b[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+\b/g) ?? [];
  const errorName = names.find((n) => /(Exception|Error|Denied|Unauthorized\w*)$/.test(n));
  const eventName = names.find((n) => n !== errorName) ?? (/\bconsole (log ?ins?|sign[- ]?ins?)\b/.test(text) ? 'ConsoleLogin' : undefined);
  if (eventName) list.push(`eventName = '${eventName}'`);
  let errors = false;
  if (errorName) {
    list.push(`errorCode = '${errorName}'`);
    errors = true;
  } else if (/\b(access denied|denied|unauthori[sz]ed)\b/.test(text)) {
    list.push("errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation')");
    errors = true;
  } else if (/\b(errors?|failed|failures?|failing|unsuccessful|exceptions?)\b/.test(text)) {
    list.push('errorCode IS NOT NULL');
    errors = true;
  }
  if (/\b(write|writes|changes?|changed|modif\w*|mutating)\b/.test(text)) list.push('readOnly = false');
  else if (/\b(read-only|read only|reads)\b/.test(text)) list.push('readOnly = true');
  const region = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d)\b/.exec(text);
  if (region) list.push(`awsRegion = '${region[1]}'`);
  const ip = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text);
  if (ip) list.push(`sourceIPAddress = '${ip[1]}'`);
  const arn = /\b(arn:aws:iam::\d{12}:[a-z-]+\/[\w+=,.@/-]+)/.exec(original);
  if (arn) list.push(`userIdentity.arn = '${arn[1]}'`);
  else if (/\broot\b/.test(text)) list.push("userIdentity.type = 'Root'");
  return { list, errors };
}

/** The dimension a "by X" / "per X" / "each X" phrase names, or the noun asked about. */
function dimension(text: string, errors: boolean): { dimension?: Dimension; explicit: boolean } {
  const by = /\b(?:grouped by|group by|broken down by|by|per|for each|each)\s+(?:the\s+)?(.*)$/.exec(text);
  const named = by && BY_DIMENSION.find(([re]) => re.test(by[1]!));
  if (named) return { dimension: named[1], explicit: true };
  const implicit = DIMENSION_WORDS.find(([d, re]) => re.test(text) && !(d === 'errorCode' && !errors));
  return { dimension: implicit?.[0], explicit: false };
}

/** "top 5", "5 most", "top" (ten). */
function limit(text: string): number | undefined {
  const top = /\btop\s+(\d+|[a-z]+)\b/.exec(text) ?? /\b(\d+)\s+(?:most|biggest|largest)\b/.exec(text);
  if (top) return Number(top[1]) || NUMBERS[top[1]!] || 10;
  if (/\b(top|most|least)\b/.test(text)) return 10;
  const last = /\b(?:last|latest|recent|first)\s+(\d+)\s+(?:events|calls|api calls)\b/.exec(text);
  return last ? Number(last[1]) : undefined;
}

/** Reads a prompt at engine time `now`; throws UntranslatablePrompt for anything outside its shapes. */
export function analyzePrompt(prompt: string, now: number): PromptIntent {
  const text = prompt.toLowerCase().replace(/[?!,;"]/g, ' ').replace(/\s+/g, ' ').trim();
  const unsupported = UNSUPPORTED.exec(text);
  if (unsupported) throw new UntranslatablePrompt(`"${unsupported[0]}" needs functions the query language does not support`);
  const { list, errors } = conditions(text, prompt);
  const window = timeWindow(text, now);
  const counting = /\b(how many|count|number of|total)\b/.test(text);
  const { dimension: dim, explicit } = dimension(text, errors);
  const base = { conditions: list, errors, ...window, limit: limit(text) };
  if (dim && (explicit || !counting)) return { kind: 'group', dimension: dim, ...base };
  if (counting) return { kind: 'count', ...base, limit: undefined };
  const listing = /\b(list|show|display|find|get|give|recent|latest|events|activity|calls)\b/.test(text);
  if (listing && (list.length > 0 || /\b(events|activity|calls)\b/.test(text))) return { kind: 'list', ...base, limit: base.limit ?? 50 };
  throw new UntranslatablePrompt('it does not ask for a count, a ranking, or a list of events');
}
