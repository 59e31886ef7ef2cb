import { dataProtectionPolicyKind } from '../kinds/data-protection-policy.js';
import { declarationField } from '../kinds/index.js';
import { logGroupKind } from '../kinds/log-group.js';
import { str, strings, type Field, type ObjectField } from '../model/schema.js';

/** The settings a rule may give, spelled as in a log group's declaration. */
export const RULE_SETTINGS = ['retentionInDays', 'kmsKeyId', 'deletionProtectionEnabled', 'tags', 'dataProtectionPolicy', 'subscriptionFilters'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

const group = (logGroupKind.fields as ObjectField).fields;
const declaration = (declarationField('logGroup') as ObjectField).fields;

/** `logGroupRules:` — settings for the log groups a glob matches, declared or not (src/manifest/rules.ts). */
export const LOG_GROUP_RULES_FIELD: Field = {
  kind: 'map',
  doc: 'Settings for every log group in the target whose name matches, declared or not, by rule name. Rules update groups; they never create or delete one. A declaration\'s own settings win.',
  values: {
    kind: 'object',
    doc: 'A rule: which groups, and what they get.',
    fields: {
      match: str('Name glob of the groups it covers: `*` any run of characters (slashes too), `?` one; e.g. /aws/lambda/*.', { required: true }),
      exclude: strings('Name globs of groups it leaves alone.'),
      retentionInDays: group.retentionInDays!,
      kmsKeyId: group.kmsKeyId!,
      deletionProtectionEnabled: group.deletionProtectionEnabled!,
      tags: { ...group.tags!, doc: 'Tags every matching group gets (added or set; its other tags stay).' },
      dataProtectionPolicy: { ...dataProtectionPolicyKind.fields, doc: 'The data protection policy every matching group gets.' },
      subscriptionFilters: { ...declaration.subscriptionFilters!, doc: 'Subscription filters every matching group gets, by name (its other filters stay).' },
    },
  },
};
