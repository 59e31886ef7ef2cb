import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { ACCOUNT_ARN, desiredOf, destination, group, set, tableTests, valueOf, type PlanCase } from './fixtures.js';
import { accountPolicy, governance } from './governance-fixtures.js';
import { putResource } from '../../src/model/resources.js';

const DP = (name: string) => ({ Name: name, Statement: [], Version: '2021-06-01' });
const INDEX = { Fields: ['requestId'] };
const SIEM = `arn:aws:logs:${ACCOUNT_ARN}:destination:siem`;

/** A set of log groups and destinations, plus account policies. */
function withPolicies(policies: ReturnType<typeof accountPolicy>[], parts: Parameters<typeof set>[0] = {}) {
  const s = set(parts);
  for (const v of governance({ accountPolicies: policies }).values()) putResource(s, v.address, v.value);
  return s;
}

const CASES: PlanCase[] = [
  {
    name: 'account policy: created with its type, document as JSON text, scope and criteria',
    desired: governance({ accountPolicies: [accountPolicy('FIELD_INDEX_POLICY', 'ids', INDEX, { selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]' })] }),
    observed: governance({}),
    actions: ['create accountPolicy "FIELD_INDEX_POLICY/ids"'],
    calls: [['PutAccountPolicy', { policyName: 'ids', policyType: 'FIELD_INDEX_POLICY', policyDocument: '{"Fields":["requestId"]}', scope: 'ALL', selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]' }]],
  },
  {
    name: 'account policy: a changed document or criteria is PutAccountPolicy again; the same document in another key order is no change',
    desired: governance({
      accountPolicies: [accountPolicy('FIELD_INDEX_POLICY', 'ids', INDEX, { selectionCriteria: 'LogGroupNamePrefix IN ["/b/"]' }), accountPolicy('DATA_PROTECTION_POLICY', 'dp', { Version: '2021-06-01', Name: 'dp', Statement: [] })],
    }),
    observed: governance({ accountPolicies: [accountPolicy('FIELD_INDEX_POLICY', 'ids', INDEX, { selectionCriteria: 'LogGroupNamePrefix IN ["/a/"]' }), accountPolicy('DATA_PROTECTION_POLICY', 'dp', DP('dp'))] }),
    actions: ['update accountPolicy "FIELD_INDEX_POLICY/ids"', 'no-op accountPolicy "DATA_PROTECTION_POLICY/dp"'],
    calls: [['PutAccountPolicy', { policyName: 'ids', policyType: 'FIELD_INDEX_POLICY', policyDocument: '{"Fields":["requestId"]}', scope: 'ALL', selectionCriteria: 'LogGroupNamePrefix IN ["/b/"]' }]],
  },
  {
    name: 'account policy: two types may share a name; only the undeclared one is deleted, by name and type',
    desired: governance({ accountPolicies: [accountPolicy('DATA_PROTECTION_POLICY', 'org', DP('org'))] }),
    observed: governance({ accountPolicies: [accountPolicy('DATA_PROTECTION_POLICY', 'org', DP('org')), accountPolicy('FIELD_INDEX_POLICY', 'org', INDEX)] }),
    actions: ['no-op accountPolicy "DATA_PROTECTION_POLICY/org"', 'delete accountPolicy "FIELD_INDEX_POLICY/org"'],
    calls: [['DeleteAccountPolicy', { policyName: 'org', policyType: 'FIELD_INDEX_POLICY' }]],
  },
  {
    name: 'account policy: one data protection policy per account, so a renamed one is put once the old one is gone',
    desired: governance({ accountPolicies: [accountPolicy('DATA_PROTECTION_POLICY', 'new', DP('new'))] }),
    observed: governance({ accountPolicies: [accountPolicy('DATA_PROTECTION_POLICY', 'old', DP('old'))] }),
    actions: ['create accountPolicy "DATA_PROTECTION_POLICY/new"', 'delete accountPolicy "DATA_PROTECTION_POLICY/old"'],
    calls: [
      ['DeleteAccountPolicy', { policyName: 'old', policyType: 'DATA_PROTECTION_POLICY' }],
      ['PutAccountPolicy', { policyName: 'new', policyType: 'DATA_PROTECTION_POLICY', policyDocument: '{"Name":"new","Statement":[],"Version":"2021-06-01"}', scope: 'ALL' }, ['c1']],
    ],
  },
  {
    name: 'account policy: a subscription policy waits for the destination it names, a data protection policy for its findings group',
    desired: withPolicies(
      [
        accountPolicy('SUBSCRIPTION_FILTER_POLICY', 'to-siem', { DestinationArn: SIEM, FilterPattern: '' }),
        accountPolicy('DATA_PROTECTION_POLICY', 'dp', { Statement: [{ Operation: { Audit: { FindingsDestination: { CloudWatchLogs: { LogGroup: '/findings' } } } } }] }),
      ],
      { logGroups: [group('/findings')], destinations: [destination('siem')] },
    ),
    observed: governance({}),
    actions: ['create logGroup "/findings"', 'create destination "siem"', 'create accountPolicy "SUBSCRIPTION_FILTER_POLICY/to-siem"', 'create accountPolicy "DATA_PROTECTION_POLICY/dp"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/findings', logGroupClass: 'STANDARD' }],
      ['PutDestination', { destinationName: 'siem', targetArn: `arn:aws:kinesis:${ACCOUNT_ARN}:stream/siem`, roleArn: 'arn:aws:iam::123456789012:role/cwl' }],
      ['PutAccountPolicy', { policyName: 'to-siem', policyType: 'SUBSCRIPTION_FILTER_POLICY', policyDocument: `{"DestinationArn":"${SIEM}","FilterPattern":""}`, scope: 'ALL' }, ['c2']],
      ['PutAccountPolicy', { policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY', policyDocument: '{"Statement":[{"Operation":{"Audit":{"FindingsDestination":{"CloudWatchLogs":{"LogGroup":"/findings"}}}}}]}', scope: 'ALL' }, ['c1']],
    ],
  },
];

const test = suite('plan: account policies');
tableTests(test, CASES);

test('resolve: the key is POLICY_TYPE/NAME; scope defaults to ALL; documents are YAML kept as parsed JSON', () => {
  const desired = desiredOf(`
accountPolicies:
  TRANSFORMER_POLICY/parse/json:
    policyDocument: { transformerConfig: [{ parseJSON: {} }] }
    selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]'
`);
  assert.equal(valueOf(desired, 'accountPolicy', 'TRANSFORMER_POLICY/parse/json'), {
    policyName: 'parse/json',
    policyType: 'TRANSFORMER_POLICY',
    policyDocument: { transformerConfig: [{ parseJSON: {} }] },
    scope: 'ALL',
    selectionCriteria: 'LogGroupNamePrefix IN ["/app/"]',
  });
});

test.run();
