import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { regionalExternalExists } from '../externals.js';
import type { Handler } from '../service.js';
import { ownEntry, putEntry } from './lookup.js';
import { decodeToken, encodeToken } from '../tokens.js';
import type { S3TableSourceRecord } from './state.js';

interface AssociateInput {
  integrationArn: string;
  dataSource: { name: string; type?: string };
}

const DEFAULT_PAGE = 100;

// The messages of this file are not documented by AWS; unverified, in CloudWatch Logs' style.

function sources(call: Call): Record<string, S3TableSourceRecord> {
  return (call.state.logs.s3TableSources ??= {});
}

/**
 * S3 Table integrations are created by CloudWatch's observability admin, outside CloudWatch Logs:
 * register them with `POST /_engine/externals` as `s3TableIntegrations`.
 */
function requireIntegration(call: Call, integrationArn: string): void {
  if (!regionalExternalExists(call, 's3TableIntegrations', integrationArn)) {
    throw new AwsError('ResourceNotFoundException', `S3 Table integration ${integrationArn} does not exist.`);
  }
}

const sameSource = (a: AssociateInput['dataSource'], b: AssociateInput['dataSource']) => a.name === b.name && a.type === b.type;

/** One association per data source (name and type) and integration; its data is not backfilled. */
function associateSourceToS3TableIntegration(call: Call, input: AssociateInput) {
  requireIntegration(call, input.integrationArn);
  const all = sources(call);
  const taken = Object.values(all).some((s) => s.integrationArn === input.integrationArn && sameSource(s.dataSource, input.dataSource));
  if (taken) throw new AwsError('ValidationException', 'The data source is already associated with this S3 Table integration.');
  const source: S3TableSourceRecord = {
    identifier: randomUUID(),
    integrationArn: input.integrationArn,
    dataSource: input.dataSource.type === undefined ? { name: input.dataSource.name } : { ...input.dataSource },
    createdTimeStamp: call.now,
  };
  putEntry(all, source.identifier, source);
  return { identifier: source.identifier };
}

function disassociateSourceFromS3TableIntegration(call: Call, input: { identifier: string }) {
  if (!ownEntry(sources(call), input.identifier)) {
    throw new AwsError('ResourceNotFoundException', `No data source association with identifier ${input.identifier} exists.`);
  }
  delete sources(call)[input.identifier];
  return { identifier: input.identifier };
}

/** The integration's associations, oldest first. */
function listSourcesForS3TableIntegration(call: Call, input: { integrationArn: string; maxResults?: number; nextToken?: string }) {
  requireIntegration(call, input.integrationArn);
  const matching = Object.values(sources(call))
    .filter((s) => s.integrationArn === input.integrationArn)
    .sort((a, b) => a.createdTimeStamp - b.createdTimeStamp || (a.identifier < b.identifier ? -1 : 1));
  const start = input.nextToken === undefined ? 0 : tokenOffset(input.nextToken, input.integrationArn);
  const end = start + (input.maxResults ?? DEFAULT_PAGE);
  return {
    sources: matching.slice(start, end).map((s) => ({
      identifier: s.identifier,
      dataSource: s.dataSource,
      status: 'ACTIVE',
      createdTimeStamp: s.createdTimeStamp,
    })),
    ...(end < matching.length ? { nextToken: encodeToken({ arn: input.integrationArn, offset: end }) } : {}),
  };
}

/** These operations answer a bad token with ValidationException (they have no InvalidParameterException). */
function tokenOffset(token: string, integrationArn: string): number {
  const bad = ['ValidationException', 'The specified nextToken is invalid.'] as const;
  const data = decodeToken<{ arn?: string; offset?: number }>(token, ...bad);
  if (data.arn !== integrationArn || !Number.isInteger(data.offset)) throw new AwsError(...bad);
  return data.offset!;
}

/** Data sources mirrored into an S3 Table integration's Iceberg tables. */
export const s3TableIntegrationOperations: Record<string, Handler> = {
  AssociateSourceToS3TableIntegration: associateSourceToS3TableIntegration,
  DisassociateSourceFromS3TableIntegration: disassociateSourceFromS3TableIntegration,
  ListSourcesForS3TableIntegration: listSourcesForS3TableIntegration,
};
