import type { AdvancedEventSelectorRecord } from './lake-types.js';

/**
 * A CloudTrail channel as GetChannel returns it. Only service-linked channels, which other AWS
 * services create (`aws-service-channel/<service>/<suffix>`), exist for the engine's accounts; none
 * of the engine's own services creates one, so they come from a seeded world (plan simulation).
 */
export interface ChannelRecord {
  arn: string;
  name: string;
  /** The service that created it, e.g. `application-signals.cloudwatch.amazonaws.com`. */
  source: string;
  applyToAllRegions: boolean;
  advancedEventSelectors: AdvancedEventSelectorRecord[];
  destinations: { Type: 'EVENT_DATA_STORE' | 'AWS_SERVICE'; Location: string }[];
  /** Tags (AddTags/RemoveTags/ListTags); absent when it has none. */
  tags?: Record<string, string>;
}
