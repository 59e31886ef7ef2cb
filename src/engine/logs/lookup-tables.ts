import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { requireUsableKmsKey } from './group-kms.js';
import { summarizeCsv } from './lookup-csv.js';
import { ownEntry, putEntry } from './lookup.js';
import { paginate } from './policy-page.js';
import type { LookupTableRecord } from './state.js';
import { checkTagKeys } from './tag-rules.js';

interface CreateLookupTableInput {
  lookupTableName: string;
  description?: string;
  tableBody: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
}

interface UpdateLookupTableInput {
  lookupTableArn: string;
  description?: string;
  tableBody: string;
  kmsKeyId?: string;
}

/** Lookup tables per account and Region (AWS's quota is not documented; unverified). */
const MAX_LOOKUP_TABLES = 100;

const DEFAULT_PAGE = 50;

/** This region's lookup tables, by name. */
export function lookupTables(call: Call): Record<string, LookupTableRecord> {
  return (call.state.logs.lookupTables ??= {});
}

/** `arn:aws:logs:REGION:ACCOUNT:lookup-table:NAME`. */
export const lookupTableArn = (call: Call, name: string): string => call.arn('logs', `lookup-table:${name}`);

const LOOKUP_TABLE_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):lookup-table:([a-zA-Z0-9_]+)$/;

/** The table an ARN names in this account and Region, or ResourceNotFoundException. */
export function requireLookupTable(call: Call, arn: string): LookupTableRecord {
  const m = LOOKUP_TABLE_ARN.exec(arn);
  const here = m !== null && m[1] === call.region && m[2] === call.account;
  const table = here ? ownEntry(lookupTables(call), m[3]!) : undefined;
  if (!table) throw new AwsError('ResourceNotFoundException', 'The specified lookup table does not exist.');
  return table;
}

/** Replaces a table's CSV body and what is derived from it. */
function setBody(table: LookupTableRecord, body: string): void {
  const summary = summarizeCsv(body);
  table.tableBody = body;
  table.tableFields = summary.fields;
  table.recordsCount = summary.records;
  table.sizeBytes = Buffer.byteLength(body, 'utf8');
}

function createLookupTable(call: Call, input: CreateLookupTableInput) {
  const tables = lookupTables(call);
  if (ownEntry(tables, input.lookupTableName)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified lookup table already exists.');
  }
  if (Object.keys(tables).length >= MAX_LOOKUP_TABLES) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  if (input.kmsKeyId !== undefined && input.kmsKeyId !== '') requireUsableKmsKey(call, input.kmsKeyId);
  if (input.tags) checkTagKeys(Object.keys(input.tags));
  const table: LookupTableRecord = {
    lookupTableName: input.lookupTableName,
    arn: lookupTableArn(call, input.lookupTableName),
    tableBody: '',
    tableFields: [],
    recordsCount: 0,
    sizeBytes: 0,
    createdAt: call.now,
    lastUpdatedTime: call.now,
    tags: { ...input.tags },
  };
  setBody(table, input.tableBody);
  if (input.description !== undefined) table.description = input.description;
  if (input.kmsKeyId) table.kmsKeyId = input.kmsKeyId;
  putEntry(tables, table.lookupTableName, table);
  return { lookupTableArn: table.arn, createdAt: table.createdAt };
}

/**
 * A full replacement of the body; the description is replaced when given, and `kmsKeyId` adds or
 * replaces the key, or removes it when empty. The body is checked before anything changes.
 */
function updateLookupTable(call: Call, input: UpdateLookupTableInput) {
  const table = requireLookupTable(call, input.lookupTableArn);
  if (input.kmsKeyId) requireUsableKmsKey(call, input.kmsKeyId);
  setBody(table, input.tableBody);
  if (input.description !== undefined) table.description = input.description;
  if (input.kmsKeyId === '') delete table.kmsKeyId;
  else if (input.kmsKeyId !== undefined) table.kmsKeyId = input.kmsKeyId;
  table.lastUpdatedTime = call.now;
  return { lookupTableArn: table.arn, lastUpdatedTime: table.lastUpdatedTime };
}

function deleteLookupTable(call: Call, input: { lookupTableArn: string }): undefined {
  const table = requireLookupTable(call, input.lookupTableArn);
  delete lookupTables(call)[table.lookupTableName];
  return undefined;
}

function getLookupTable(call: Call, input: { lookupTableArn: string }) {
  const t = requireLookupTable(call, input.lookupTableArn);
  return {
    lookupTableArn: t.arn,
    lookupTableName: t.lookupTableName,
    ...(t.description !== undefined ? { description: t.description } : {}),
    tableBody: t.tableBody,
    sizeBytes: t.sizeBytes,
    lastUpdatedTime: t.lastUpdatedTime,
    ...(t.kmsKeyId !== undefined ? { kmsKeyId: t.kmsKeyId } : {}),
  };
}

/** The `LookupTable` metadata structure, members in the model's order. */
function lookupTableView(t: LookupTableRecord) {
  return {
    lookupTableArn: t.arn,
    lookupTableName: t.lookupTableName,
    ...(t.description !== undefined ? { description: t.description } : {}),
    tableFields: t.tableFields,
    recordsCount: t.recordsCount,
    sizeBytes: t.sizeBytes,
    lastUpdatedTime: t.lastUpdatedTime,
    ...(t.kmsKeyId !== undefined ? { kmsKeyId: t.kmsKeyId } : {}),
  };
}

/** Sorted by name in ascending order; `maxResults` defaults to 50 (0, the model's default, too). */
function describeLookupTables(call: Call, input: { lookupTableNamePrefix?: string; maxResults?: number; nextToken?: string }) {
  const prefix = input.lookupTableNamePrefix ?? '';
  const tables = Object.values(lookupTables(call))
    .filter((t) => t.lookupTableName.startsWith(prefix))
    .sort((a, b) => (a.lookupTableName < b.lookupTableName ? -1 : 1));
  const limit = input.maxResults !== undefined && input.maxResults > 0 ? input.maxResults : DEFAULT_PAGE;
  const page = paginate('DescribeLookupTables', tables, { limit, nextToken: input.nextToken });
  return { lookupTables: page.items.map(lookupTableView), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** Lookup tables: CSV reference data for Logs Insights' `lookup` command. */
export const lookupTableOperations: Record<string, Handler> = {
  CreateLookupTable: createLookupTable,
  DescribeLookupTables: describeLookupTables,
  GetLookupTable: getLookupTable,
  UpdateLookupTable: updateLookupTable,
  DeleteLookupTable: deleteLookupTable,
};
