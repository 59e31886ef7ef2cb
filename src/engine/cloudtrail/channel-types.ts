import type { AdvancedEventSelectorRecord } from './lake-types.js';

/**
 * A CloudTrail channel as GetChannel returns it: a service-linked channel, which another AWS service
 * creates (`aws-service-channel/<service>/<suffix>`; none of the engine's services does, so they come
 * from a seeded world), or a channel for events from outside AWS made with CreateChannel.
 */
export interface ChannelRecord {
  arn: string;
  name: string;
  /** The service that created it, e.g. `application-signals.cloudwatch.amazonaws.com`. */
  source: string;
  applyToAllRegions: boolean;
  advancedEventSelectors: AdvancedEventSelectorRecord[];
  destinations: { Type: 'EVENT_DATA_STORE' | 'AWS_SERVICE'; Location: string }[];
  /** The resource-based policy document (PutResourcePolicy), as given. */
  resourcePolicy?: string;
  /** Tags (AddTags/RemoveTags/ListTags); absent when it has none. */
  tags?: Record<string, string>;
}
