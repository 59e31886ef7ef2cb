import { CreateEventDataStoreCommand } from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Harness } from './harness.js';

/** A registered role that CreateImportTask may use. */
export const IMPORT_ROLE = 'arn:aws:iam::123456789012:role/import';

const DAY = 86_400;

/** An event data store holding management events of two days (one CreateLogGroup call each), and the import role. */
export async function lakeWithTwoDays(h: Harness): Promise<string> {
  const { EventDataStoreArn } = await h.trail.send(new CreateEventDataStoreCommand({ Name: 'lake', TerminationProtectionEnabled: false }));
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'day-one' }));
  await h.admin('POST /_engine/clock', { advanceSeconds: DAY });
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'day-two' }));
  await h.admin('POST /_engine/externals', { iamRoles: [IMPORT_ROLE] });
  return EventDataStoreArn!;
}

