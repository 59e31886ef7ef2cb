import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { dataProtectionPolicyKind } from '../../src/kinds/data-protection-policy.js';
import { logGroupKind } from '../../src/kinds/log-group.js';
import { resourcePolicyKind } from '../../src/kinds/resource-policy.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { ResourceSet } from '../../src/model/resources.js';
import { diffResources, type Ownership } from '../../src/plan/changes.js';
import { renderDiagnostics, renderPlanText } from '../../src/render/plan-text.js';
import { COLOR, NO_COLOR } from '../../src/render/values.js';
import { desiredOf, destination, EVERYTHING_OWNED, group, metricFilter, NOTHING_OWNED, set, subscription, trail } from '../plan/fixtures.js';

const TARGET = 'local engine (state), us-east-1';

/** The plan text of taking `observed` to `desired`, colour off. */
const planText = (desired: ResourceSet, observed: ResourceSet, ownership: Ownership = EVERYTHING_OWNED, diagnostics: Diagnostic[] = []) =>
  renderPlanText({ target: TARGET, changes: diffResources(desired, observed, ownership), diagnostics }, NO_COLOR);

/** The expected text: the lines of a plan, then the summary. */
const expected = (...lines: string[]) => `${[`Target: ${TARGET}`, '', 'logwarden will perform the following actions:', '', ...lines].join('\n')}\n`;

const test = suite('render: plan text (no colour)');

test('a create shows every attribute, sorted, and nested values in full', () => {
  const desired = set({ logGroups: [group('/app/api', { retentionInDays: 30, tags: { team: 'api' }, metricFilters: { errors: metricFilter('errors') } })] });
  assert.fixture(
    planText(desired, set({})),
    expected(
      '  # logGroup "/app/api" will be created',
      '  + logGroup "/app/api" {',
      '      + logGroupClass   = "STANDARD"',
      '      + logGroupName    = "/app/api"',
      '      + retentionInDays = 30',
      '      + tags            = {',
      '          + team = "api"',
      '        }',
      '    }',
      '',
      '  # metricFilter "/app/api/errors" will be created',
      '  + metricFilter "/app/api/errors" {',
      '      + filterName            = "errors"',
      '      + filterPattern         = "\\"ERROR\\""',
      '      + metricTransformations = [',
      '          + {',
      '              + metricName      = "Errors"',
      '              + metricNamespace = "App"',
      '              + metricValue     = "1"',
      '            },',
      '        ]',
      '    }',
      '',
      'Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.',
    ),
  );
});

test('an update shows old -> new per attribute, member by member inside maps, the rest folded', () => {
  const before = group('/app/api', { retentionInDays: 7, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1', tags: { team: 'web', old: 'x' } });
  const after = group('/app/api', { retentionInDays: 30, tags: { team: 'api', env: 'prod' } });
  assert.fixture(
    planText(set({ logGroups: [after] }), set({ logGroups: [before] })),
    expected(
      '  # logGroup "/app/api" will be updated in place',
      '  ~ logGroup "/app/api" {',
      '      - kmsKeyId        = "arn:aws:kms:us-east-1:123456789012:key/k1" -> null',
      '      ~ retentionInDays = 7 -> 30',
      '      ~ tags            = {',
      '          + env  = "prod"',
      '          - old  = "x"',
      '          ~ team = "web" -> "api"',
      '        }',
      '        # (2 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.',
    ),
  );
});

test('a replacement says which attribute forces it', () => {
  const desired = set({ logGroups: [group('/app/api', { retentionInDays: 30 })] });
  const observed = set({ logGroups: [group('/app/api', { retentionInDays: 30, logGroupClass: 'INFREQUENT_ACCESS' })] });
  assert.fixture(
    planText(desired, observed),
    expected(
      '  # logGroup "/app/api" must be replaced',
      '-/+ logGroup "/app/api" {',
      '      ~ logGroupClass = "INFREQUENT_ACCESS" -> "STANDARD" # forces replacement',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy.',
    ),
  );
});

test('a subscription filter whose destination changes is replaced', () => {
  const lambda = (f: string) => `arn:aws:lambda:us-east-1:123456789012:function:${f}`;
  const desired = set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda('new')) } })] });
  const observed = set({ logGroups: [group('/a', { subscriptionFilters: { s: subscription('s', lambda('old')) } })] });
  assert.fixture(
    planText(desired, observed),
    expected(
      '  # subscriptionFilter "/a/s" must be replaced',
      '-/+ subscriptionFilter "/a/s" {',
      `      ~ destinationArn = "${lambda('old')}" -> "${lambda('new')}" # forces replacement`,
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy.',
    ),
  );
});

