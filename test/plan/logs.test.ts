import { suite } from 'uvu';
import { ACCOUNT_ARN, group, metricFilter, NOTHING_OWNED, set, subscription, tableTests, type PlanCase } from './fixtures.js';

const key = (n: string) => `arn:aws:kms:${ACCOUNT_ARN}:key/${n}`;
const lambda = (f: string) => `arn:aws:lambda:${ACCOUNT_ARN}:function:${f}`;
const groupArn = (name: string) => `arn:aws:logs:${ACCOUNT_ARN}:log-group:${name}`;
const MF_INPUT = { filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }] };
const sfInput = (group: string, filterName: string, destinationArn: string, filterPattern = '') =>
  ({ logGroupName: group, filterName, filterPattern, destinationArn, distribution: 'ByLogStream' });

const LOG_GROUPS: PlanCase[] = [
  {
    name: 'log group: create with class, KMS key and tags in one call, then retention',
    desired: set({ logGroups: [group('/a', { retentionInDays: 30, kmsKeyId: key('1'), logGroupClass: 'INFREQUENT_ACCESS', tags: { team: 'a' } })] }),
    observed: set({}),
    actions: ['create logGroup "/a"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'INFREQUENT_ACCESS', kmsKeyId: key('1'), tags: { team: 'a' } }],
      ['PutRetentionPolicy', { logGroupName: '/a', retentionInDays: 30 }, ['c1']],
    ],
  },
  {
    name: 'log group: create without retention, key or tags is one bare call',
    desired: set({ logGroups: [group('/a')] }),
    observed: set({}),
    actions: ['create logGroup "/a"'],
    calls: [['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD' }]],
  },
  {
    name: 'retention: set, changed, removed (DeleteRetentionPolicy), unchanged',
    desired: set({ logGroups: [group('/set', { retentionInDays: 30 }), group('/changed', { retentionInDays: 90 }), group('/removed'), group('/same', { retentionInDays: 7 })] }),
    observed: set({ logGroups: [group('/set'), group('/changed', { retentionInDays: 7 }), group('/removed', { retentionInDays: 7 }), group('/same', { retentionInDays: 7 })] }),
    actions: ['update logGroup "/set"', 'update logGroup "/changed"', 'update logGroup "/removed"', 'no-op logGroup "/same"'],
    calls: [
      ['PutRetentionPolicy', { logGroupName: '/set', retentionInDays: 30 }],
      ['PutRetentionPolicy', { logGroupName: '/changed', retentionInDays: 90 }],
      ['DeleteRetentionPolicy', { logGroupName: '/removed' }],
    ],
  },
  {
    name: 'KMS key: associated, changed (AssociateKmsKey again), disassociated',
    desired: set({ logGroups: [group('/set', { kmsKeyId: key('1') }), group('/changed', { kmsKeyId: key('2') }), group('/removed')] }),
    observed: set({ logGroups: [group('/set'), group('/changed', { kmsKeyId: key('1') }), group('/removed', { kmsKeyId: key('1') })] }),
    actions: ['update logGroup "/set"', 'update logGroup "/changed"', 'update logGroup "/removed"'],
    calls: [
      ['AssociateKmsKey', { logGroupName: '/set', kmsKeyId: key('1') }],
      ['AssociateKmsKey', { logGroupName: '/changed', kmsKeyId: key('2') }],
      ['DisassociateKmsKey', { logGroupName: '/removed' }],
    ],
  },
  {
    name: 'tags: removed keys untagged first, then added and changed ones tagged',
    desired: set({ logGroups: [group('/a', { tags: { keep: '1', change: 'new', add: 'x' } })] }),
    observed: set({ logGroups: [group('/a', { tags: { keep: '1', change: 'old', gone: 'y' } })] }),
    actions: ['update logGroup "/a"'],
    calls: [
      ['UntagResource', { resourceArn: groupArn('/a'), tagKeys: ['gone'] }],
      ['TagResource', { resourceArn: groupArn('/a'), tags: { change: 'new', add: 'x' } }, ['c1']],
    ],
  },
  {
    name: 'tags: only removals, only additions',
    desired: set({ logGroups: [group('/less'), group('/more', { tags: { a: '1' } })] }),
    observed: set({ logGroups: [group('/less', { tags: { a: '1' } }), group('/more')] }),
    actions: ['update logGroup "/less"', 'update logGroup "/more"'],
    calls: [
      ['UntagResource', { resourceArn: groupArn('/less'), tagKeys: ['a'] }],
      ['TagResource', { resourceArn: groupArn('/more'), tags: { a: '1' } }],
    ],
  },
  {
    name: 'log group class: a change replaces the group; its filters and policy are written again, deleted ones need no call',
    desired: set({
      logGroups: [
        group('/a', {
          retentionInDays: 5,
          tags: { t: '1' },
          metricFilters: { m: metricFilter('m') },
          subscriptionFilters: { s: subscription('s', lambda('f')) },
          dataProtectionPolicy: { Name: 'dp' },
        }),
      ],
    }),
    observed: set({
      logGroups: [
        group('/a', {
          logGroupClass: 'INFREQUENT_ACCESS',
          tags: { t: '1' },
          metricFilters: { m: metricFilter('m'), old: metricFilter('old') },
          subscriptionFilters: { s: subscription('s', lambda('f')) },
          dataProtectionPolicy: { Name: 'dp' },
        }),
      ],
    }),
    actions: [
      'replace logGroup "/a"',
      // what lives in the group comes back with it: shown as created again, not as unchanged
      'create metricFilter "/a/m"',
      'create subscriptionFilter "/a/s"',
      'create dataProtectionPolicy "/a"',
      'delete metricFilter "/a/old"',
    ],
    calls: [
      ['DeleteLogGroup', { logGroupName: '/a' }],
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD', tags: { t: '1' } }, ['c1']],
      ['PutRetentionPolicy', { logGroupName: '/a', retentionInDays: 5 }, ['c2']],
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'm', ...MF_INPUT }, ['c2']],
      ['PutSubscriptionFilter', sfInput('/a', 's', lambda('f')), ['c2']],
      ['PutDataProtectionPolicy', { logGroupIdentifier: '/a', policyDocument: '{"Name":"dp"}' }, ['c2']],
    ],
  },
  {
    name: 'a replaced group does not hold up an unrelated group',
    desired: set({ logGroups: [group('/replaced'), group('/new')] }),
    observed: set({ logGroups: [group('/replaced', { logGroupClass: 'DELIVERY' })] }),
    actions: ['replace logGroup "/replaced"', 'create logGroup "/new"'],
    calls: [
      ['DeleteLogGroup', { logGroupName: '/replaced' }],
      ['CreateLogGroup', { logGroupName: '/replaced', logGroupClass: 'STANDARD' }, ['c1']],
      ['CreateLogGroup', { logGroupName: '/new', logGroupClass: 'STANDARD' }],
    ],
  },
];

