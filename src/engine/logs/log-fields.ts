import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { dataSourceFields } from './data-sources.js';

/** The fields of a data source CloudWatch Logs knows the schema of (unverified message otherwise). */
function getLogFields(_call: Call, input: { dataSourceName: string; dataSourceType: string }) {
  const fields = dataSourceFields(input.dataSourceName, input.dataSourceType);
  if (!fields) {
    throw new AwsError(
      'ResourceNotFoundException',
      `No data source found with name ${input.dataSourceName} and type ${input.dataSourceType}.`,
    );
  }
  return { logFields: structuredClone(fields) };
}

/**
 * Large log objects exist only for events ingested through PutOpenTelemetryLogs that exceed 1 MB;
 * that ingestion path is not part of the CloudWatch Logs API model the engine implements, and
 * PutLogEvents refuses events over 1 MB instead of splitting them. So no pointer can name an
 * object here, and every request is answered as AWS answers an unknown pointer (message
 * unverified). The success response would be an event stream of `fields` events.
 */
function getLogObject(_call: Call, input: { logObjectPointer: string; unmask?: boolean }): never {
  throw new AwsError('ResourceNotFoundException', `The specified log object does not exist: ${input.logObjectPointer}`);
}

/** GetLogFields and GetLogObject. */
export const logFieldOperations: Record<string, Handler> = {
  GetLogFields: getLogFields,
  GetLogObject: getLogObject,
};
