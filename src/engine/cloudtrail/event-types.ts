/**
 * One CloudTrail event as the engine records it: every API call to either service becomes one of
 * these (the engine's trail of itself); imports bring more. LookupEvents, event data stores and
 * Lake queries all read this one shape. Times are epoch milliseconds.
 */
export interface CloudTrailEvent {
  eventVersion: '1.09';
  eventId: string;
  eventName: string;
  /** e.g. `logs.amazonaws.com`, `cloudtrail.amazonaws.com`. */
  eventSource: string;
  eventTime: number;
  eventType: 'AwsApiCall';
  eventCategory: 'Management' | 'Data' | 'Insight';
  managementEvent: boolean;
  readOnly: boolean;
  awsRegion: string;
  recipientAccountId: string;
  requestId: string;
  sourceIPAddress: string;
  userAgent: string;
  userIdentity: {
    type: 'IAMUser' | 'AssumedRole' | 'Root';
    principalId: string;
    arn: string;
    accountId: string;
    accessKeyId: string;
    userName?: string;
  };
  /** The user name LookupEvents reports (and matches the `Username` attribute against). */
  username: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  /** Resources the call touched (LookupEvents `ResourceType`/`ResourceName`). */
  resources: { resourceType: string; resourceName: string }[];
}
