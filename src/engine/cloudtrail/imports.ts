import { randomUUID } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import {
  importOngoing,
  importSourceEvents,
  importStatistics,
  importStatisticsAt,
  importStatusAt,
  importUpdatedAt,
  settleImports,
} from './import-progress.js';
import { checkImportSource, resolveDestination } from './import-source.js';
import type { ImportRecord, ImportStatus, LakeState } from './lake-types.js';

interface StartImportInput {
  Destinations?: string[];
  ImportSource?: ImportRecord['importSource'];
  /** Epoch seconds, as CloudTrail timestamps arrive. */
  StartEventTime?: number;
  EndEventTime?: number;
  ImportId?: string;
}

const seconds = (ms: number): number => ms / 1000;

const badToken = (): AwsError => new AwsError('InvalidNextTokenException', 'The NextToken is not valid.');

/** This region's Lake, with every finished import run settled first. */
function settledLake(call: Call): LakeState {
  const lake = call.state.cloudtrail.lake;
  settleImports(lake, call.now);
  return lake;
}

function findImport(lake: LakeState, importId: string): ImportRecord {
  const imp = Object.hasOwn(lake.imports, importId) ? lake.imports[importId] : undefined;
  if (!imp) throw new AwsError('ImportNotFoundException', 'The specified import was not found.');
  return imp;
}

/** One import at a time per account, whatever its region. */
function checkNoOngoingImport(call: Call): void {
  for (const region of Object.values(call.accountState.regions)) {
    if (Object.values(region.cloudtrail.lake.imports).some((imp) => importOngoing(imp, call.now))) {
      throw new AwsError('AccountHasOngoingImportException', 'A previous import is still in progress.');
    }
  }
}

/** The members StartImport, GetImport and StopImport share. */
function importView(imp: ImportRecord, now: number): Record<string, unknown> {
  return {
    ImportId: imp.importId,
    Destinations: imp.destinations,
    ImportSource: imp.importSource,
    ...(imp.startEventTime === undefined ? {} : { StartEventTime: seconds(imp.startEventTime) }),
    ...(imp.endEventTime === undefined ? {} : { EndEventTime: seconds(imp.endEventTime) }),
    ImportStatus: importStatusAt(imp, now),
    CreatedTimestamp: seconds(imp.createdTimestamp),
    UpdatedTimestamp: seconds(importUpdatedAt(imp, now)),
  };
}

/**
 * A new import copies trail events from the S3 source into one store (see import-progress.ts for
 * what the engine's source holds); with ImportId it retries a stopped or failed import.
 */
function startImport(call: Call, input: StartImportInput): unknown {
  const lake = settledLake(call);
  const imp = input.ImportId === undefined ? newImport(call, input) : retryImport(call, lake, input);
  lake.imports[imp.importId] = imp;
  return importView(imp, call.now);
}

function newImport(call: Call, input: StartImportInput): ImportRecord {
  if (!input.Destinations || !input.ImportSource) {
    throw new AwsError('InvalidParameterException', 'Destinations and ImportSource are required to start a new import.');
  }
  const start = input.StartEventTime === undefined ? undefined : Math.round(input.StartEventTime * 1000);
  const end = input.EndEventTime === undefined ? undefined : Math.round(input.EndEventTime * 1000);
  if (start !== undefined && end !== undefined && start > end) {
    throw new AwsError('InvalidParameterException', 'StartEventTime must be earlier than or equal to EndEventTime.');
  }
  const destinations = input.Destinations.map((ref) => resolveDestination(call, ref).arn);
  checkImportSource(call, input.ImportSource.S3);
  checkNoOngoingImport(call);
  const { S3LocationUri, S3BucketRegion, S3BucketAccessRoleArn } = input.ImportSource.S3;
  return {
    importId: randomUUID(),
    destinations,
    importSource: { S3: { S3LocationUri, S3BucketRegion, S3BucketAccessRoleArn } },
    ...(start === undefined ? {} : { startEventTime: start }),
    ...(end === undefined ? {} : { endEventTime: end }),
    importStatus: 'INITIALIZING',
    createdTimestamp: call.now,
    updatedTimestamp: call.now,
    runStartedAt: call.now,
    statistics: importStatistics([], 'INITIALIZING'),
    failures: [],
  };
}

/** A retry names only the import; it starts a new run over the same source and destinations. */
function retryImport(call: Call, lake: LakeState, input: StartImportInput): ImportRecord {
  const given = [input.Destinations, input.ImportSource, input.StartEventTime, input.EndEventTime];
  if (given.some((v) => v !== undefined)) {
    throw new AwsError('InvalidParameterException', 'Only ImportId can be specified when you retry an import.');
  }
  const imp = findImport(lake, input.ImportId!);
  checkNoOngoingImport(call);
  const status = importStatusAt(imp, call.now);
  if (status !== 'STOPPED' && status !== 'FAILED') {
    throw new AwsError('InvalidParameterException', `Import ${imp.importId} is ${status}; only a STOPPED or FAILED import can be retried.`);
  }
  for (const arn of imp.destinations) resolveDestination(call, arn);
  checkImportSource(call, imp.importSource.S3);
  Object.assign(imp, {
    importStatus: 'INITIALIZING',
    updatedTimestamp: call.now,
    runStartedAt: call.now,
    statistics: importStatistics([], 'INITIALIZING'),
  });
  return imp;
}