test('a multi-line attribute that forces replacement carries the reason on its last line', () => {
  const accessPolicy = { Statement: [{ Effect: 'Allow' }], Version: '2012-10-17' };
  assert.fixture(
    planText(set({ destinations: [destination('d')] }), set({ destinations: [destination('d', { accessPolicy })] })),
    expected(
      '  # destination "d" must be replaced',
      '-/+ destination "d" {',
      '      - accessPolicy = {',
      '          - Statement = [',
      '              - {',
      '                  - Effect = "Allow"',
      '                },',
      '            ]',
      '          - Version   = "2012-10-17"',
      '        } -> null # forces replacement',
      '        # (4 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy.',
    ),
  );
});

test('a delete shows what goes away, with its nested values', () => {
  const observed = set({ logGroups: [group('/old', { retentionInDays: 30, tags: { a: 'b' } })], trails: [trail('t', { insightSelectors: ['ApiCallRateInsight'] })] });
  assert.fixture(
    planText(set({}), observed),
    expected(
      '  # logGroup "/old" will be destroyed',
      '  - logGroup "/old" {',
      '      - logGroupClass   = "STANDARD"',
      '      - logGroupName    = "/old"',
      '      - retentionInDays = 30',
      '      - tags            = {',
      '          - a = "b"',
      '        }',
      '    }',
      '',
      '  # trail "t" will be destroyed',
      '  - trail "t" {',
      '      - enableLogFileValidation    = false',
      '      - includeGlobalServiceEvents = true',
      '      - insightSelectors           = [',
      '          - "ApiCallRateInsight",',
      '        ]',
      '      - isMultiRegionTrail         = false',
      '      - isOrganizationTrail        = false',
      '      - logging                    = true',
      '      - name                       = "t"',
      '      - s3BucketName               = "trail-bucket"',
      '      - tags                       = {}',
      '    }',
      '',
      'Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.',
    ),
  );
});

test('adoption: a declared resource found unowned is adopted, alone or with its update', () => {
  const desired = set({ logGroups: [group('/same'), group('/differs', { retentionInDays: 5 })] });
  const observed = set({ logGroups: [group('/same'), group('/differs')] });
  assert.fixture(
    planText(desired, observed, NOTHING_OWNED),
    expected(
      '  # logGroup "/same" will be adopted (already matches)',
      '    logGroup "/same" {',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      '  # logGroup "/differs" will be updated in place, and adopted',
      '  ~ logGroup "/differs" {',
      '      + retentionInDays = 5',
      '        # (3 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy. (2 to adopt)',
    ),
  );
});

const POLICIES = `
logGroups:
  /app/api:
    dataProtectionPolicy:
      Name: data-protection
      Version: "2021-06-01"
      Statement:
        - Sid: audit
          DataIdentifier: ["arn:aws:dataprotection::aws:data-identifier/EmailAddress"]
          Operation: { Audit: { FindingsDestination: {} } }
        - Sid: redact
          DataIdentifier: ["arn:aws:dataprotection::aws:data-identifier/EmailAddress"]
          Operation: { Deidentify: { MaskConfig: {} } }
resourcePolicies:
  route53:
    policyDocument:
      Version: "2012-10-17"
      Statement:
        Sid: dns
        Effect: Allow
        Principal: { Service: route53.amazonaws.com }
        Action: [logs:PutLogEvents, logs:CreateLogStream]
        Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/*"
`;

