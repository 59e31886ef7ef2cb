import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { desiredOf, group, owning, tableTests, valueOf, type PlanCase } from './fixtures.js';
import { DISTRIBUTION, delivery, deliveryDestination, deliverySource, governance, logsArn, observedDelivery } from './governance-fixtures.js';

const POLICY = { Statement: [{ Action: ['logs:CreateDelivery'], Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Resource: ['*'] }], Version: '2012-10-17' };
const destinationInput = (name: string, group: string) => ({ name, deliveryDestinationConfiguration: { destinationResourceArn: logsArn(`log-group:${group}`) }, deliveryDestinationType: 'CWL' });

const CASES: PlanCase[] = [
  {
    name: 'a delivery waits for its source, and for every call of its destination (its policy too), which waits for its log group',
    desired: governance({
      logGroups: [group('/cdn')],
      deliverySources: [deliverySource('cdn', { tags: { team: 'edge' } })],
      deliveryDestinations: [deliveryDestination('logs', '/cdn', { deliveryDestinationPolicy: POLICY })],
      deliveries: [delivery('cdn', 'logs', { recordFields: ['date', 'time'], tags: { team: 'edge' } })],
    }),
    observed: governance({}),
    actions: ['create logGroup "/cdn"', 'create deliverySource "cdn"', 'create deliveryDestination "logs"', 'create delivery "cdn/logs"'],
    calls: [
      ['CreateLogGroup', { logGroupName: '/cdn', logGroupClass: 'STANDARD' }],
      ['PutDeliverySource', { name: 'cdn', resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS', tags: { team: 'edge' } }],
      ['PutDeliveryDestination', destinationInput('logs', '/cdn'), ['c1']],
      ['PutDeliveryDestinationPolicy', { deliveryDestinationName: 'logs', deliveryDestinationPolicy: JSON.stringify(POLICY) }, ['c3', 'c1']],
      ['CreateDelivery', { deliverySourceName: 'cdn', deliveryDestinationArn: logsArn('delivery-destination:logs'), recordFields: ['date', 'time'], tags: { team: 'edge' } }, ['c2', 'c3', 'c4']],
    ],
  },
  {
    name: 'a delivery is updated by the id AWS gave it; what the manifest leaves to AWS (record fields) is no change; tags by its ARN',
    desired: governance({
      deliveries: [delivery('cdn', 'logs', { fieldDelimiter: ',', tags: { n: '1' } }), delivery('cdn', 'same')],
    }),
    observed: governance({ deliveries: [observedDelivery('cdn', 'logs', 'ID1', { tags: { o: '1' } }), observedDelivery('cdn', 'same', 'ID2')] }),
    actions: ['update delivery "cdn/logs"', 'no-op delivery "cdn/same"'],
    calls: [
      ['UpdateDeliveryConfiguration', { id: 'ID1', fieldDelimiter: ',' }],
      ['UntagResource', { resourceArn: logsArn('delivery:ID1'), tagKeys: ['o'] }, ['c1']],
      ['TagResource', { resourceArn: logsArn('delivery:ID1'), tags: { n: '1' } }, ['c2']],
    ],
  },
  {
    name: 'declared record fields and S3 settings are compared; a removed delimiter is cleared with an empty one',
    desired: governance({ deliveries: [delivery('cdn', 'archive', { recordFields: ['date'], s3DeliveryConfiguration: { suffixPath: 'x/{yyyy}', enableHiveCompatiblePath: true } })] }),
    observed: governance({ deliveries: [observedDelivery('cdn', 'archive', 'ID1', { fieldDelimiter: ',', s3DeliveryConfiguration: { suffixPath: 'AWSLogs/', enableHiveCompatiblePath: false } })] }),
    actions: ['update delivery "cdn/archive"'],
    calls: [['UpdateDeliveryConfiguration', { id: 'ID1', recordFields: ['date'], s3DeliveryConfiguration: { suffixPath: 'x/{yyyy}', enableHiveCompatiblePath: true }, fieldDelimiter: '' }]],
  },
  {
    name: 'a delivery moved to another destination of the same type is created once the old one is deleted',
    desired: governance({ deliveries: [delivery('cdn', 'b')] }),
    observed: governance({ deliveries: [observedDelivery('cdn', 'a', 'OLD')] }),
    actions: ['create delivery "cdn/b"', 'delete delivery "cdn/a"'],
    calls: [
      ['DeleteDelivery', { id: 'OLD' }],
      ['CreateDelivery', { deliverySourceName: 'cdn', deliveryDestinationArn: logsArn('delivery-destination:b') }, ['c1']],
    ],
  },
  {
    name: 'a source and a destination no longer declared go after the delivery that joins them',
    desired: governance({}),
    observed: governance({ deliverySources: [deliverySource('cdn')], deliveryDestinations: [deliveryDestination('logs', '/cdn')], deliveries: [observedDelivery('cdn', 'logs', 'ID1')] }),
    ownership: owning('deliverySource:cdn', 'deliveryDestination:logs', 'delivery:cdn/logs'),
    actions: ['delete deliverySource "cdn"', 'delete deliveryDestination "logs"', 'delete delivery "cdn/logs"'],
    calls: [
      ['DeleteDelivery', { id: 'ID1' }],
      ['DeleteDeliverySource', { name: 'cdn' }, ['c1']],
      ['DeleteDeliveryDestination', { name: 'logs' }, ['c1']],
    ],
  },
  {
    name: 'source: configuration updated without tags (PutDeliverySource refuses them on update); tags by ARN; a new resource replaces it',
    desired: governance({
      deliverySources: [deliverySource('a', { deliverySourceConfiguration: { samplingRate: '50' }, tags: { t: '2' } }), deliverySource('b', { resourceArn: `${DISTRIBUTION}2` })],
    }),
    observed: governance({ deliverySources: [deliverySource('a', { tags: { t: '1' } }), deliverySource('b')] }),
    actions: ['update deliverySource "a"', 'replace deliverySource "b"'],
    calls: [
      ['PutDeliverySource', { name: 'a', resourceArn: DISTRIBUTION, logType: 'ACCESS_LOGS', deliverySourceConfiguration: { samplingRate: '50' } }],
      ['TagResource', { resourceArn: logsArn('delivery-source:a'), tags: { t: '2' } }, ['c1']],
      ['DeleteDeliverySource', { name: 'b' }],
      ['PutDeliverySource', { name: 'b', resourceArn: `${DISTRIBUTION}2`, logType: 'ACCESS_LOGS' }, ['c3']],
    ],
  },
  {
    name: 'destination: a new resource in place (same format), its policy removed; a new output format replaces it',
    desired: governance({
      deliveryDestinations: [deliveryDestination('a', '/new'), deliveryDestination('b', '/b', { outputFormat: 'plain' })],
    }),
    observed: governance({ deliveryDestinations: [deliveryDestination('a', '/old', { outputFormat: 'json', deliveryDestinationPolicy: POLICY }), deliveryDestination('b', '/b', { outputFormat: 'json' })] }),
    actions: ['update deliveryDestination "a"', 'replace deliveryDestination "b"'],
    calls: [
      ['PutDeliveryDestination', { ...destinationInput('a', '/new'), outputFormat: 'json' }],
      ['DeleteDeliveryDestinationPolicy', { deliveryDestinationName: 'a' }, ['c1']],
      ['DeleteDeliveryDestination', { name: 'b' }],
      ['PutDeliveryDestination', { ...destinationInput('b', '/b'), outputFormat: 'plain' }, ['c3']],
    ],
  },
];

const test = suite('plan: vended-log delivery');
tableTests(test, CASES);

test('resolve: SOURCE/DESTINATION keys; the destination by name in this account, by ARN elsewhere; types from the resource ARN', () => {
  const desired = desiredOf(`
externals: { resources: [${DISTRIBUTION}] }
deliverySources:
  cdn: { resourceArn: "${DISTRIBUTION}", logType: ACCESS_LOGS }
deliveryDestinations:
  archive: { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:s3:::bucket" } }
  stream: { deliveryDestinationConfiguration: { destinationResourceArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/s } }
  traces: { deliveryDestinationType: XRAY }
deliveries:
  cdn/archive: { s3DeliveryConfiguration: { suffixPath: "p/" }, fieldDelimiter: "" }
  "cdn/arn:aws:logs:us-east-1:111122223333:delivery-destination:central": {}
`);
  assert.equal(valueOf(desired, 'deliveryDestination', 'archive').deliveryDestinationType, 'S3');
  assert.equal(valueOf(desired, 'deliveryDestination', 'stream').deliveryDestinationType, 'FH');
  assert.equal(valueOf(desired, 'deliveryDestination', 'traces'), { name: 'traces', deliveryDestinationType: 'XRAY', tags: {} });
  assert.equal(valueOf(desired, 'delivery', 'cdn/archive'), {
    deliverySourceName: 'cdn',
    deliveryDestinationArn: logsArn('delivery-destination:archive'),
    s3DeliveryConfiguration: { suffixPath: 'p/', enableHiveCompatiblePath: false },
    tags: {},
  });
  assert.is(valueOf(desired, 'delivery', 'cdn/arn:aws:logs:us-east-1:111122223333:delivery-destination:central').deliveryDestinationArn, 'arn:aws:logs:us-east-1:111122223333:delivery-destination:central');
});

test.run();