const NESTED: PlanCase[] = [
  {
    name: 'data protection policy: put where new or changed, deleted where undeclared, compared as parsed JSON',
    desired: set({
      logGroups: [
        group('/new', { dataProtectionPolicy: { Name: 'n' } }),
        group('/changed', { dataProtectionPolicy: { Name: 'after' } }),
        group('/removed'),
        group('/same', { dataProtectionPolicy: { Name: 'n', Version: '2021-06-01' } }),
      ],
    }),
    observed: set({
      logGroups: [
        group('/new'),
        group('/changed', { dataProtectionPolicy: { Name: 'before' } }),
        group('/removed', { dataProtectionPolicy: { Name: 'n' } }),
        group('/same', { dataProtectionPolicy: { Version: '2021-06-01', Name: 'n' } }),
      ],
    }),
    actions: [
      'no-op logGroup "/new"',
      'create dataProtectionPolicy "/new"',
      'no-op logGroup "/changed"',
      'update dataProtectionPolicy "/changed"',
      'no-op logGroup "/removed"',
      'no-op logGroup "/same"',
      'no-op dataProtectionPolicy "/same"',
      'delete dataProtectionPolicy "/removed"',
    ],
    calls: [
      ['DeleteDataProtectionPolicy', { logGroupIdentifier: '/removed' }],
      ['PutDataProtectionPolicy', { logGroupIdentifier: '/new', policyDocument: '{"Name":"n"}' }],
      ['PutDataProtectionPolicy', { logGroupIdentifier: '/changed', policyDocument: '{"Name":"after"}' }],
    ],
  },
  {
    name: 'metric filters: created and updated with PutMetricFilter, undeclared ones deleted first',
    desired: set({ logGroups: [group('/a', { metricFilters: { n: metricFilter('n'), u: metricFilter('u', '"WARN"') } })] }),
    observed: set({ logGroups: [group('/a', { metricFilters: { u: metricFilter('u'), d: metricFilter('d') } })] }),
    actions: ['no-op logGroup "/a"', 'create metricFilter "/a/n"', 'update metricFilter "/a/u"', 'delete metricFilter "/a/d"'],
    calls: [
      ['DeleteMetricFilter', { logGroupName: '/a', filterName: 'd' }],
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'n', ...MF_INPUT }, ['c1']],
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'u', ...MF_INPUT, filterPattern: '"WARN"' }, ['c1']],
    ],
  },
  {
    name: 'metric filter of a new group waits for the group to exist, not for its retention',
    desired: set({ logGroups: [group('/a', { retentionInDays: 1, metricFilters: { m: metricFilter('m', '', { metricTransformations: [{ metricName: 'N', metricNamespace: 'S', metricValue: '$.n', defaultValue: 0, unit: 'Count' }] }) } })] }),
    observed: set({}),
    actions: ['create logGroup "/a"', 'create metricFilter "/a/m"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/a', logGroupClass: 'STANDARD' }],
      ['PutRetentionPolicy', { logGroupName: '/a', retentionInDays: 1 }, ['c1']],
      ['PutMetricFilter', { logGroupName: '/a', filterName: 'm', filterPattern: '', metricTransformations: [{ metricName: 'N', metricNamespace: 'S', metricValue: '$.n', defaultValue: 0, unit: 'Count' }] }, ['c1']],
    ],
  },
  {
    name: 'subscription filters: pattern and distribution update in place; a third waits for the delete that frees the limit',
    desired: set({
      logGroups: [group('/a', { subscriptionFilters: { a: subscription('a', lambda('f'), { filterPattern: 'x', distribution: 'Random' }), c: subscription('c', lambda('f')) } })],
    }),
    observed: set({ logGroups: [group('/a', { subscriptionFilters: { a: subscription('a', lambda('f')), b: subscription('b', lambda('f')) } })] }),
    actions: ['no-op logGroup "/a"', 'update subscriptionFilter "/a/a"', 'create subscriptionFilter "/a/c"', 'delete subscriptionFilter "/a/b"'],
    calls: [
      ['DeleteSubscriptionFilter', { logGroupName: '/a', filterName: 'b' }],
      ['PutSubscriptionFilter', { ...sfInput('/a', 'a', lambda('f'), 'x'), distribution: 'Random' }, ['c1']],
      ['PutSubscriptionFilter', sfInput('/a', 'c', lambda('f')), ['c1']],
    ],
  },
  {
    name: 'subscription filter: a new destinationArn replaces it (delete, then put), a role is passed through',
    desired: set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', `arn:aws:kinesis:${ACCOUNT_ARN}:stream/s`, { roleArn: 'arn:aws:iam::123456789012:role/r' }) } })] }),
    observed: set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda('f')) } })] }),
    actions: ['no-op logGroup "/a"', 'replace subscriptionFilter "/a/s"'],
    calls: [
      ['DeleteSubscriptionFilter', { logGroupName: '/a', filterName: 's' }],
      ['PutSubscriptionFilter', { ...sfInput('/a', 's', `arn:aws:kinesis:${ACCOUNT_ARN}:stream/s`), roleArn: 'arn:aws:iam::123456789012:role/r' }, ['c1']],
    ],
  },
  {
    name: 'subscription filter limits are per group: another group\'s delete is not waited for',
    desired: set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda('f')) } }), group('/b')] }),
    observed: set({ logGroups: [group('/a'), group('/b', { subscriptionFilters: { s: subscription('s', lambda('f')) } })] }),
    actions: ['no-op logGroup "/a"', 'create subscriptionFilter "/a/s"', 'no-op logGroup "/b"', 'delete subscriptionFilter "/b/s"'],
    calls: [
      ['DeleteSubscriptionFilter', { logGroupName: '/b', filterName: 's' }],
      ['PutSubscriptionFilter', sfInput('/a', 's', lambda('f'))],
    ],
  },
  {
    name: 'adoption: a declared group found unowned is adopted, its nested parts reconciled',
    desired: set({ logGroups: [group('/a', { metricFilters: { m: metricFilter('m') } })] }),
    observed: set({ logGroups: [group('/a', { metricFilters: { m: metricFilter('m', '"OTHER"') } })] }),
    ownership: NOTHING_OWNED,
    actions: ['no-op (adopt) logGroup "/a"', 'update (adopt) metricFilter "/a/m"'],
    calls: [['PutMetricFilter', { logGroupName: '/a', filterName: 'm', ...MF_INPUT }]],
  },
];

const test = suite('plan: log groups and what they contain');
tableTests(test, [...LOG_GROUPS, ...NESTED]);
test.run();
