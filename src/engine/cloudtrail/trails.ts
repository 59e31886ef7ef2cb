import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { rawState } from '../persist/tracker.js';
import type { Handler } from '../service.js';
import { mergeTags, type TagInput } from './tag-rules.js';
import {
  findTrail,
  parseTrailRef,
  requireHomeTrail,
  requireTrail,
  shadowTrails,
  trailArn,
  trailIn,
  trailNotFound,
  validateTrailName,
} from './trail-names.js';
import {
  applySettings,
  checkGlobalEvents,
  checkTrailLimit,
  compact,
  type TrailSettingsInput,
} from './trail-settings.js';
import type { TrailRecord } from './trail-types.js';
import { latestDelivery, trailDescription, trailSettings, trailStatus } from './trail-views.js';
import { ownEntry, putEntry } from '../own.js';

interface CreateTrailInput extends TrailSettingsInput {
  Name: string;
  S3BucketName: string;
  TagsList?: TagInput[];
}

interface UpdateTrailInput extends TrailSettingsInput {
  Name: string;
}

/** A name is taken by a trail homed here, by a shadow here, or (for a multi-region trail) anywhere. */
function checkNameFree(call: Call, name: string, multiRegion: boolean): void {
  const taken = multiRegion
    ? Object.values(call.accountState.regions).some((r) => ownEntry(r.cloudtrail.trails, name))
    : ownEntry(call.state.cloudtrail.trails, name) || shadowTrails(call).some((t) => t.name === name);
  if (taken) {
    throw new AwsError('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${call.account}`);
  }
}

function newTrail(call: Call, name: string, bucket: string): TrailRecord {
  return {
    name,
    arn: trailArn(call, name),
    homeRegion: call.region,
    tags: {},
    s3BucketName: bucket,
    includeGlobalServiceEvents: true,
    isMultiRegionTrail: false,
    logFileValidationEnabled: false,
    isOrganizationTrail: false,
    insightSelectors: [],
    logging: { isLogging: false },
    createdTime: call.now,
  };
}

/** CreateTrail: a new trail, not logging until StartLogging. */
function createTrail(call: Call, input: CreateTrailInput): unknown {
  validateTrailName(input.Name);
  const multiRegion = input.IsMultiRegionTrail ?? false;
  checkGlobalEvents(multiRegion, input.IncludeGlobalServiceEvents ?? true);
  checkNameFree(call, input.Name, multiRegion);
  checkTrailLimit(call, multiRegion);
  const trail = newTrail(call, input.Name, input.S3BucketName);
  applySettings(call, trail, input);
  trail.tags = mergeTags({}, input.TagsList ?? []);
  putEntry(call.state.cloudtrail.trails, trail.name, compact(trail));
  return trailSettings(trail);
}

/** UpdateTrail: changes only what is given; must run in the trail's home region. */
function updateTrail(call: Call, input: UpdateTrailInput): unknown {
  const trail = requireHomeTrail(call, input.Name);
  const draft = structuredClone(rawState(trail)); // a tracked record is a proxy, which cannot be cloned
  applySettings(call, draft, input);
  if (draft.isMultiRegionTrail && !trail.isMultiRegionTrail) checkTrailLimit(call, true, trail);
  const updated = compact(draft);
  putEntry(call.state.cloudtrail.trails, trail.name, updated);
  return trailSettings(updated);
}

/** DeleteTrail: from the home region only; the trail's tags and selectors go with it. */
function deleteTrail(call: Call, input: { Name: string }): undefined {
  const trail = requireHomeTrail(call, input.Name);
  delete call.state.cloudtrail.trails[trail.name];
  return undefined;
}

/**
 * DescribeTrails: without names, the trails homed here plus (unless includeShadowTrails is false)
 * the shadows of multi-region trails; with names, trails homed here by name and any of the
 * account's trails by ARN. Unknown names are left out, not errors.
 */
function describeTrails(call: Call, input: { trailNameList?: string[]; includeShadowTrails?: boolean }): unknown {
  const names = input.trailNameList ?? [];
  if (names.length === 0) {
    const home = Object.values(call.state.cloudtrail.trails);
    const shadows = input.includeShadowTrails === false ? [] : shadowTrails(call);
    return { trailList: [...home, ...shadows].map(trailDescription) };
  }
  const found: TrailRecord[] = [];
  for (const value of names) {
    const ref = parseTrailRef(call, value);
    const trail = ref.kind === 'name' ? ownEntry(call.state.cloudtrail.trails, ref.name) : trailIn(call, ref.region, ref.name);
    if (trail && !found.includes(trail)) found.push(trail);
  }
  return { trailList: found.map(trailDescription) };
}

function getTrail(call: Call, input: { Name: string }): unknown {
  return { Trail: trailDescription(requireTrail(call, input.Name)) };
}

/** GetTrailStatus: a shadow's status needs its ARN; an unknown name is reported as this region's ARN. */
function getTrailStatus(call: Call, input: { Name: string }): unknown {
  const ref = parseTrailRef(call, input.Name);
  const trail = findTrail(call, ref, true);
  if (!trail) throw trailNotFound(call, ref.kind === 'name' ? trailArn(call, ref.name) : input.Name);
  return trailStatus(trail, call.now);
}

/** ListTrails: every trail of the account, in every region, with its home region. */
function listTrails(call: Call): unknown {
  const trails = Object.values(call.accountState.regions).flatMap((r) => Object.values(r.cloudtrail.trails));
  return { Trails: trails.map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion })) };
}

/** StartLogging: a trail already logging stays as it is. */
function startLogging(call: Call, input: { Name: string }): undefined {
  const { logging } = requireHomeTrail(call, input.Name);
  if (logging.isLogging) return undefined;
  const delivered = latestDelivery(logging, call.now);
  if (delivered !== undefined) logging.latestDeliveryTime = delivered;
  logging.isLogging = true;
  logging.startLoggingTime = call.now;
  return undefined;
}

/** StopLogging: a trail that is not logging stays as it is. */
function stopLogging(call: Call, input: { Name: string }): undefined {
  const { logging } = requireHomeTrail(call, input.Name);
  if (!logging.isLogging) return undefined;
  logging.isLogging = false;
  logging.stopLoggingTime = call.now;
  return undefined;
}

/** Trails and their logging state. */
export const trailOperations: Record<string, Handler> = {
  CreateTrail: createTrail,
  UpdateTrail: updateTrail,
  DeleteTrail: deleteTrail,
  DescribeTrails: describeTrails,
  GetTrail: getTrail,
  GetTrailStatus: getTrailStatus,
  ListTrails: listTrails,
  StartLogging: startLogging,
  StopLogging: stopLogging,
};
