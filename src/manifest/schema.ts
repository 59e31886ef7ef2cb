/**
 * The manifest's shape as data: one table drives both the loader's checks (types, unknown keys
 * with "did you mean", required keys, enums) and the published JSON Schema. Member names are AWS's,
 * camelCased (DESIGN.md).
 */
export type Field =
  | { kind: 'string'; doc: string; required?: boolean; enum?: string[]; allowEmpty?: boolean }
  | { kind: 'integer'; doc: string; required?: boolean; enum?: number[]; min?: number; max?: number }
  | { kind: 'number'; doc: string; required?: boolean }
  | { kind: 'boolean'; doc: string; required?: boolean }
  | { kind: 'object'; doc: string; required?: boolean; fields: Record<string, Field>; oneOf?: string[][] }
  | { kind: 'map'; doc: string; required?: boolean; values: Field; keyDoc?: string }
  | { kind: 'list'; doc: string; required?: boolean; items: Field; minItems?: number; maxItems?: number }
  /** A JSON document kept as data (policies). */
  | { kind: 'json'; doc: string; required?: boolean };

const str = (doc: string, extra: Partial<{ required: boolean; enum: string[]; allowEmpty: boolean }> = {}): Field => ({
  kind: 'string',
  doc,
  ...extra,
});
const bool = (doc: string): Field => ({ kind: 'boolean', doc });
const strings = (doc: string): Field => ({ kind: 'list', doc, items: str('') });
const tags: Field = { kind: 'map', doc: 'Tags: key → value.', values: str('Tag value.', { allowEmpty: true }) };

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const metricTransformation: Field = {
  kind: 'object',
  doc: 'How matching events become a metric.',
  fields: {
    metricName: str('Metric name.', { required: true }),
    metricNamespace: str('Metric namespace.', { required: true }),
    metricValue: str('The value published per match: a number, or `$.field` / `$name` from the pattern.', {
      required: true,
    }),
    defaultValue: { kind: 'number', doc: 'Value emitted when nothing matches (not with dimensions).' },
    dimensions: { kind: 'map', doc: 'Up to 3 dimensions: name → `$.field` / `$name`.', values: str('') },
    unit: str('Metric unit, e.g. Count, Milliseconds.'),
  },
};

const logGroup: Field = {
  kind: 'object',
  doc: 'A CloudWatch Logs log group; the key is its name.',
  fields: {
    retentionInDays: { kind: 'integer', doc: 'Days to keep events; absent = never expire.', enum: RETENTION_DAYS },
    kmsKeyId: str('ARN of the KMS key that encrypts the group.'),
    logGroupClass: str('Create-only: changing it replaces the group.', {
      enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'],
    }),
    tags,
    metricFilters: {
      kind: 'map',
      doc: 'Metric filters by name (at most 100).',
      values: {
        kind: 'object',
        doc: 'A metric filter.',
        fields: {
          filterPattern: str('Filter pattern; "" matches every event.', { required: true, allowEmpty: true }),
          metricTransformations: { kind: 'list', doc: 'Exactly one transformation.', items: metricTransformation, minItems: 1, maxItems: 1, required: true },
        },
      },
    },
    subscriptionFilters: {
      kind: 'map',
      doc: 'Subscription filters by name (at most 2).',
      values: {
        kind: 'object',
        doc: 'A subscription filter.',
        fields: {
          filterPattern: str('Filter pattern; "" matches every event.', { required: true, allowEmpty: true }),
          destination: str('Name of a destination declared under `destinations`.'),
          destinationArn: str('ARN of a Kinesis or Firehose stream, Lambda function or Logs destination.'),
          roleArn: str('IAM role CloudWatch Logs assumes (Kinesis and Firehose targets).'),
          distribution: str('How events are spread over Kinesis shards.', { enum: ['Random', 'ByLogStream'] }),
        },
        oneOf: [['destination', 'destinationArn']],
      },
    },
    dataProtectionPolicy: { kind: 'json', doc: 'Data protection policy document (Audit + Deidentify statements).' },
  },
};

const destination: Field = {
  kind: 'object',
  doc: 'A CloudWatch Logs destination; the key is its name.',
  fields: {
    targetArn: str('ARN of the Kinesis or Firehose stream that receives the events.', { required: true }),
    roleArn: str('IAM role CloudWatch Logs assumes to write to the target.', { required: true }),
    accessPolicy: { kind: 'json', doc: 'IAM policy document: who may subscribe.' },
    tags,
  },
};

