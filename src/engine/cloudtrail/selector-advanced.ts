import { AwsError } from '../errors.js';
import type { AdvancedEventSelectorRecord } from './lake-types.js';
import { ownEntry } from '../own.js';

type FieldSelector = AdvancedEventSelectorRecord['FieldSelectors'][number];
type Operator = Exclude<keyof FieldSelector, 'Field'>;
type Category = 'Management' | 'Data' | 'NetworkActivity';

const OPERATORS: Operator[] = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'];

/** Advanced selector values over all of a trail's selectors. */
const MAX_ADVANCED_VALUES = 500;

const P = 'arn:aws(?:-cn|-us-gov|-iso|-iso-b)?';
const R = '[a-z0-9-]+';
const A = '\\d{12}';

/** The resource types of data events, each with the form its ARN takes under Equals and NotEquals. */
const RESOURCE_ARN_FORMS: Record<string, RegExp> = {
  'AWS::S3::Object': new RegExp(`^${P}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.*$`),
  'AWS::Lambda::Function': new RegExp(`^${P}:lambda:${R}:${A}:function:[A-Za-z0-9_-]{1,64}$`),
  'AWS::DynamoDB::Table': new RegExp(`^${P}:dynamodb:${R}:${A}:table/[A-Za-z0-9_.-]{3,255}$`),
  'AWS::S3Outposts::Object': new RegExp(`^${P}:s3-outposts:${R}:${A}:.+$`),
  'AWS::ManagedBlockchain::Node': new RegExp(`^${P}:managedblockchain:${R}:${A}:nodes/.+$`),
  'AWS::S3ObjectLambda::AccessPoint': new RegExp(`^${P}:s3-object-lambda:${R}:${A}:accesspoint/[^/]+$`),
  'AWS::EC2::Snapshot': new RegExp(`^${P}:ec2:${R}::snapshot/.+$`),
  'AWS::S3::AccessPoint': new RegExp(`^${P}:s3:${R}:${A}:accesspoint/[^/]+(/object/.+)?$`),
  'AWS::DynamoDB::Stream': new RegExp(`^${P}:dynamodb:${R}:${A}:table/[A-Za-z0-9_.-]{3,255}/stream/.+$`),
  'AWS::Glue::Table': new RegExp(`^${P}:glue:${R}:${A}:table/[^/]+/[^/]+$`),
};

/** What each field allows: the event categories it applies to, its operators, its values. */
interface FieldRule {
  categories: Category[];
  operators: Operator[];
  values?: string[];
  /** Exactly one value. */
  single?: boolean;
}

const ALL: Category[] = ['Management', 'Data', 'NetworkActivity'];
const EVENTS: Category[] = ['Management', 'Data'];

const FIELD_RULES: Record<string, FieldRule> = {
  eventCategory: { categories: ALL, operators: ['Equals'], values: ALL, single: true },
  readOnly: { categories: EVENTS, operators: ['Equals'], values: ['true', 'false'], single: true },
  eventSource: { categories: ALL, operators: OPERATORS },
  eventName: { categories: ALL, operators: OPERATORS },
  eventType: { categories: EVENTS, operators: ['Equals', 'NotEquals'] },
  sessionCredentialFromConsole: { categories: EVENTS, operators: ['Equals', 'NotEquals'], values: ['true', 'false'] },
  'userIdentity.arn': { categories: EVENTS, operators: OPERATORS },
  errorCode: { categories: ['Data', 'NetworkActivity'], operators: OPERATORS },
  vpcEndpointId: { categories: ['Data', 'NetworkActivity'], operators: OPERATORS },
  'resources.type': { categories: ['Data'], operators: ['Equals'], values: Object.keys(RESOURCE_ARN_FORMS), single: true },
  'resources.ARN': { categories: ['Data'], operators: OPERATORS },
};

/** Management events can only exclude the KMS and RDS Data API event sources. */
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

const invalid = (message: string) => new AwsError('InvalidEventSelectorsException', message);

const usedOperators = (fs: FieldSelector): Operator[] => OPERATORS.filter((op) => fs[op] !== undefined);