/** The same two policies as AWS returns them: other key order, other whitespace, IAM lists. */
const DATA_PROTECTION_TEXT =
  '{"Version":"2021-06-01","Name":"data-protection","Statement":[{"Sid":"audit","Operation":{"Audit":{"FindingsDestination":{}}},' +
  '"DataIdentifier":["arn:aws:dataprotection::aws:data-identifier/EmailAddress"]},{"Sid":"redact","Operation":{"Deidentify":{"MaskConfig":{}}},' +
  '"DataIdentifier":["arn:aws:dataprotection::aws:data-identifier/EmailAddress"]}]}';
const RESOURCE_POLICY_TEXT = `{
  "Statement": [ { "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/*",
     "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
     "Principal": { "Service": "route53.amazonaws.com" }, "Effect": "Allow", "Sid": "dns" } ],
  "Version": "2012-10-17" }`;

const observedPolicies = (dataProtection: string, resourcePolicy: string) =>
  set({
    logGroups: [group('/app/api', { ...logGroupKind.read.observe({ logGroupName: '/app/api' }, {}), dataProtectionPolicy: dataProtectionPolicyKind.read.observe({ policyDocument: dataProtection }, {})!.policyDocument })],
    resourcePolicies: [resourcePolicyKind.read.observe({ policyName: 'route53', policyDocument: resourcePolicy }, {})!],
  });

test('policies differing only in key order, whitespace and IAM single values are no change', () => {
  const text = planText(desiredOf(POLICIES), observedPolicies(DATA_PROTECTION_TEXT, RESOURCE_POLICY_TEXT));
  assert.fixture(text, `Target: ${TARGET}\n\nNo changes. The target matches the manifests.\n`);
});

test('policy documents diff as structured JSON: statement by statement, member by member', () => {
  const observed = observedPolicies(
    DATA_PROTECTION_TEXT.replace('"redact"', '"mask"'),
    RESOURCE_POLICY_TEXT.replace('"Allow"', '"Deny"').replace('"logs:PutLogEvents"]', '"logs:PutLogEvents", "logs:DeleteLogStream"]'),
  );
  assert.fixture(
    planText(desiredOf(POLICIES), observed),
    expected(
      '  # dataProtectionPolicy "/app/api" will be updated in place',
      '  ~ dataProtectionPolicy "/app/api" {',
      '      ~ policyDocument = {',
      '          ~ Statement = [',
      '                # (1 unchanged element hidden)',
      '              ~ {',
      '                  ~ Sid            = "mask" -> "redact"',
      '                    # (2 unchanged members hidden)',
      '                },',
      '            ]',
      '            # (2 unchanged members hidden)',
      '        }',
      '    }',
      '',
      '  # resourcePolicy "route53" will be updated in place',
      '  ~ resourcePolicy "route53" {',
      '      ~ policyDocument = {',
      '          ~ Statement = [',
      '              ~ {',
      '                  ~ Action    = [',
      '                        "logs:CreateLogStream",',
      '                      - "logs:DeleteLogStream",',
      '                        "logs:PutLogEvents",',
      '                    ]',
      '                  ~ Effect    = "Deny" -> "Allow"',
      '                    # (3 unchanged members hidden)',
      '                },',
      '            ]',
      '            # (1 unchanged member hidden)',
      '        }',
      '        # (1 unchanged attribute hidden)',
      '    }',
      '',
      'Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.',
    ),
  );
});

test('a statement added to a policy is shown as an addition between the kept ones', () => {
  const observed = set({ resourcePolicies: [{ policyName: 'p', policyDocument: { Statement: [{ Sid: 'a' }, { Sid: 'c' }] } }] });
  const desired = set({ resourcePolicies: [{ policyName: 'p', policyDocument: { Statement: [{ Sid: 'a' }, { Sid: 'b' }, { Sid: 'c' }] } }] });
  assert.fixture(
    planText(desired, observed),
    expected(
      '  # resourcePolicy "p" will be updated in place',
      '  ~ resourcePolicy "p" {',
      '      ~ policyDocument = {',
      '          ~ Statement = [',
      '                # (1 unchanged element hidden)',
      '              + {',
      '                  + Sid = "b"',
      '                },',
      '                # (1 unchanged element hidden)',
      '            ]',
      '        }',
      '        # (1 unchanged attribute hidden)',
      '    }',
      '',
      'Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.',
    ),
  );
});

