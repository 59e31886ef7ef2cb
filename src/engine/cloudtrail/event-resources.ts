import type { Call } from '../call.js';
import type { CloudTrailEvent } from './event-types.js';

type Resource = CloudTrailEvent['resources'][number];

const LOG_GROUP = 'AWS::Logs::LogGroup';
const TRAIL = 'AWS::CloudTrail::Trail';
const STORE = 'AWS::CloudTrail::EventDataStore';
const CHANNEL = 'AWS::CloudTrail::Channel';

/** The resource type an ARN names (tagging calls take any taggable resource's ARN). */
function typeOfArn(arn: string): string | undefined {
  if (/^arn:[^:]+:logs:[^:]*:\d*:log-group:/.test(arn)) return LOG_GROUP;
  if (/^arn:[^:]+:logs:[^:]*:\d*:destination:/.test(arn)) return 'AWS::Logs::Destination';
  if (/^arn:[^:]+:cloudtrail:[^:]*:\d*:trail\//.test(arn)) return TRAIL;
  if (/^arn:[^:]+:cloudtrail:[^:]*:\d*:eventdatastore\//.test(arn)) return STORE;
  if (/^arn:[^:]+:cloudtrail:[^:]*:\d*:channel\//.test(arn)) return CHANNEL;
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The resources a CloudWatch Logs call names, from its well-known input members. */
function logsResources(input: Record<string, unknown>): Resource[] {
  const out: Resource[] = [];
  const group = str(input.logGroupName) ?? str(input.logGroupIdentifier);
  if (group) out.push({ resourceType: LOG_GROUP, resourceName: group });
  const stream = str(input.logStreamName);
  if (stream) out.push({ resourceType: 'AWS::Logs::LogStream', resourceName: stream });
  const destination = str(input.destinationName);
  if (destination) out.push({ resourceType: 'AWS::Logs::Destination', resourceName: destination });
  const arn = str(input.resourceArn);
  const type = arn && typeOfArn(arn);
  if (arn && type) out.push({ resourceType: type, resourceName: arn });
  return out;
}

/** CloudTrail names trails and stores by ARN in its events; a bare name or ID becomes one. */
function cloudTrailArn(call: Call, kind: 'trail' | 'eventdatastore', ref: string): string {
  return ref.startsWith('arn:') ? ref : call.arn('cloudtrail', `${kind}/${ref}`);
}

/** The resources a CloudTrail call names: from its input, or (for creations) from its output. */
function cloudTrailResources(call: Call, input: Record<string, unknown>, output: Record<string, unknown>): Resource[] {
  const storeOp = call.operation.includes('EventDataStore');
  const store = str(input.EventDataStore) ?? str(output.EventDataStoreArn);
  if (store) return [{ resourceType: STORE, resourceName: cloudTrailArn(call, 'eventdatastore', store) }];
  const trail = str(output.TrailARN) ?? (storeOp ? undefined : str(input.Name) ?? str(input.TrailName));
  if (trail) return [{ resourceType: TRAIL, resourceName: cloudTrailArn(call, 'trail', trail) }];
  const other = str(input.ResourceId) ?? str(input.Channel);
  const type = other && typeOfArn(other);
  return other && type ? [{ resourceType: type, resourceName: other }] : [];
}

/** Derives an event's resources from the call's input and output members. */
export function eventResources(call: Call, input: Record<string, unknown>, output: unknown): Resource[] {
  if (call.service === 'logs') return logsResources(input);
  const out = output !== null && typeof output === 'object' ? (output as Record<string, unknown>) : {};
  return cloudTrailResources(call, input, out);
}
