/**
 * A transformer's configuration as the model defines it (`Processor` and its member structures):
 * what PutTransformer stores and GetTransformer returns. Input validation has already checked the
 * members' types, lengths and enums; the semantic rules live in rules.ts and each processor's check.
 */

export interface Processor {
  addKeys?: AddKeys;
  copyValue?: CopyValue;
  csv?: Csv;
  dateTimeConverter?: DateTimeConverter;
  deleteKeys?: WithKeys;
  grok?: Grok;
  listToMap?: ListToMap;
  lowerCaseString?: WithKeys;
  moveKeys?: MoveKeys;
  parseCloudfront?: SourceOnly;
  parseJSON?: ParseJson;
  parseKeyValue?: ParseKeyValue;
  parseRoute53?: SourceOnly;
  parseToOCSF?: ParseToOcsf;
  parsePostgres?: SourceOnly;
  parseVPC?: SourceOnly;
  parseWAF?: SourceOnly;
  renameKeys?: RenameKeys;
  splitString?: SplitString;
  substituteString?: SubstituteString;
  trimString?: WithKeys;
  typeConverter?: TypeConverter;
  upperCaseString?: WithKeys;
}

export type ProcessorName = keyof Processor;

export interface SourceOnly {
  source?: string;
}

export interface ParseJson {
  source?: string;
  destination?: string;
}

export interface Grok {
  source?: string;
  match: string;
}

export interface Csv {
  quoteCharacter?: string;
  delimiter?: string;
  columns?: string[];
  source?: string;
  destination?: string;
}

export interface ParseKeyValue {
  source?: string;
  destination?: string;
  fieldDelimiter?: string;
  keyValueDelimiter?: string;
  keyPrefix?: string;
  nonMatchValue?: string;
  overwriteIfExists?: boolean;
}

export interface ParseToOcsf {
  source?: string;
  eventSource: 'CloudTrail' | 'Route53Resolver' | 'VPCFlow' | 'EKSAudit' | 'AWSWAF';
  ocsfVersion: 'V1.1' | 'V1.5';
  mappingVersion?: string;
}

export interface WithKeys {
  withKeys: string[];
}

export interface AddKeys {
  entries: { key: string; value: string; overwriteIfExists?: boolean }[];
}

export interface CopyValue {
  entries: { source: string; target: string; overwriteIfExists?: boolean }[];
}

export interface MoveKeys {
  entries: { source: string; target: string; overwriteIfExists?: boolean }[];
}

export interface RenameKeys {
  entries: { key: string; renameTo: string; overwriteIfExists?: boolean }[];
}

export interface ListToMap {
  source: string;
  key: string;
  valueKey?: string;
  target?: string;
  flatten?: boolean;
  flattenedElement?: 'first' | 'last';
}

export interface SplitString {
  entries: { source: string; delimiter: string }[];
}

export interface SubstituteString {
  entries: { source: string; from: string; to: string }[];
}

export interface TypeConverter {
  entries: { key: string; type: 'boolean' | 'integer' | 'double' | 'string' }[];
}

export interface DateTimeConverter {
  source: string;
  target: string;
  targetFormat?: string;
  matchPatterns: string[];
  sourceTimezone?: string;
  targetTimezone?: string;
  locale?: string;
}