test('a string that changed only in whitespace is called so', () => {
  const desired = set({ logGroups: [group('/a', { metricFilters: { m: metricFilter('m', '[ip, user,  status]') } })] });
  const observed = set({ logGroups: [group('/a', { metricFilters: { m: metricFilter('m', '[ip, user, status]') } })] });
  assert.fixture(
    planText(desired, observed),
    expected(
      '  # metricFilter "/a/m" will be updated in place',
      '  ~ metricFilter "/a/m" {',
      '      ~ filterPattern = "[ip, user, status]" -> "[ip, user,  status]" # whitespace changes only',
      '        # (2 unchanged attributes hidden)',
      '    }',
      '',
      'Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.',
    ),
  );
});

test('the summary counts every action; no-ops are not shown', () => {
  const desired = set({ logGroups: [group('/new'), group('/same'), group('/changed', { retentionInDays: 1 }), group('/class', { logGroupClass: 'INFREQUENT_ACCESS' })] });
  const observed = set({ logGroups: [group('/same'), group('/changed'), group('/class'), group('/gone'), group('/gone2')] });
  const text = planText(desired, observed);
  assert.not.match(text, '"/same"');
  assert.is(text.trimEnd().split('\n').at(-1), 'Plan: 1 to add, 1 to change, 1 to replace, 2 to destroy.');
});

test('diagnostics follow the plan, each with where it points and its detail', () => {
  const diagnostics: Diagnostic[] = [
    {
      severity: 'error',
      summary: 'PutRetentionPolicy for logGroup "/a" would fail: InvalidParameterException: Invalid retention value.',
      detail: 'Simulated on the built-in engine before touching the target; nothing was changed.',
      source: { file: 'logs.yaml', line: 3, col: 5 },
      address: { kind: 'logGroup', name: '/a' },
    },
    { severity: 'warning', summary: 'nothing declared', source: { file: 'empty.yaml', line: 1, col: 1 } },
    { severity: 'error', summary: 'no position' },
  ];
  assert.equal(renderDiagnostics(diagnostics, NO_COLOR), [
    'Error: PutRetentionPolicy for logGroup "/a" would fail: InvalidParameterException: Invalid retention value.',
    '  on logs.yaml:3:5, logGroup "/a"',
    '  Simulated on the built-in engine before touching the target; nothing was changed.',
    '',
    'Warning: nothing declared',
    '  on empty.yaml:1:1',
    '',
    'Error: no position',
    '',
  ]);
  assert.fixture(
    planText(set({}), set({}), EVERYTHING_OWNED, diagnostics.slice(1, 2)),
    `Target: ${TARGET}\n\nNo changes. The target matches the manifests.\n\nWarning: nothing declared\n  on empty.yaml:1:1\n\n`,
    'warnings follow the verdict',
  );
  // with an error there is no plan, so no verdict: only what is wrong
  assert.fixture(planText(set({}), set({}), EVERYTHING_OWNED, diagnostics.slice(2)), `Target: ${TARGET}\n\nError: no position\n\n1 error; nothing was planned.\n`);
});

test('colour is injected: the same plan with COLOR carries ANSI codes, NO_COLOR none', () => {
  const changes = diffResources(set({ logGroups: [group('/a')] }), set({}), EVERYTHING_OWNED);
  const coloured = renderPlanText({ target: TARGET, changes, diagnostics: [] }, COLOR);
  assert.match(coloured, '\u001b[32m  +\u001b[0m logGroup "/a" {');
  assert.match(coloured, '\u001b[1mPlan: 1 to add, 0 to change, 0 to replace, 0 to destroy.\u001b[0m');
  assert.not.match(renderPlanText({ target: TARGET, changes, diagnostics: [] }, NO_COLOR), '\u001b[');
});

test.run();
