import type { CloudTrailEvent } from './event-types.js';

/** CloudTrail's event time format: ISO 8601 UTC to the second, e.g. `2024-05-01T12:00:00Z`. */
export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The event record as CloudTrail writes it (the `CloudTrailEvent` string of LookupEvents, a log
 * file record, a Lake row): AWS's member names and order, eventTime in ISO form, resources as
 * `{accountId, type, ARN}` — fields that are the engine's own bookkeeping are left out.
 */
export function eventRecord(event: CloudTrailEvent): Record<string, unknown> {
  return {
    eventVersion: event.eventVersion,
    userIdentity: event.userIdentity,
    eventTime: isoSeconds(event.eventTime),
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: event.awsRegion,
    sourceIPAddress: event.sourceIPAddress,
    userAgent: event.userAgent,
    ...(event.errorCode === undefined ? {} : { errorCode: event.errorCode, errorMessage: event.errorMessage }),
    requestParameters: event.requestParameters,
    responseElements: event.responseElements,
    requestID: event.requestId,
    eventID: event.eventId,
    readOnly: event.readOnly,
    ...(event.resources.length === 0
      ? {}
      : { resources: event.resources.map((r) => ({ accountId: event.recipientAccountId, type: r.resourceType, ARN: r.resourceName })) }),
    eventType: event.eventType,
    managementEvent: event.managementEvent,
    recipientAccountId: event.recipientAccountId,
    eventCategory: event.eventCategory,
  };
}
