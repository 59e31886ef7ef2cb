import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { putEntry, requireLogGroup } from './lookup.js';
import { describeLogStreams } from './stream-describe.js';
import {
  indexLogStreamCreated,
  indexLogStreamDeleted,
  newLogStreamRecord,
  requireLogStream,
} from './stream-records.js';

interface LogStreamInput {
  logGroupName: string;
  logStreamName: string;
}

/** CreateLogStream: a new, empty stream; names are unique within the group. */
function createLogStream(call: Call, input: LogStreamInput): undefined {
  const group = requireLogGroup(call, input.logGroupName);
  if (Object.hasOwn(group.streams, input.logStreamName)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  }
  putEntry(group.streams, input.logStreamName, newLogStreamRecord(input.logStreamName, call.now));
  indexLogStreamCreated(group, input.logStreamName);
  return undefined;
}

/** DeleteLogStream: the stream and every event in it. */
function deleteLogStream(call: Call, input: LogStreamInput): undefined {
  const group = requireLogGroup(call, input.logGroupName);
  requireLogStream(group, input.logStreamName);
  delete group.streams[input.logStreamName];
  indexLogStreamDeleted(group, input.logStreamName);
  return undefined;
}

export const streamOperations: Record<string, Handler> = {
  CreateLogStream: createLogStream,
  DeleteLogStream: deleteLogStream,
  DescribeLogStreams: describeLogStreams,
};