function getImport(call: Call, input: { ImportId: string }): unknown {
  const lake = settledLake(call);
  const imp = findImport(lake, input.ImportId);
  return { ...importView(imp, call.now), ImportStatistics: importStatisticsAt(lake, imp, call.now) };
}

/** Stops an initializing or running import; nothing of a stopped run reaches the store. */
function stopImport(call: Call, input: { ImportId: string }): unknown {
  const lake = settledLake(call);
  const imp = findImport(lake, input.ImportId);
  const status = importStatusAt(imp, call.now);
  if (status !== 'INITIALIZING' && status !== 'IN_PROGRESS') {
    throw new AwsError('InvalidParameterException', `Import ${imp.importId} is ${status}; only an import in progress can be stopped.`);
  }
  imp.statistics = importStatistics(importSourceEvents(lake, imp), status);
  imp.importStatus = 'STOPPED';
  imp.updatedTimestamp = call.now;
  return { ...importView(imp, call.now), ImportStatistics: imp.statistics };
}

interface ListImportsInput {
  MaxResults?: number;
  Destination?: string;
  ImportStatus?: ImportStatus;
  NextToken?: string;
}

/** Newest first; a token only continues the listing (filters included) that issued it. */
function listImports(call: Call, input: ListImportsInput): unknown {
  const lake = settledLake(call);
  const destination = input.Destination === undefined ? undefined : destinationArn(call, input.Destination);
  const filter = JSON.stringify([destination ?? null, input.ImportStatus ?? null]);
  const all = Object.values(lake.imports)
    .filter((imp) => destination === undefined || imp.destinations.includes(destination))
    .filter((imp) => input.ImportStatus === undefined || importStatusAt(imp, call.now) === input.ImportStatus)
    .sort((a, b) => b.createdTimestamp - a.createdTimestamp || (a.importId < b.importId ? -1 : 1));
  const offset = pageStart(input.NextToken, filter);
  const page = all.slice(offset, offset + (input.MaxResults ?? 1000));
  const next = offset + page.length;
  return {
    Imports: page.map((imp) => ({
      ImportId: imp.importId,
      ImportStatus: importStatusAt(imp, call.now),
      Destinations: imp.destinations,
      CreatedTimestamp: seconds(imp.createdTimestamp),
      UpdatedTimestamp: seconds(importUpdatedAt(imp, call.now)),
    })),
    ...(next < all.length ? { NextToken: encodeToken({ o: next, f: filter }) } : {}),
  };
}

const EDS_ARN = /^arn:aws[\w-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/[a-zA-Z0-9._-]+$/;

/** A Destination filter: a store ARN, or the ID suffix of one in this account and region. */
function destinationArn(call: Call, ref: string): string {
  if (EDS_ARN.test(ref)) return ref;
  if (!ref.startsWith('arn:') && /^[a-zA-Z0-9._-]+$/.test(ref)) return call.arn('cloudtrail', `eventdatastore/${ref}`);
  throw new AwsError(
    'EventDataStoreARNInvalidException',
    'The specified event data store ARN is not valid or does not map to an event data store in your account.',
  );
}

function pageStart(token: string | undefined, filter: string): number {
  if (token === undefined) return 0;
  const cursor = decodeToken<{ o: number; f: string }>(token, 'InvalidNextTokenException', 'The NextToken is not valid.');
  if (cursor.f !== filter || !Number.isInteger(cursor.o) || cursor.o < 0) throw badToken();
  return cursor.o;
}

/** The engine's imports read their source whole, so no entry ever fails: the list is empty. */
function listImportFailures(call: Call, input: { ImportId: string; MaxResults?: number; NextToken?: string }): unknown {
  const lake = settledLake(call);
  const failures = Object.hasOwn(lake.imports, input.ImportId) ? lake.imports[input.ImportId].failures : [];
  const offset = pageStart(input.NextToken, input.ImportId);
  const page = failures.slice(offset, offset + (input.MaxResults ?? 1000));
  const next = offset + page.length;
  return {
    Failures: page.map((f) => ({ ...f, LastUpdatedTime: seconds(f.LastUpdatedTime) })),
    ...(next < failures.length ? { NextToken: encodeToken({ o: next, f: input.ImportId }) } : {}),
  };
}

export const importOperations: Record<string, Handler> = {
  StartImport: startImport,
  GetImport: getImport,
  StopImport: stopImport,
  ListImports: listImports,
  ListImportFailures: listImportFailures,
};
