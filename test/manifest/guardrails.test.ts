import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { checkDesired } from '../../src/cli/checks.js';
import { resolveGuardrails } from '../../src/manifest/guardrails.js';
import { manifestJsonSchema } from '../../src/manifest/jsonschema.js';
import { emptyManifest, loadFile } from '../../src/manifest/load.js';
import { resolveManifest } from '../../src/manifest/resolve.js';
import { formatAddress } from '../../src/model/address.js';
import { formatSource } from '../../src/model/diagnostics.js';

/**
 * The `guardrails:` section: checked against its schema like every section (file:line:col, "did you
 * mean", AWS's allowed values), custom rules' conditions checked against the kind's attributes, and
 * violations of the desired state reported at the resource's (or the member's) line.
 */
const test = suite('manifest: guardrails');

const ctx = { account: '123456789012', region: 'us-east-1' };

/** Every diagnostic of the files: loading, resolving the rules, and the rules over what is declared. */
function diagnose(files: Record<string, string>): string[] {
  const m = emptyManifest();
  const declared = new Map();
  for (const [file, text] of Object.entries(files)) loadFile(file, text, m, declared);
  const desired = resolveManifest(m, ctx);
  const guardrails = resolveGuardrails(m);
  const diagnostics = [...m.diagnostics, ...desired.diagnostics, ...guardrails.diagnostics];
  diagnostics.push(...checkDesired(guardrails.rules, desired, diagnostics).diagnostics);
  return diagnostics.map((d) => `${d.severity} ${d.source ? formatSource(d.source) : '?'}: ${d.summary}${d.address ? ` [${formatAddress(d.address)}]` : ''}`);
}

test('a violation is reported at the member it is about, severity as configured', () => {
  const yaml = [
    'guardrails:',
    '  rules:',
    '    cw-loggroup-retention-period-check: { MinRetentionTime: 90 }',
    '    cloudwatch-log-group-encrypted: { severity: warning, names: ["/app/*"] }',
    'logGroups:',
    '  /app/api:',
    '    retentionInDays: 30',
    '  /app/web:',
    '    retentionInDays: 90',
    '    kmsKeyId: arn:aws:kms:us-east-1:123456789012:key/k',
    '',
  ].join('\n');
  assert.equal(diagnose({ 'a.yaml': yaml }), [
    'error a.yaml:7:5: guardrail cw-loggroup-retention-period-check: retention is 30 days; at least 90 required [logGroup "/app/api"]',
    'warning a.yaml:6:3: guardrail cloudwatch-log-group-encrypted: not encrypted with a KMS key (kmsKeyId is not set) [logGroup "/app/api"]',
  ]);
});

test('an account-level rule nothing satisfies points at the rule', () => {
  const yaml = 'guardrails:\n  rules:\n    multi-region-cloudtrail-enabled: {}\nexternals: { s3Buckets: [b] }\ntrails:\n  t: { s3BucketName: b }\n';
  assert.equal(diagnose({ 'g.yaml': yaml }), ['error g.yaml:3:5: guardrail multi-region-cloudtrail-enabled: no trail meets it: trail "t" is not a multi-region trail']);
});

test('schema mistakes: an unknown rule or parameter with a suggestion, values AWS Config would refuse', () => {
  const yaml = [
    'guardrails:',
    '  rules:',
    '    cw-loggroup-retention-period-chek: {}',
    '    cloudwatch-log-group-encrypted: { KmsKeyID: k }',
    '    cloudtrail-s3-dataevents-enabled: { severity: fatal }',
    '  custom:',
    '    bad: { kind: logGrup, require: { a: 1 } }',
    '---',
    'guardrails:',
    '  rules:',
    '    multi-region-cloudtrail-enabled: { readWriteType: All }',
    '    cw-loggroup-retention-period-check: { MinRetentionTime: 100 }',
    '',
  ].join('\n');
  assert.equal(diagnose({ 'r.yaml': yaml }), [
    "error r.yaml:3:5: unknown key 'cw-loggroup-retention-period-chek' in guardrails.rules; did you mean 'cw-loggroup-retention-period-check'?",
    "error r.yaml:4:39: unknown key 'KmsKeyID' in guardrails.rules[\"cloudwatch-log-group-encrypted\"]; did you mean 'KmsKeyId'?",
    "error r.yaml:5:51: guardrails.rules[\"cloudtrail-s3-dataevents-enabled\"].severity cannot be 'fatal'",
    "error r.yaml:7:18: guardrails.custom.bad.kind cannot be 'logGrup'; did you mean 'logGroup'?",
    "error r.yaml:11:55: guardrails.rules[\"multi-region-cloudtrail-enabled\"].readWriteType cannot be 'All'; did you mean 'ALL'?",
    'error r.yaml:12:61: guardrails.rules["cw-loggroup-retention-period-check"].MinRetentionTime cannot be 100; the nearest allowed values are 90 and 120',
  ]);
});