/** One field selector on its own: a known field, at least one operator, allowed operators and values. */
function checkFieldSelector(fs: FieldSelector): FieldRule {
  const rule = ownEntry(FIELD_RULES, fs.Field);
  if (!rule) {
    throw invalid(`Field ${fs.Field} is not valid. Valid fields are: ${Object.keys(FIELD_RULES).join(', ')}.`);
  }
  const operators = usedOperators(fs);
  if (operators.length === 0) throw invalid(`Field ${fs.Field} must have at least one operator with values.`);
  for (const op of operators) {
    if (!rule.operators.includes(op)) throw invalid(`Operator ${op} is not valid for field ${fs.Field}.`);
    const values = fs[op]!;
    if (rule.single && values.length !== 1) throw invalid(`Field ${fs.Field} must have exactly one value.`);
    const bad = rule.values ? values.find((v) => !rule.values!.includes(v)) : undefined;
    if (bad !== undefined) throw invalid(`Value ${bad} is not valid for field ${fs.Field}.`);
  }
  return rule;
}

/** resources.ARN values under Equals/NotEquals must be ARNs of the selector's resources.type. */
function checkResourceArns(fields: FieldSelector[], resourceType: string): void {
  const form = RESOURCE_ARN_FORMS[resourceType]!;
  for (const fs of fields.filter((f) => f.Field === 'resources.ARN')) {
    for (const value of [...(fs.Equals ?? []), ...(fs.NotEquals ?? [])]) {
      if (!form.test(value)) throw invalid(`Value ${value} for resources.ARN is not a valid ARN for resource type ${resourceType}.`);
    }
  }
}

/** For management events, eventSource can only exclude (NotEquals) the KMS or RDS Data API sources. */
function checkManagementSources(fields: FieldSelector[]): void {
  const source = fields.find((f) => f.Field === 'eventSource');
  if (!source) return;
  const ok = usedOperators(source).every((op) => op === 'NotEquals') &&
    source.NotEquals!.every((v) => EXCLUDABLE_SOURCES.includes(v));
  if (!ok) {
    throw invalid(`For management events, eventSource can only be NotEquals ${EXCLUDABLE_SOURCES.join(' or ')}.`);
  }
}

/** One selector: eventCategory required, each field once, fields of its category, resources.type for data. */
function checkSelector(selector: AdvancedEventSelectorRecord): void {
  const seen = new Set<string>();
  const rules = selector.FieldSelectors.map((fs) => {
    if (seen.has(fs.Field)) throw invalid(`Field ${fs.Field} appears more than once in an advanced event selector.`);
    seen.add(fs.Field);
    return { fs, rule: checkFieldSelector(fs) };
  });
  const category = selector.FieldSelectors.find((fs) => fs.Field === 'eventCategory')?.Equals?.[0] as Category | undefined;
  if (!category) throw invalid('Each advanced event selector must have an eventCategory field with Equals.');
  for (const { fs, rule } of rules) {
    if (!rule.categories.includes(category)) throw invalid(`Field ${fs.Field} is not valid for eventCategory ${category}.`);
  }
  if (category === 'Management') checkManagementSources(selector.FieldSelectors);
  if (category !== 'Data') return;
  const resourceType = selector.FieldSelectors.find((fs) => fs.Field === 'resources.type')?.Equals?.[0];
  if (!resourceType) throw invalid('An advanced event selector for data events must have a resources.type field.');
  checkResourceArns(selector.FieldSelectors, resourceType);
}

/** The number of values in all conditions of all selectors. */
function advancedValueCount(selectors: AdvancedEventSelectorRecord[]): number {
  let n = 0;
  for (const s of selectors) for (const fs of s.FieldSelectors) for (const op of OPERATORS) n += fs[op]?.length ?? 0;
  return n;
}

/**
 * Checks a trail's advanced event selectors as PutEventSelectors does and returns them as
 * GetEventSelectors reports them (members in AWS's order, absent operators left out).
 */
export function normalizeAdvancedEventSelectors(selectors: AdvancedEventSelectorRecord[]): AdvancedEventSelectorRecord[] {
  if (selectors.length === 0) throw invalid('Specify at least one advanced event selector.');
  selectors.forEach(checkSelector);
  if (advancedValueCount(selectors) > MAX_ADVANCED_VALUES) {
    throw invalid(`Specify up to ${MAX_ADVANCED_VALUES} values for all conditions in all advanced event selectors for a trail.`);
  }
  return selectors.map((s) => ({
    ...(s.Name !== undefined && { Name: s.Name }),
    FieldSelectors: s.FieldSelectors.map((fs) => {
      const out: FieldSelector = { Field: fs.Field };
      for (const op of OPERATORS) if (fs[op] !== undefined) out[op] = [...fs[op]!];
      return out;
    }),
  }));
}
