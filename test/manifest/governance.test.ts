import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { simulate, simulationDiagnostics } from '../../src/cli/simulate.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { formatAddress } from '../../src/model/address.js';
import { formatSource, hasErrors } from '../../src/model/diagnostics.js';
import { emptyResourceSet } from '../../src/model/resources.js';
import { planCalls } from '../../src/plan/calls.js';
import { diffResources } from '../../src/plan/changes.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Diagnostics of the kinds of issue 13: the resolver's own (keys of the wrong form, references to
 * undeclared resources, values out of range) at the member's file:line:col, and what only AWS
 * rejects from the simulation, at the resource.
 */

const ctx = { account: '123456789012', region: 'us-east-1' };

async function diagnose(yaml: string): Promise<string[]> {
  const m = emptyManifest();
  loadFile('x.yaml', yaml, m);
  const desired = resolveManifest(m, ctx);
  const diagnostics = [...m.diagnostics, ...desired.diagnostics];
  if (!hasErrors(diagnostics)) {
    const calls = planCalls(diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }), ctx);
    diagnostics.push(...simulationDiagnostics(await simulate(calls, [{ scope: ctx, externals: desired.externals }]), (_call, address, member) => desired.sourceOf(address, member)));
  }
  return diagnostics.map((d) => `${d.source ? formatSource(d.source) : '?'}: ${d.summary}${d.address ? ` [${formatAddress(d.address)}]` : ''}`);
}

const DISTRIBUTION = 'arn:aws:cloudfront::123456789012:distribution/EDIST1';
const DP = (name: string) => `    policyDocument:
      Name: ${name}
      Statement:
        - { Sid: a, DataIdentifier: [arn:aws:dataprotection::aws:data-identifier/EmailAddress], Operation: { Audit: { FindingsDestination: {} } } }
        - { Sid: d, DataIdentifier: [arn:aws:dataprotection::aws:data-identifier/EmailAddress], Operation: { Deidentify: { MaskConfig: {} } } }
`;

