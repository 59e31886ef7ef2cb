import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { parse } from 'yaml';
import { renderManifestYaml } from '../../src/render/manifest-yaml.js';

const test = suite('render: manifests as YAML');

const DOCUMENT = {
  scope: { account: 'log-archive', region: 'eu-west-1' },
  logGroups: {
    '/aws/lambda/payments': {
      retentionInDays: 30,
      tags: { team: 'payments' },
      metricFilters: {
        errors: { filterPattern: '"ERROR"', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Payments', metricValue: '1', defaultValue: 0 }] },
      },
      subscriptionFilters: { 'to-siem': { filterPattern: '', destination: 'siem', destinationAccount: 'log-archive' } },
      dataProtectionPolicy: {
        Name: 'pii',
        Statement: [{ DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Audit: { FindingsDestination: {} } }, Sid: 'audit' }],
        Version: '2021-06-01',
      },
    },
    '/empty': {},
  },
  queryDefinitions: { 'ops/errors': { queryString: 'fields @message\n| limit 20' } },
};

test('blocks for sections and declarations, flow for short values, policies as block mappings, dates quoted', () => {
  assert.fixture(
    renderManifestYaml([{ comment: 'Log groups, imported.', content: DOCUMENT }, { comment: 'Second.', content: { externals: { s3Buckets: ['a', 'b'] } } }]),
    [
      '# Log groups, imported.',
      '',
      'scope: { account: log-archive, region: eu-west-1 }',
      'logGroups:',
      '  /aws/lambda/payments:',
      '    retentionInDays: 30',
      '    tags: { team: payments }',
      '    metricFilters:',
      '      errors:',
      '        filterPattern: \'"ERROR"\'',
      '        metricTransformations:',
      '          - { metricName: Errors, metricNamespace: Payments, metricValue: "1", defaultValue: 0 }',
      '    subscriptionFilters:',
      '      to-siem: { filterPattern: "", destination: siem, destinationAccount: log-archive }',
      '    dataProtectionPolicy:',
      '      Name: pii',
      '      Statement:',
      '        - DataIdentifier: [ arn:aws:dataprotection::aws:data-identifier/EmailAddress ]',
      '          Operation: { Audit: { FindingsDestination: {} } }',
      '          Sid: audit',
      '      Version: "2021-06-01"',
      '  /empty: {}',
      'queryDefinitions:',
      '  ops/errors:',
      '    queryString: |-',
      '      fields @message',
      '      | limit 20',
      '---',
      '# Second.',
      '',
      'externals: { s3Buckets: [ a, b ] }',
      '',
    ].join('\n'),
  );
});

test('what it writes reads back as the same values', () => {
  assert.equal(parse(renderManifestYaml([{ comment: 'x', content: DOCUMENT }])), DOCUMENT);
});

test.run();
