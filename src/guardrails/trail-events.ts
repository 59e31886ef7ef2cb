import type { Trail } from '../kinds/trail.js';
import type { AdvancedEventSelector, EventSelector } from '../kinds/trail-selectors.js';

/** Which management events a trail records, as its selectors (or AWS's default set) say. */
export interface ManagementEvents {
  recorded: boolean;
  /** `All` when both reads and writes are recorded; undefined when none are. */
  readWriteType?: 'All' | 'ReadOnly' | 'WriteOnly';
  /** Event sources left out (ExcludeManagementEventSources, or an eventSource condition). */
  excludedSources: string[];
}

/** Reads and writes, as a selector picks them. */
type Access = { reads: boolean; writes: boolean };

const ACCESS: Record<EventSelector['ReadWriteType'], Access> = {
  All: { reads: true, writes: true },
  ReadOnly: { reads: true, writes: false },
  WriteOnly: { reads: false, writes: true },
};

function readWriteType(accesses: Access[]): ManagementEvents['readWriteType'] {
  const reads = accesses.some((a) => a.reads);
  const writes = accesses.some((a) => a.writes);
  return reads && writes ? 'All' : reads ? 'ReadOnly' : writes ? 'WriteOnly' : undefined;
}

const field = (s: AdvancedEventSelector, name: string) => s.FieldSelectors.find((f) => f.Field === name);

/** An advanced selector's reads and writes: its `readOnly` condition, or both without one. */
function advancedAccess(s: AdvancedEventSelector): Access {
  const readOnly = field(s, 'readOnly')?.Equals;
  if (readOnly?.length === 1) return readOnly[0] === 'true' ? ACCESS.ReadOnly : ACCESS.WriteOnly;
  return ACCESS.All;
}

/** The management events a trail records; no selectors at all is AWS's default (every one of them). */
export function managementEvents(t: Trail): ManagementEvents {
  if (t.advancedEventSelectors) {
    const selectors = t.advancedEventSelectors.filter((s) => field(s, 'eventCategory')?.Equals?.includes('Management'));
    const excludedSources = selectors.flatMap((s) => {
      const source = field(s, 'eventSource');
      return source ? [...(source.NotEquals ?? []), ...(source.NotStartsWith ?? []), ...(source.Equals ? ['every source but those it names'] : [])] : [];
    });
    return { recorded: selectors.length > 0, readWriteType: readWriteType(selectors.map(advancedAccess)), excludedSources };
  }
  const selectors = (t.eventSelectors ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]).filter((s) => s.IncludeManagementEvents);
  return {
    recorded: selectors.length > 0,
    readWriteType: readWriteType(selectors.map((s) => ACCESS[s.ReadWriteType])),
    excludedSources: selectors.flatMap((s) => s.ExcludeManagementEventSources),
  };
}

/**
 * What one selector logs of S3 object data events, as object paths (`bucket/key-prefix`, the ARN
 * without `arn:PARTITION:s3:::`): prefixes it includes ('' = every bucket), exact objects, and
 * prefixes it leaves out.
 */
interface S3Selection extends Access {
  prefixes: string[];
  exact: string[];
  excluded: string[];
}

/** `arn:aws:s3:::bucket/key` → `bucket/key`; `arn:aws:s3` and `arn:aws:s3:::` → '' (every bucket). */
function objectPath(arn: string): string {
  return arn.replace(/^arn:[^:]+:s3(:::)?/, '');
}

function basicS3(s: EventSelector): S3Selection | undefined {
  const values = s.DataResources.filter((r) => r.Type === 'AWS::S3::Object').flatMap((r) => r.Values);
  return values.length ? { ...ACCESS[s.ReadWriteType], prefixes: values.map(objectPath), exact: [], excluded: [] } : undefined;
}

function advancedS3(s: AdvancedEventSelector): S3Selection | undefined {
  if (!field(s, 'eventCategory')?.Equals?.includes('Data') || !field(s, 'resources.type')?.Equals?.includes('AWS::S3::Object')) return undefined;
  const arn = field(s, 'resources.ARN');
  const prefixes = arn ? (arn.StartsWith ?? []).map(objectPath) : [''];
  return { ...advancedAccess(s), prefixes, exact: (arn?.Equals ?? []).map(objectPath), excluded: (arn?.NotStartsWith ?? []).map(objectPath) };
}

/** Every S3 data event selection of a trail. */
export function s3Selections(t: Trail): S3Selection[] {
  const found = t.advancedEventSelectors ? t.advancedEventSelectors.map(advancedS3) : (t.eventSelectors ?? []).map(basicS3);
  return found.filter((s): s is S3Selection => s !== undefined);
}

/** Whether a selection logs events of objects below `path` (a bucket's `name/`, or a key prefix). */
export function selects(s: S3Selection, path: string): boolean {
  if (s.excluded.some((e) => path.startsWith(e))) return false;
  return s.prefixes.some((p) => path.startsWith(p) || p.startsWith(path)) || s.exact.some((e) => e.startsWith(path));
}

/** Whether a selection logs every bucket, leaving none out. */
export const selectsEveryBucket = (s: S3Selection): boolean => s.prefixes.includes('') && s.excluded.length === 0;

/** Where a trail writes its log files: `bucket/[prefix/]AWSLogs/`. */
export const deliveryPath = (t: Trail): string => `${t.s3BucketName}/${t.s3KeyPrefix ? `${t.s3KeyPrefix.replace(/\/$/, '')}/` : ''}AWSLogs/`;