const CASES: [name: string, yaml: string, expected: string[]][] = [
  [
    'an account policy key without its type',
    'accountPolicies:\n  pii:\n    policyDocument: {}\n',
    ["x.yaml:2:3: account policy 'pii' must be named POLICY_TYPE/NAME, with POLICY_TYPE one of DATA_PROTECTION_POLICY, SUBSCRIPTION_FILTER_POLICY, FIELD_INDEX_POLICY, TRANSFORMER_POLICY, METRIC_EXTRACTION_POLICY [accountPolicy \"pii\"]"],
  ],
  [
    'selection criteria on a data protection account policy',
    `accountPolicies:\n  DATA_PROTECTION_POLICY/pii:\n${DP('pii')}    selectionCriteria: 'LogGroupName NOT IN ["/a"]'\n`,
    ["x.yaml:8:5: account policy 'DATA_PROTECTION_POLICY/pii': a DATA_PROTECTION_POLICY applies to every log group and takes no selectionCriteria [accountPolicy \"DATA_PROTECTION_POLICY/pii\"]"],
  ],
  [
    'a second data protection account policy (AWS allows one)',
    `accountPolicies:\n  DATA_PROTECTION_POLICY/a:\n${DP('a')}  DATA_PROTECTION_POLICY/b:\n${DP('b')}`,
    ['x.yaml:8:3: PutAccountPolicy for accountPolicy "DATA_PROTECTION_POLICY/b" would fail: LimitExceededException: Resource limit exceeded. [accountPolicy "DATA_PROTECTION_POLICY/b"]'],
  ],
  [
    'a delivery naming an undeclared source and destination',
    'deliveries:\n  cdn/archive: {}\n',
    [
      "x.yaml:2:3: delivery 'cdn/archive' names delivery source 'cdn', which is not declared under deliverySources [delivery \"cdn/archive\"]",
      "x.yaml:2:3: delivery 'cdn/archive' names delivery destination 'archive', which is not declared under deliveryDestinations (name another account's by ARN) [delivery \"cdn/archive\"]",
    ],
  ],
  [
    'a delivery key that is not SOURCE/DESTINATION, and one naming its own account\'s destination by ARN',
    `deliverySources:\n  cdn: { resourceArn: "${DISTRIBUTION}", logType: ACCESS_LOGS }\ndeliveries:\n  cdn: {}\n  "cdn/arn:aws:logs:us-east-1:123456789012:delivery-destination:d": {}\n`,
    [
      'x.yaml:4:3: delivery \'cdn\' must be named SOURCE/DESTINATION: a delivery source and a delivery destination (name or ARN) [delivery "cdn"]',
      "x.yaml:5:3: delivery 'cdn/arn:aws:logs:us-east-1:123456789012:delivery-destination:d' names a delivery destination of its own account and region by ARN: write 'cdn/d' [delivery \"cdn/arn:aws:logs:us-east-1:123456789012:delivery-destination:d\"]",
    ],
  ],
  [
    'a delivery destination whose resource is neither a log group, a bucket nor a stream; an X-Ray one with a resource',
    'deliveryDestinations:\n  a:\n    deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:sqs:us-east-1:123456789012:q" }\n  b:\n    deliveryDestinationType: XRAY\n    deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:s3:::b" }\n',
    [
      "x.yaml:3:41: delivery destination 'a': 'arn:aws:sqs:us-east-1:123456789012:q' is not the ARN of a log group, an S3 bucket or a Firehose stream [deliveryDestination \"a\"]",
      "x.yaml:4:3: delivery destination 'b' needs deliveryDestinationConfiguration.destinationResourceArn (CWL, S3, FH, whose type it gives), or deliveryDestinationType XRAY alone [deliveryDestination \"b\"]",
    ],
  ],
  [
    'a delivery source whose resource is not registered (AWS checks it exists)',
    `deliverySources:\n  cdn: { resourceArn: "${DISTRIBUTION}", logType: ACCESS_LOGS }\n`,
    ['x.yaml:2:3: PutDeliverySource for deliverySource "cdn" would fail: ResourceNotFoundException: Cannot access provided service. [deliverySource "cdn"]'],
  ],
  [
    'an anomaly visibility out of range (the declaration is left out: its group is not checked)',
    'anomalyDetectors:\n  d:\n    logGroupArnList: [/nowhere]\n    anomalyVisibilityTime: 5\n',
    ['x.yaml:4:28: anomalyDetectors.d.anomalyVisibilityTime cannot be 5: it must be from 7 to 90'],
  ],
  [
    'an anomaly detector on an undeclared group',
    'anomalyDetectors:\n  d:\n    logGroupArnList: [/nowhere]\n',
    ["x.yaml:3:23: anomaly detector 'd' watches log group '/nowhere', which is not declared under logGroups (give an unmanaged group's ARN) [anomalyDetector \"d\"]"],
  ],
  [
    'a misspelt deletion protection',
    'logGroups:\n  /b:\n    deletionProtectionEnable: true\n',
    ["x.yaml:3:5: unknown key 'deletionProtectionEnable' in logGroups[\"/b\"]; did you mean 'deletionProtectionEnabled'?"],
  ],
  [
    'an index policy on an Infrequent Access group',
    'logGroups:\n  /a:\n    logGroupClass: INFREQUENT_ACCESS\n    indexPolicy: { Fields: [id] }\n',
    ['x.yaml:4:5: PutIndexPolicy for indexPolicy "/a" would fail: InvalidParameterException: Only log groups in the Standard log class support field index policies. [indexPolicy "/a"]'],
  ],
];

const test = suite('manifest: diagnostics of account policies, deliveries, detectors and index policies');
for (const [name, yaml, expected] of CASES) {
  test(name, async () => {
    assert.equal(await diagnose(yaml), expected);
  });
}
test.run();
