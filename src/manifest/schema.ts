import { GUARDRAILS_FIELD } from '../guardrails/schema.js';
import { declarationField, kindSpec, TOP_LEVEL_KINDS } from '../kinds/index.js';
import { bool, str, strings, tagsField, type ObjectField } from '../model/schema.js';
import { withProtectedField } from './protection.js';
import { LOG_GROUP_RULES_FIELD } from './rules-schema.js';
import { SCOPE_FIELD } from './scope.js';

/**
 * The whole manifest document: `defaults`, `externals`, `guardrails`, and one section per top-level kind of the
 * registry (each declaration with its nested kinds' sections). The loader checks YAML against it
 * and the published JSON Schema is generated from it.
 */
export const MANIFEST: ObjectField = {
  kind: 'object',
  doc: 'A logwarden manifest. Several files and documents may share the work.',
  fields: {
    scope: SCOPE_FIELD,
    defaults: {
      kind: 'object',
      doc: 'Applied to every taggable resource.',
      fields: {
        tags: {
          ...tagsField,
          doc: 'Tags every taggable resource gets — log groups, destinations, trails, delivery sources and destinations, deliveries, anomaly detectors (its own tags win).',
        },
      },
    },
    externals: {
      kind: 'object',
      doc: 'Things logwarden references but does not manage.',
      fields: {
        s3Buckets: strings('Bucket names.'),
        kmsKeys: {
          kind: 'list',
          doc: 'KMS keys.',
          items: { kind: 'object', doc: 'A KMS key.', fields: { arn: str('Key ARN.', { required: true }), enabled: bool('Default true.') } },
        },
        iamRoles: strings('Role ARNs.'),
        kinesisStreams: strings('Stream ARNs.'),
        firehoseStreams: strings('Firehose stream ARNs.'),
        lambdaFunctions: strings('Function ARNs.'),
        snsTopics: strings('Topic ARNs.'),
        resources: strings('ARNs of other AWS resources that AWS checks on reference, e.g. the CloudFront distribution or Bedrock knowledge base a delivery source names.'),
      },
    },
    guardrails: GUARDRAILS_FIELD,
    logGroupRules: LOG_GROUP_RULES_FIELD,
    ...Object.fromEntries(
      TOP_LEVEL_KINDS.map((kind) => [kindSpec(kind).section, { kind: 'map', doc: kindSpec(kind).doc, values: kind === 'logGroup' ? withProtectedField(declarationField(kind)) : declarationField(kind) }]),
    ),
  },
};