const fieldSelector: Field = {
  kind: 'object',
  doc: 'A field condition of an advanced event selector.',
  fields: {
    field: str('e.g. eventCategory, resources.type, eventName, readOnly.', { required: true }),
    equals: strings('Values the field equals.'),
    startsWith: strings('Prefixes.'),
    endsWith: strings('Suffixes.'),
    notEquals: strings('Values excluded.'),
    notStartsWith: strings('Prefixes excluded.'),
    notEndsWith: strings('Suffixes excluded.'),
  },
};

const trail: Field = {
  kind: 'object',
  doc: 'A CloudTrail trail; the key is its name.',
  fields: {
    s3BucketName: str('Bucket that receives the log files.', { required: true }),
    s3KeyPrefix: str('Key prefix in the bucket.'),
    snsTopicName: str('SNS topic notified of deliveries.'),
    includeGlobalServiceEvents: bool('Include IAM and other global services (default true).'),
    isMultiRegionTrail: bool('Log every region (default false).'),
    enableLogFileValidation: bool('Write digest files (default false).'),
    cloudWatchLogsLogGroup: str('Name of a log group declared under `logGroups` to deliver to.'),
    cloudWatchLogsLogGroupArn: str('ARN of a log group to deliver to (with or without `:*`).'),
    cloudWatchLogsRoleArn: str('IAM role CloudTrail assumes to write to CloudWatch Logs.'),
    kmsKeyId: str('KMS key that encrypts the log files.'),
    isOrganizationTrail: bool('Log every account of the organization (default false).'),
    logging: bool('Whether the trail is logging (default true).'),
    eventSelectors: {
      kind: 'list',
      doc: 'Basic event selectors (at most 5); not with advancedEventSelectors.',
      maxItems: 5,
      items: {
        kind: 'object',
        doc: 'A basic event selector.',
        fields: {
          readWriteType: str('ReadOnly, WriteOnly or All (default All).', { enum: ['ReadOnly', 'WriteOnly', 'All'] }),
          includeManagementEvents: bool('Default true.'),
          dataResources: {
            kind: 'list',
            doc: 'Data events to log.',
            items: {
              kind: 'object',
              doc: 'A data resource.',
              fields: { type: str('e.g. AWS::S3::Object.', { required: true }), values: strings('ARNs or prefixes.') },
            },
          },
          excludeManagementEventSources: strings('kms.amazonaws.com and/or rdsdata.amazonaws.com.'),
        },
      },
    },
    advancedEventSelectors: {
      kind: 'list',
      doc: 'Advanced event selectors; not with eventSelectors.',
      items: {
        kind: 'object',
        doc: 'An advanced event selector.',
        fields: {
          name: str('Selector name.'),
          fieldSelectors: { kind: 'list', doc: 'Field conditions.', items: fieldSelector, minItems: 1, required: true },
        },
      },
    },
    insightSelectors: {
      kind: 'list',
      doc: 'Insight types.',
      items: str('', { enum: ['ApiCallRateInsight', 'ApiErrorRateInsight'] }),
    },
    tags,
  },
  oneOf: [['eventSelectors', 'advancedEventSelectors']],
};

/** The whole manifest document. */
export const MANIFEST: Field & { kind: 'object' } = {
  kind: 'object',
  doc: 'A logwarden manifest. Several files and documents may share the work.',
  fields: {
    defaults: {
      kind: 'object',
      doc: 'Applied to every taggable resource.',
      fields: { tags: { ...tags, doc: 'Tags every log group, destination and trail gets (its own tags win).' } },
    },
    externals: {
      kind: 'object',
      doc: 'Things logwarden references but does not manage.',
      fields: {
        s3Buckets: strings('Bucket names.'),
        kmsKeys: {
          kind: 'list',
          doc: 'KMS keys.',
          items: {
            kind: 'object',
            doc: 'A KMS key.',
            fields: { arn: str('Key ARN.', { required: true }), enabled: bool('Default true.') },
          },
        },
        iamRoles: strings('Role ARNs.'),
        kinesisStreams: strings('Stream ARNs.'),
        firehoseStreams: strings('Firehose stream ARNs.'),
        lambdaFunctions: strings('Function ARNs.'),
        snsTopics: strings('Topic ARNs.'),
      },
    },
    logGroups: { kind: 'map', doc: 'Log groups by name.', values: logGroup },
    destinations: { kind: 'map', doc: 'Destinations by name.', values: destination },
    resourcePolicies: {
      kind: 'map',
      doc: 'Account-level resource policies by name.',
      values: {
        kind: 'object',
        doc: 'A resource policy.',
        fields: { policyDocument: { kind: 'json', doc: 'IAM policy document.', required: true } },
      },
    },
    trails: { kind: 'map', doc: 'CloudTrail trails by name.', values: trail },
  },
};