test("custom rules: attributes checked against the kind's, with a suggestion; values must be scalars", () => {
  const yaml = [
    'guardrails:',
    '  custom:',
    '    owned:',
    '      kind: logGroup',
    '      require: { tag.team: "*" }',
    '    shaped:',
    '      kind: trail',
    '      forbid: { isMultiRegionTrail: { a: 1 } }',
    '    empty:',
    '      kind: destination',
    '',
  ].join('\n');
  assert.equal(diagnose({ 'c.yaml': yaml }), [
    "error c.yaml:5:7: guardrails.custom.owned.require: 'tag' is not an attribute of a log group; did you mean 'tags'? (attributes: retentionInDays, kmsKeyId, logGroupClass, deletionProtectionEnabled, tags)",
    "error c.yaml:4:7: custom rule 'owned' checks nothing: give it 'require' or 'forbid'",
    'error c.yaml:8:7: guardrails.custom.shaped.forbid.isMultiRegionTrail must be a value (string, number, true/false, null) or a list of them',
    "error c.yaml:7:7: custom rule 'shaped' checks nothing: give it 'require' or 'forbid'",
    "error c.yaml:10:7: custom rule 'empty' checks nothing: give it 'require' or 'forbid'",
  ]);
});

test('a rule configured in two files is an error naming both places', () => {
  const rule = 'guardrails:\n  rules:\n    cloudwatch-log-group-encrypted: {}\n';
  assert.equal(diagnose({ 'a.yaml': rule, 'b.yaml': `logGroups: {}\n${rule}` }), [
    "error b.yaml:4:5: guardrails.rules 'cloudwatch-log-group-encrypted' is configured twice: at a.yaml:3:5 and at b.yaml:4:5",
  ]);
});

test('custom rule violations carry its description', () => {
  const m = emptyManifest();
  loadFile('d.yaml', 'guardrails:\n  custom:\n    team:\n      kind: logGroup\n      description: every group names its team\n      require: { tags.team: "*" }\nlogGroups:\n  /a: {}\n', m);
  const guardrails = resolveGuardrails(m);
  const [d] = checkDesired(guardrails.rules, resolveManifest(m, ctx), []).diagnostics;
  assert.equal(d, { severity: 'error', summary: 'guardrail team: tags.team is absent; required: "*"', detail: 'every group names its team', source: { file: 'd.yaml', line: 8, col: 3 }, address: { kind: 'logGroup', name: '/a' } });
});

test('the JSON Schema publishes every rule with its parameters, and custom rules', () => {
  const g = (manifestJsonSchema() as any).properties.guardrails.properties;
  const retention = g.rules.properties['cw-loggroup-retention-period-check'];
  assert.match(retention.description, '(AWS Config CW_LOGGROUP_RETENTION_PERIOD_CHECK)');
  assert.equal(Object.keys(retention.properties), ['severity', 'names', 'excludeNames', 'LogGroupNames', 'MinRetentionTime', 'MaxRetentionTime', 'AllowNeverExpire']);
  assert.equal(retention.properties.MinRetentionTime.enum.slice(0, 3), [1, 3, 5]);
  assert.is(Object.keys(g.rules.properties).length, 12);
  assert.equal(g.custom.additionalProperties.required, ['kind']);
});

test.run();
