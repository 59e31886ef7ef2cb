import { buildArn } from '../aws/arn.js';
import { str } from '../model/schema.js';
import { canonicalFilterOptions, canonicalSystemFields, FILTER_OPTION_FIELDS, systemFieldsField, type FilterOptions, type FilterOptionsDeclaration } from './filter-options.js';
import { declared, externalArns, logs, logsResourceIn, referenceByName } from './shared.js';
import type { KindSpec, ResolveContext } from './types.js';

/**
 * A subscription filter of a log group; identity `group/filterName`. AWS's defaults read back as
 * absent: `applyOnTransformedLogs` false, no field selection, no system fields.
 */
export interface SubscriptionFilter extends FilterOptions {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: 'Random' | 'ByLogStream';
  /** `@aws.account` / `@aws.region`, sorted: a set. */
  emitSystemFields?: string[];
}

interface SubscriptionFilterDeclaration extends FilterOptionsDeclaration {
  filterPattern: string;
  emitSystemFields?: string[];
  destination?: string;
  destinationAccount?: string;
  destinationArn?: string;
  roleArn?: string;
  distribution?: SubscriptionFilter['distribution'];
}

/**
 * The ARN of a destination the manifests declare: in this account, or in `destinationAccount` (a
 * central logging account), always in this region (AWS subscribes only to destinations of the
 * log group's region); an undeclared one is reported.
 */
function declaredDestination(spec: SubscriptionFilterDeclaration, filterName: string, group: string, ctx: ResolveContext): string {
  let account = ctx.account;
  if (spec.destinationAccount !== undefined) {
    const id = ctx.accountId(spec.destinationAccount);
    if (id === undefined) ctx.fail(`subscription filter '${filterName}' of '${group}' names destinationAccount '${spec.destinationAccount}', which is neither an account id nor an alias of logwarden.yaml's accounts`, 'destinationAccount');
    else account = id;
  }
  const where = { account, region: ctx.region };
  if (!ctx.isDeclared('destination', spec.destination!, where)) {
    const place = account === ctx.account ? '' : ` in account ${account}, ${ctx.region}`;
    ctx.fail(`subscription filter '${filterName}' of '${group}' names destination '${spec.destination}', which is not declared under destinations${place}`, 'destination');
  }
  return buildArn(where, 'logs', `destination:${spec.destination}`);
}

/** Subscription filters: `logGroups.<group>.subscriptionFilters.<name>`. */
export const subscriptionFilterKind: KindSpec<SubscriptionFilter> = {
  section: 'subscriptionFilters',
  noun: 'subscription filter',
  parent: 'logGroup',
  nesting: 'map',
  doc: 'Subscription filters by name (at most 2).',
  fields: {
    kind: 'object',
    doc: 'A subscription filter.',
    fields: {
      filterPattern: str('Filter pattern; "" matches every event.', { required: true, allowEmpty: true }),
      destination: str('Name of a destination declared under `destinations` (in this account, or in destinationAccount), in this region.'),
      destinationAccount: str('The account of `destination` when it is another one (a central logging account): an id or an alias.'),
      destinationArn: str('ARN of a Kinesis or Firehose stream, Lambda function or Logs destination.'),
      roleArn: str('IAM role CloudWatch Logs assumes (Kinesis and Firehose targets).'),
      distribution: str('How events are spread over Kinesis shards.', { enum: ['Random', 'ByLogStream'] }),
      ...FILTER_OPTION_FIELDS,
      emitSystemFields: systemFieldsField('System fields added to each delivered event.'),
    },
    oneOf: [['destination', 'destinationArn']],
  },
  phase: 3,
  limit: { max: 2, per: 'parent' },
  // AWS cannot move a subscription filter to another destination: it is deleted and put again
  createOnly: ['destinationArn'],
  refersTo: ['destination'],

  resolve(decl, ctx) {
    const spec = decl.spec as SubscriptionFilterDeclaration;
    const filterName = decl.key!;
    let destinationArn = spec.destinationArn;
    if (spec.destinationAccount !== undefined && spec.destination === undefined) {
      ctx.fail(`subscription filter '${filterName}' of '${decl.parent}' sets destinationAccount without destination: it names the account of a declared destination`, 'destinationAccount');
    }
    if (spec.destination !== undefined) destinationArn = declaredDestination(spec, filterName, decl.parent!, ctx);
    if (destinationArn === undefined) {
      ctx.fail(`subscription filter '${filterName}' of '${decl.parent}' needs 'destination' or 'destinationArn'`);
      return undefined;
    }
    const out: SubscriptionFilter = {
      filterName,
      filterPattern: spec.filterPattern,
      destinationArn,
      distribution: spec.distribution ?? 'ByLogStream',
      ...canonicalFilterOptions(spec),
      ...canonicalSystemFields('emitSystemFields', spec.emitSystemFields),
    };
    if (spec.roleArn !== undefined) out.roleArn = spec.roleArn;
    return out;
  },

  declare({ filterName: _, filterPattern, destinationArn, distribution, ...rest }, ctx) {
    const byName = referenceByName(ctx, destinationArn, 'destination', 'destination');
    const target = byName ? { destination: byName.name, destinationAccount: byName.account } : { destinationArn };
    return declared({ filterPattern, ...target, ...rest, distribution: distribution === 'ByLogStream' ? undefined : distribution });
  },

  read: {
    // AWS has no account-wide form: one listing per group
    list: { from: 'parent', request: ({ name }) => logs('DescribeSubscriptionFilters', { logGroupName: name }), items: 'subscriptionFilters', paging: 'nextToken' },
    name: (s) => s.filterName,
    observe(s) {
      const out: SubscriptionFilter = {
        filterName: s.filterName,
        filterPattern: s.filterPattern ?? '',
        destinationArn: s.destinationArn,
        distribution: s.distribution ?? 'ByLogStream',
        ...canonicalFilterOptions(s),
        ...canonicalSystemFields('emitSystemFields', s.emitSystemFields),
      };
      if (s.roleArn) out.roleArn = s.roleArn;
      return out;
    },
  },

  references(s, scope) {
    const destination = logsResourceIn(scope, s.destinationArn, 'destination', 'destination');
    return destination ? [destination] : [];
  },
  externals: (s) => externalArns([s.destinationArn, s.roleArn]),

  steps(change) {
    const logGroupName = change.address.parent;
    const del = () => logs('DeleteSubscriptionFilter', { logGroupName, filterName: change.before!.filterName });
    if (change.action === 'delete') return [del()];
    const put = logs('PutSubscriptionFilter', { logGroupName, ...change.after! });
    return change.action === 'replace' ? [del(), put] : [put];
  },
};
