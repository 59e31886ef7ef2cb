import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { TrailRecord } from './trail-types.js';
import { ownEntry } from '../own.js';

const TRAIL_ARN = /^arn:aws[\w-]*:cloudtrail:([\w-]+):(\d{12}):trail\/(.+)$/;

/**
 * Checks a trail name against CloudTrail's naming rules, in the order CloudTrail checks them, each
 * with its own message (length, first and last character, character set, adjacent separators,
 * IP-address form).
 */
export function validateTrailName(name: string): void {
  const fail = (message: string): never => {
    throw new AwsError('InvalidTrailNameException', message);
  };
  if (name.length < 3) {
    fail(`Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${name.length} characters.`);
  }
  if (name.length > 128) {
    fail(`Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${name.length} characters.`);
  }
  if (!/^[A-Za-z0-9]/.test(name)) fail('Trail name must starts with a letter or number.');
  if (!/[A-Za-z0-9]$/.test(name)) fail('Trail name must ends with a letter or number.');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    fail(
      'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).',
    );
  }
  if (/[._-]{2}/.test(name)) fail('Trail name cannot contain adjacent periods, underscores or dashes.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) fail('Trail name cannot be formatted as an IP address.');
}

/** A `Name`/`TrailName` argument: a trail name, or a trail ARN (its region may be another one). */
export type TrailRef = { kind: 'name'; name: string } | { kind: 'arn'; arn: string; region: string; name: string };

/** The ARN of a trail named `name` in the caller's account and region. */
export function trailArn(call: Call, name: string): string {
  return call.arn('cloudtrail', `trail/${name}`);
}

/** The error AWS raises for an ARN in another account. */
export function wrongAccount(call: Call): AwsError {
  return new AwsError(
    'CloudTrailARNInvalidException',
    `AccountID in ARN is wrong, you can only access resources with AccountID ${call.account}.`,
  );
}

/** Parses a name-or-ARN argument; a malformed name or an ARN of another account fails as AWS fails it. */
export function parseTrailRef(call: Call, value: string): TrailRef {
  if (!value.startsWith('arn:')) {
    validateTrailName(value);
    return { kind: 'name', name: value };
  }
  const m = TRAIL_ARN.exec(value);
  if (!m) throw new AwsError('CloudTrailARNInvalidException', `Invalid trail ARN: ${value}`);
  if (m[2] !== call.account) throw wrongAccount(call);
  validateTrailName(m[3]!);
  return { kind: 'arn', arn: value, region: m[1]!, name: m[3]! };
}

/** Multi-region trails of this account homed in other regions: the shadows this region shows. */
export function shadowTrails(call: Call): TrailRecord[] {
  const found: TrailRecord[] = [];
  for (const [region, state] of Object.entries(call.accountState.regions)) {
    if (region === call.region) continue;
    for (const trail of Object.values(state.cloudtrail.trails)) if (trail.isMultiRegionTrail) found.push(trail);
  }
  return found;
}

/** The trail of this account homed in `region` under `name`, without creating region state. */
export function trailIn(call: Call, region: string, name: string): TrailRecord | undefined {
  return region === call.region
    ? ownEntry(call.state.cloudtrail.trails, name)
    : ownEntry(ownEntry(call.accountState.regions, region)?.cloudtrail.trails ?? {}, name);
}

/**
 * The trail a reference names as seen from the caller's region: a trail homed here, or a shadow of a
 * multi-region trail homed elsewhere (by ARN always; by name unless `homeOnlyByName`).
 */
export function findTrail(call: Call, ref: TrailRef, homeOnlyByName = false): TrailRecord | undefined {
  if (ref.kind === 'name') {
    const home = ownEntry(call.state.cloudtrail.trails, ref.name);
    if (home || homeOnlyByName) return home;
    return shadowTrails(call).find((t) => t.name === ref.name);
  }
  const trail = trailIn(call, ref.region, ref.name);
  if (!trail) return undefined;
  return ref.region === call.region || trail.isMultiRegionTrail ? trail : undefined;
}

/** AWS's TrailNotFoundException: names what was asked for (as given) and the caller's account. */
export function trailNotFound(call: Call, asked: string): AwsError {
  return new AwsError('TrailNotFoundException', `Unknown trail: ${asked} for the user: ${call.account}`);
}

/** The trail a name-or-ARN argument names (shadows included), or TrailNotFoundException. */
export function requireTrail(call: Call, value: string): TrailRecord {
  const trail = findTrail(call, parseTrailRef(call, value));
  if (!trail) throw trailNotFound(call, value);
  return trail;
}

/**
 * The trail for an operation that must run in the trail's home region: a shadow fails with
 * InvalidHomeRegionException.
 */
export function requireHomeTrail(call: Call, value: string): TrailRecord {
  const trail = requireTrail(call, value);
  if (trail.homeRegion !== call.region) {
    throw new AwsError(
      'InvalidHomeRegionException',
      `This operation must be called from the trail's home region, ${trail.homeRegion}. The trail ${trail.arn} is a shadow trail in ${call.region}.`,
    );
  }
  return trail;
}
