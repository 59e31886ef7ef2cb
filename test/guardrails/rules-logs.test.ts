import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import type { Json } from '../../src/model/resources.js';
import { ACCOUNT_ARN, CTX, group, set, subscription } from '../plan/fixtures.js';
import { builtin, findings, resultOf } from './helpers.js';

const test = suite('guardrails: log group rules');

const KEY = `arn:aws:kms:${ACCOUNT_ARN}:key/k1`;
const OTHER_KEY = `arn:aws:kms:${ACCOUNT_ARN}:key/k2`;
const CENTRAL = `arn:aws:logs:${ACCOUNT_ARN}:destination:central`;
const LAMBDA = `arn:aws:lambda:${ACCOUNT_ARN}:function:f`;

test('cw-loggroup-retention-period-check: at least MinRetentionTime, 365 by default', () => {
  const groups = set({ logGroups: [group('/ok', { retentionInDays: 365 }), group('/short', { retentionInDays: 30 }), group('/long', { retentionInDays: 3653 })] });
  assert.equal(findings(builtin('cw-loggroup-retention-period-check'), groups), ['logGroup /short: retention is 30 days; at least 365 required [retentionInDays]']);
  assert.equal(findings(builtin('cw-loggroup-retention-period-check', { MinRetentionTime: 30 }), groups), []);
});

test('cw-loggroup-retention-period-check: never expire fails unless AllowNeverExpire (unlike AWS Config)', () => {
  const groups = set({ logGroups: [group('/forever')] });
  assert.equal(findings(builtin('cw-loggroup-retention-period-check', { MinRetentionTime: 7 }), groups), [
    'logGroup /forever: events never expire (no retention set); at least 7 days required, and "never expire" is not allowed [retentionInDays]',
  ]);
  assert.equal(findings(builtin('cw-loggroup-retention-period-check', { AllowNeverExpire: true }), groups), []);
});

test('cw-loggroup-retention-period-check: MaxRetentionTime bounds it above', () => {
  const groups = set({ logGroups: [group('/a', { retentionInDays: 400 }), group('/b', { retentionInDays: 90 })] });
  assert.equal(findings(builtin('cw-loggroup-retention-period-check', { MinRetentionTime: 30, MaxRetentionTime: 365 }), groups), ['logGroup /a: retention is 400 days; at most 365 allowed [retentionInDays]']);
});

test('cw-loggroup-retention-period-check: LogGroupNames (globs) scope it; DELIVERY groups (AWS fixes their retention) are not checked', () => {
  const groups = set({ logGroups: [group('/aws/lambda/a', { retentionInDays: 1 }), group('/app/b', { retentionInDays: 1 }), group('/aws/lambda/d', { logGroupClass: 'DELIVERY' })] });
  const rule = builtin('cw-loggroup-retention-period-check', { LogGroupNames: ['/aws/lambda/*'] });
  assert.equal(findings(rule, groups), ['logGroup /aws/lambda/a: retention is 1 day; at least 365 required [retentionInDays]']);
  assert.is(resultOf(rule, groups).checked, 1);
});

test('cloudwatch-log-group-encrypted: any key, or the KmsKeyId given', () => {
  const groups = set({ logGroups: [group('/plain'), group('/k1', { kmsKeyId: KEY }), group('/k2', { kmsKeyId: OTHER_KEY })] });
  assert.equal(findings(builtin('cloudwatch-log-group-encrypted'), groups), ['logGroup /plain: not encrypted with a KMS key (kmsKeyId is not set) [kmsKeyId]']);
  assert.equal(findings(builtin('cloudwatch-log-group-encrypted', { KmsKeyId: KEY }), groups), [
    'logGroup /plain: not encrypted with a KMS key (kmsKeyId is not set) [kmsKeyId]',
    `logGroup /k2: encrypted with ${OTHER_KEY}, not the required key ${KEY} [kmsKeyId]`,
  ]);
});

const POLICY: Json = {
  Name: 'p',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress', 'arn:aws:dataprotection::aws:data-identifier/CreditCardNumber'], Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'redact', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
};

test('cloudwatch-log-group-data-protection-enabled: a policy; with DataIdentifiers, one that masks them', () => {
  const groups = set({ logGroups: [group('/none'), group('/masked', { dataProtectionPolicy: POLICY })] });
  assert.equal(findings(builtin('cloudwatch-log-group-data-protection-enabled'), groups), ['logGroup /none: has no data protection policy [dataProtectionPolicy]']);
  // audited is not masked: CreditCardNumber appears only in the Audit statement
  assert.equal(findings(builtin('cloudwatch-log-group-data-protection-enabled', { DataIdentifiers: ['EmailAddress', 'arn:aws:dataprotection::aws:data-identifier/CreditCardNumber'] }), set({ logGroups: [group('/masked', { dataProtectionPolicy: POLICY })] })), [
    'logGroup /masked: its data protection policy does not mask CreditCardNumber [dataProtectionPolicy]',
  ]);
  assert.equal(findings(builtin('cloudwatch-log-group-data-protection-enabled', { DataIdentifiers: ['EmailAddress'] }), set({ logGroups: [group('/masked', { dataProtectionPolicy: POLICY })] })), []);
});

test('cloudwatch-log-group-subscribed: a subscription, to one of DestinationArns (globs), passing every event with AllEvents', () => {
  const groups = set({
    logGroups: [
      group('/lonely'),
      group('/central', { subscriptionFilters: { siem: subscription('siem', CENTRAL) } }),
      group('/elsewhere', { subscriptionFilters: { fn: subscription('fn', LAMBDA) } }),
      group('/filtered', { subscriptionFilters: { siem: subscription('siem', CENTRAL, { filterPattern: 'ERROR' }) } }),
    ],
  });
  assert.equal(findings(builtin('cloudwatch-log-group-subscribed'), groups), ['logGroup /lonely: has no subscription filter: its events reach no central destination [subscriptionFilters]']);
  assert.equal(findings(builtin('cloudwatch-log-group-subscribed', { DestinationArns: [`arn:aws:logs:*:${CTX.account}:destination:central*`], AllEvents: true }), groups), [
    'logGroup /lonely: has no subscription filter: its events reach no central destination [subscriptionFilters]',
    `logGroup /elsewhere: no subscription filter sends to arn:aws:logs:*:${CTX.account}:destination:central* (it sends to ${LAMBDA}) [subscriptionFilters]`,
    "logGroup /filtered: its subscription 'siem' filters events (pattern \"ERROR\"); every event must go [subscriptionFilters]",
  ]);
});

test('names and excludeNames scope every rule; the result counts what was checked', () => {
  const groups = set({ logGroups: [group('/aws/a'), group('/aws/tmp/b'), group('/app/c')] });
  const rule = builtin('cloudwatch-log-group-encrypted', {}, { names: ['/aws/*'], excludeNames: ['/aws/tmp/*'], severity: 'warning' });
  const result = resultOf(rule, groups);
  assert.is(result.checked, 1);
  assert.equal(result.violations, [{ rule: 'cloudwatch-log-group-encrypted', severity: 'warning', address: { kind: 'logGroup', name: '/aws/a' }, message: 'not encrypted with a KMS key (kmsKeyId is not set)', member: 'kmsKeyId' }]);
});

test.run();
