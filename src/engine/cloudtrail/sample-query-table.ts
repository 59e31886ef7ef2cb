/** One of CloudTrail Lake's sample queries, as SearchSampleQueries returns it. */
export interface SampleQuery {
  Name: string;
  Description: string;
  /** `$EDS_ID` stands for the event data store, as in AWS's samples. */
  SQL: string;
}

const q = (Name: string, Description: string, SQL: string): SampleQuery => ({ Name, Description, SQL });

/**
 * The searchable table: the query shapes of the CloudTrail User Guide's sample queries (console
 * sign-ins, API activity by user, service, event and Region, errors and access denials, resource
 * changes, S3 and Lambda data events), with names and descriptions written for the engine.
 */
export const SAMPLE_QUERIES: SampleQuery[] = [
  q('Find API calls by a user', 'Find all API calls made by a specific IAM user, newest first.',
    "SELECT eventTime, eventSource, eventName, awsRegion FROM $EDS_ID WHERE userIdentity.arn = 'arn:aws:iam::123456789012:user/Alice' ORDER BY eventTime DESC"),
  q('Find principals who called an API on a day', 'Find all principal IDs who called a particular API on a particular day.',
    "SELECT userIdentity.principalId, COUNT(*) AS calls FROM $EDS_ID WHERE eventName = 'DeleteBucket' AND eventTime >= '2024-01-01 00:00:00' AND eventTime < '2024-01-02 00:00:00' GROUP BY userIdentity.principalId"),
  q('Count API calls by event name and source', 'Find the number of API calls grouped by event name and event source within the past week.',
    "SELECT eventSource, eventName, COUNT(*) AS apiCount FROM $EDS_ID WHERE eventTime > '2024-01-01 00:00:00' GROUP BY eventSource, eventName ORDER BY apiCount DESC"),
  q('Find console sign-ins', 'Find all AWS Management Console sign-in events, with the user and the source IP address.',
    "SELECT eventTime, userIdentity.arn, sourceIPAddress, awsRegion FROM $EDS_ID WHERE eventName = 'ConsoleLogin' ORDER BY eventTime DESC"),
  q('Find console sign-ins in a set of Regions', 'Find all users who signed in to the console in a set of Regions.',
    "SELECT userIdentity.arn, awsRegion, COUNT(*) AS signIns FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND awsRegion IN ('us-east-1', 'us-west-2') GROUP BY userIdentity.arn, awsRegion"),
  q('Find failed console sign-ins', 'Find console sign-in attempts that failed, by user and source IP address.',
    "SELECT userIdentity.arn, sourceIPAddress, COUNT(*) AS failures FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND errorMessage IS NOT NULL GROUP BY userIdentity.arn, sourceIPAddress ORDER BY failures DESC"),
  q('Find the most active users', 'Find the ten users or roles that made the most API calls.',
    'SELECT userIdentity.arn, COUNT(*) AS calls FROM $EDS_ID GROUP BY userIdentity.arn ORDER BY calls DESC LIMIT 10'),
  q('Find the most called APIs', 'Find the ten most frequently called API operations and their services.',
    'SELECT eventName, eventSource, COUNT(*) AS calls FROM $EDS_ID GROUP BY eventName, eventSource ORDER BY calls DESC LIMIT 10'),
  q('Find the top errors', 'Find the most frequent error codes returned by API calls.',
    'SELECT errorCode, COUNT(*) AS errors FROM $EDS_ID WHERE errorCode IS NOT NULL GROUP BY errorCode ORDER BY errors DESC LIMIT 10'),
  q('Find errors by service', 'Find the number of failed API calls for each service and error code.',
    'SELECT eventSource, errorCode, COUNT(*) AS errors FROM $EDS_ID WHERE errorCode IS NOT NULL GROUP BY eventSource, errorCode ORDER BY errors DESC'),
  q('Find access denied errors', 'Find API calls that were denied (AccessDenied and UnauthorizedOperation errors), by user and API.',
    "SELECT userIdentity.arn, eventSource, eventName, COUNT(*) AS denied FROM $EDS_ID WHERE errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation') GROUP BY userIdentity.arn, eventSource, eventName ORDER BY denied DESC"),
  q('Find API calls by service', 'Find the users who made API calls to a specific AWS service, such as Amazon SNS.',
    "SELECT userIdentity.arn, eventName, COUNT(*) AS calls FROM $EDS_ID WHERE eventSource = 'sns.amazonaws.com' GROUP BY userIdentity.arn, eventName ORDER BY calls DESC"),
  q('Find API calls by Region', 'Find the number of API calls made in each AWS Region.',
    'SELECT awsRegion, COUNT(*) AS calls FROM $EDS_ID GROUP BY awsRegion ORDER BY calls DESC'),
  q('Find API calls from an IP address', 'Find all API calls made from a specific source IP address.',
    "SELECT eventTime, userIdentity.arn, eventSource, eventName FROM $EDS_ID WHERE sourceIPAddress = '192.0.2.1' ORDER BY eventTime DESC"),
  q('Find API calls by source IP address', 'Find the source IP addresses that made the most API calls.',
    'SELECT sourceIPAddress, COUNT(*) AS calls FROM $EDS_ID GROUP BY sourceIPAddress ORDER BY calls DESC LIMIT 10'),
  q('Find write API calls', 'Find API calls that changed resources (write-only management events), newest first.',
    'SELECT eventTime, userIdentity.arn, eventSource, eventName FROM $EDS_ID WHERE readOnly = false ORDER BY eventTime DESC'),
  q('Find deleted resources', 'Find API calls that deleted resources, such as DeleteBucket or DeleteTrail.',
    "SELECT eventTime, userIdentity.arn, eventSource, eventName FROM $EDS_ID WHERE eventName LIKE 'Delete%' ORDER BY eventTime DESC"),
  q('Find IAM changes', 'Find changes to IAM users, roles and policies.',
    "SELECT eventTime, userIdentity.arn, eventName FROM $EDS_ID WHERE eventSource = 'iam.amazonaws.com' AND readOnly = false ORDER BY eventTime DESC"),
  q('Find CloudTrail configuration changes', 'Find calls that changed or stopped CloudTrail logging, such as StopLogging, DeleteTrail and UpdateTrail.',
    "SELECT eventTime, userIdentity.arn, eventName, awsRegion FROM $EDS_ID WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors') ORDER BY eventTime DESC"),
  q('Find root user activity', 'Find API calls made with the root user credentials of the account.',
    "SELECT eventTime, eventSource, eventName, sourceIPAddress FROM $EDS_ID WHERE userIdentity.type = 'Root' ORDER BY eventTime DESC"),
  q('Find activity of an access key', 'Find all API calls signed with a specific access key ID.',
    "SELECT eventTime, eventSource, eventName, awsRegion FROM $EDS_ID WHERE userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE' ORDER BY eventTime DESC"),
  q('Find S3 object reads', 'Find Amazon S3 GetObject data events for a bucket, by user.',
    "SELECT userIdentity.arn, COUNT(*) AS reads FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com' AND eventName = 'GetObject' GROUP BY userIdentity.arn ORDER BY reads DESC"),
  q('Find Lambda invocations', 'Find AWS Lambda Invoke data events, by function caller.',
    "SELECT userIdentity.arn, COUNT(*) AS invocations FROM $EDS_ID WHERE eventSource = 'lambda.amazonaws.com' AND eventName = 'Invoke' GROUP BY userIdentity.arn ORDER BY invocations DESC"),
  q('Find security group changes', 'Find changes to Amazon EC2 security group rules.',
    "SELECT eventTime, userIdentity.arn, eventName FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' AND eventName IN ('AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupEgress') ORDER BY eventTime DESC"),
  q('Find log group deletions', 'Find CloudWatch Logs DeleteLogGroup calls, with the log group name and the user.',
    "SELECT eventTime, userIdentity.arn, requestParameters FROM $EDS_ID WHERE eventSource = 'logs.amazonaws.com' AND eventName = 'DeleteLogGroup' ORDER BY eventTime DESC"),
];
