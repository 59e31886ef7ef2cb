import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { isTimeZone, parseSchedule } from './insights/schedule.js';
import type { QueryLanguage } from './insights-types.js';
import { queryLogGroups } from './query-sources.js';

/** The members Create and Update share (PUT semantics: Update takes the whole configuration). */
export interface ScheduledQueryConfig {
  description?: string;
  queryLanguage: QueryLanguage;
  queryString: string;
  logGroupIdentifiers?: string[];
  scheduleExpression: string;
  timezone?: string;
  startTimeOffset?: number;
  endTimeOffset?: number;
  destinationConfiguration?: { s3Configuration?: { destinationIdentifier: string; roleArn: string; ownerAccountId?: string; kmsKeyId?: string } };
  scheduleStartTime?: number;
  scheduleEndTime?: number;
  executionRoleArn: string;
  state?: 'ENABLED' | 'DISABLED';
}

// Every message here is in AWS's style but unverified against the service.
const invalid = (message: string): AwsError => new AwsError('ValidationException', message);

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** The semantic rules of a scheduled query's configuration that the model cannot express. */
export function checkScheduledQueryConfig(call: Call, input: ScheduledQueryConfig): void {
  if (!parseSchedule(input.scheduleExpression)) {
    throw invalid(`Invalid schedule expression: ${input.scheduleExpression}. Use a cron() or rate() expression.`);
  }
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) throw invalid(`Invalid timezone: ${input.timezone}`);
  checkOffsets(input);
  if (input.scheduleStartTime !== undefined && input.scheduleEndTime !== undefined && input.scheduleEndTime <= input.scheduleStartTime) {
    throw invalid('scheduleEndTime must be after scheduleStartTime.');
  }
  if (!ROLE_ARN.test(input.executionRoleArn)) throw invalid(`Invalid executionRoleArn: ${input.executionRoleArn}`);
  const s3 = input.destinationConfiguration?.s3Configuration;
  if (s3 && !S3_URI.test(s3.destinationIdentifier)) throw invalid(`Invalid S3 destination: ${s3.destinationIdentifier}`);
  if (s3 && !ROLE_ARN.test(s3.roleArn)) throw invalid(`Invalid roleArn: ${s3.roleArn}`);
  if (input.logGroupIdentifiers === undefined && !/^\s*SOURCE\b/i.test(input.queryString)) {
    throw invalid('logGroupIdentifiers must be specified unless the query string selects log groups with SOURCE.');
  }
  if (input.logGroupIdentifiers !== undefined) queryLogGroups(call, { logGroupIdentifiers: input.logGroupIdentifiers });
}

/** The window is [now - startTimeOffset, now - endTimeOffset]: both non-negative, start before end. */
function checkOffsets(input: ScheduledQueryConfig): void {
  if (input.startTimeOffset !== undefined && input.startTimeOffset < 0) throw invalid('startTimeOffset must not be negative.');
  if (input.endTimeOffset !== undefined && input.endTimeOffset < 0) throw invalid('endTimeOffset must not be negative.');
  if (input.endTimeOffset !== undefined && input.endTimeOffset >= (input.startTimeOffset ?? 0)) {
    throw invalid('endTimeOffset must be less than startTimeOffset.');
  }
}
