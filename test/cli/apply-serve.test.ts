import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { CreateLogGroupCommand, DeleteMetricFilterCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isReadOnly } from '../../src/engine/service.js';
import { harness, type Harness } from '../helpers/harness.js';
import { project, runCli, runCliWatching, type CliRun, type Project } from '../helpers/cli.js';

const test = suite('cli: apply, drift and state against `logwarden serve` over HTTP');
let p: Project;
let h: Harness;
test.before.each(async () => {
  p = project();
  h = await harness('http');
});
test.after.each(async () => {
  await h.close();
  p.remove();
});

const lw = (...argv: string[]) => runCli(...argv, '--endpoint', h.url!, '--state', p.state, '--no-color');

const ACCOUNT = '123456789012';
const EXTERNALS = {
  s3Buckets: ['org-trail-logs'],
  iamRoles: [`arn:aws:iam::${ACCOUNT}:role/ct`, `arn:aws:iam::${ACCOUNT}:role/CWLtoKinesis`],
  kinesisStreams: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/central-logs`],
};

/** Log groups with filters, a destination they subscribe to, and a trail into CloudWatch Logs. */
const ESTATE = `
defaults:
  tags: { managed-by: logwarden }
externals:
  s3Buckets: [org-trail-logs]
  iamRoles: [arn:aws:iam::${ACCOUNT}:role/ct, arn:aws:iam::${ACCOUNT}:role/CWLtoKinesis]
  kinesisStreams: [arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/central-logs]
logGroups:
  /app/api:
    retentionInDays: 30
    tags: { team: api }
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: App, metricValue: "1", defaultValue: 0 }
    subscriptionFilters:
      to-central: { filterPattern: "", destination: central }
  /app/worker:
    retentionInDays: 7
    metricFilters:
      timeouts:
        filterPattern: '"Task timed out"'
        metricTransformations:
          - { metricName: Timeouts, metricNamespace: App, metricValue: "1" }
  /aws/cloudtrail/org:
    retentionInDays: 90
destinations:
  central:
    targetArn: arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/central-logs
    roleArn: arn:aws:iam::${ACCOUNT}:role/CWLtoKinesis
    accessPolicy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: { AWS: ["${ACCOUNT}"] }
          Action: logs:PutSubscriptionFilter
          Resource: arn:aws:logs:us-east-1:${ACCOUNT}:destination:central
trails:
  org-trail:
    s3BucketName: org-trail-logs
    isMultiRegionTrail: true
    enableLogFileValidation: true
    cloudWatchLogsLogGroup: /aws/cloudtrail/org
    cloudWatchLogsRoleArn: arn:aws:iam::${ACCOUNT}:role/ct
    advancedEventSelectors:
      - name: management
        fieldSelectors: [{ field: eventCategory, equals: [Management] }]
    insightSelectors: [ApiCallRateInsight]
`;

const owned = () => Object.keys(JSON.parse(readFileSync(join(p.state, 'logwarden.json'), 'utf8')).targets[`endpoint|${h.url}|${ACCOUNT}|us-east-1`]).sort();
const groupNames = async () => ((await h.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName);

/** Registers the estate's externals with the server (an endpoint target's are its own) and applies it. */
async function applyEstate(): Promise<CliRun> {
  assert.is((await h.admin('POST /_engine/externals', EXTERNALS)).status, 200);
  p.write('estate.yaml', ESTATE);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  return r;
}

test('the estate applies over HTTP and planning again shows no changes', async () => {
  const r = await applyEstate();
  assert.match(r.out, `Target: endpoint ${h.url}, us-east-1`);
  assert.match(r.out, 'Plan: 8 to add, 0 to change, 0 to replace, 0 to destroy.');
  assert.match(r.out, 'Apply complete! Resources: 8 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.match(r.out, 'Converged: re-read 8 resources; the target matches the manifests.');
  assert.equal(owned(), ['destination:central', 'logGroup:/app/api', 'logGroup:/app/worker', 'logGroup:/aws/cloudtrail/org', 'trail:org-trail']);
  const again = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(again.code, 0, again.out + again.err);
  assert.match(again.out, 'No changes. The target matches the manifests.');
  assert.is((await lw('drift', p.manifests)).code, 0);
});

test('an out-of-band change through the SDK is reported by drift (exit 2) and undone by the next apply', async () => {
  await applyEstate();
  await h.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/api', retentionInDays: 1 }));
  await h.logs.send(new DeleteMetricFilterCommand({ logGroupName: '/app/worker', filterName: 'timeouts' }));
  await h.trail.send(new StopLoggingCommand({ Name: 'org-trail' }));
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2, d.out + d.err);
  assert.match(d.out, '# logGroup "/app/api" has changed outside logwarden');
  assert.match(d.out, 'retentionInDays = 1 -> 30');
  assert.match(d.out, '# metricFilter "/app/worker/timeouts" is missing: declared, but not in the target');
  assert.match(d.out, '# trail "org-trail" has changed outside logwarden');
  const fix = await lw('apply', p.manifests, '--auto-approve');
  assert.is(fix.code, 0, fix.out + fix.err);
  assert.match(fix.out, 'Apply complete! Resources: 1 added, 2 changed, 0 replaced, 0 destroyed.');
  assert.is((await lw('drift', p.manifests)).code, 0);
});

test('removing a declaration deletes only what is owned; an unmanaged group is never touched', async () => {
  await applyEstate();
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/manual/by-hand' }));
  p.write('estate.yaml', ESTATE.replace(/  \/app\/worker:\n(    .*\n|      .*\n)+/, ''));
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.');
  assert.not.match(r.out, '/manual/by-hand');
  assert.equal(await groupNames(), ['/app/api', '/aws/cloudtrail/org', '/manual/by-hand']);
  assert.equal(owned(), ['destination:central', 'logGroup:/app/api', 'logGroup:/aws/cloudtrail/org', 'trail:org-trail']);
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2);
  assert.match(d.out, '# logGroup "/manual/by-hand" is unmanaged: neither declared nor owned; logwarden leaves it alone');
  assert.match(d.out, 'Drift: 0 changed, 0 missing, 0 orphaned, 1 unmanaged;');
});

test('drift is strictly read-only: every call the engine receives during drift is a read', async () => {
  await applyEstate();
  await h.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/api', retentionInDays: 1 }));
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/manual/by-hand' }));
  const seen: string[] = [];
  h.engine.onCall((call) => seen.push(call.operation));
  const d = await lw('drift', p.manifests);
  assert.is(d.code, 2, d.out + d.err);
  assert.ok(seen.length > 0, 'drift made no calls at all');
  assert.equal(seen.filter((op) => !isReadOnly(op)), []);
  assert.ok(seen.includes('DescribeLogGroups') && seen.includes('DescribeTrails'), seen.join(' '));
});

/** `n` groups, each with a retention and a metric filter: 2n resources, 3n calls. */
function fleet(n: number): string {
  const groups = Array.from({ length: n }, (_, i) => `  /fleet/fn-${String(i).padStart(2, '0')}:
    retentionInDays: 14
    metricFilters:
      errors:
        filterPattern: '"ERROR"'
        metricTransformations:
          - { metricName: Errors, metricNamespace: Fleet, metricValue: "1" }
`);
  return `logGroups:\n${groups.join('')}`;
}

test('with 30% of calls throttled or failing with 5xx, apply retries, converges and loses nothing', async () => {
  p.write('fleet.yaml', fleet(20));
  assert.is((await h.admin('POST /_engine/faults', { rate: 0.3, errors: ['ThrottlingException', 'ServiceUnavailableException'], seed: 1 })).status, 200);
  const r = await lw('apply', p.manifests, '--auto-approve');
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, 'Apply complete! Resources: 40 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.match(r.out, 'Converged: re-read 40 resources; the target matches the manifests.');
  const retries = /^(\d+) calls sent, (\d+) retries after transient errors\.$/m.exec(r.out);
  assert.ok(retries, r.out);
  // every call went through in the end: the 60 planned calls, and one more per retry
  assert.ok(Number(retries[2]) > 0, retries[0]);
  assert.is(Number(retries[1]), 60 + Number(retries[2]), retries[0]);
  assert.is((await h.admin('POST /_engine/faults', { rate: 0 })).status, 200);
  const again = await lw('plan', p.manifests, '--detailed-exitcode');
  assert.is(again.code, 0, again.out + again.err);
  assert.is(owned().length, 20);
  assert.is((await groupNames()).length, 20);
});

test('a call failing for good stops its dependants; the report explains everything; plan shows exactly the rest', async () => {
  p.write('fleet.yaml', fleet(20));
  // Faults go on once the plan is printed and off once the last resource settles, so only the
  // apply's own calls can fail (not its refresh, nor the convergence re-read). Set on the engine
  // directly: the switch must happen synchronously, at that exact point of the run.
  let phase: 'planning' | 'applying' | 'settled' = 'planning';
  const r = await runCliWatching(['apply', p.manifests, '--auto-approve', '--endpoint', h.url!, '--state', p.state, '--no-color'], (out) => {
    if (phase === 'planning' && out.includes('\nPlan: ')) {
      h.engine.configureFaults({ rate: 0.3, errors: ['InvalidParameterException'], seed: 7 });
      phase = 'applying';
    } else if (phase === 'applying' && out.includes('[40/40]')) {
      h.engine.configureFaults({ rate: 0 });
      phase = 'settled';
    }
  });
  assert.is(r.code, 1, r.out + r.err);
  const failed = reportSection(r.out, 'Failed');
  const skipped = reportSection(r.out, 'Not attempted');
  const done = reportSection(r.out, 'Done');
  assert.ok(failed.size > 0 && skipped.size > 0 && done.size > 0, r.out);
  assert.is(failed.size + skipped.size + done.size, 40);
  assert.match(r.out, `Apply incomplete: ${done.size} of 40 resources done, ${failed.size} failed, ${skipped.size} not attempted.`);
  // what failed, with AWS's error (a permanent error is not retried)
  const FAILED = /^failed: (CreateLogGroup|PutRetentionPolicy|PutMetricFilter): InvalidParameterException: Injected fault: InvalidParameterException( \(done before it: CreateLogGroup\))?$/;
  for (const [address, text] of failed) assert.match(text, FAILED, address);
  const createFailed = [...failed].filter(([, text]) => !text.includes('done before it')).map(([a]) => a);
  const partlyDone = [...failed].filter(([, text]) => text.includes('done before it')).map(([a]) => a);
  // what was not attempted: the filters of the groups that failed, each naming the call it waited for
  for (const [address, text] of skipped) {
    const group = /^metricFilter "(.*)\/errors"$/.exec(address)?.[1];
    assert.ok(group !== undefined && failed.has(`logGroup "${group}"`), address);
    assert.match(text, new RegExp(`^not attempted: waits for (CreateLogGroup|PutRetentionPolicy) \\(c\\d+\\) of logGroup "${group}", which failed$`));
  }
  for (const text of done.values()) assert.is(text, 'created');
  const groupsNeverCreated = createFailed.filter((a) => a.startsWith('logGroup')).length;
  assert.match(r.out, `\n${60 - skipped.size - groupsNeverCreated} calls sent.\n`);
  assert.match(r.out, "Nothing else was changed. Run 'logwarden plan' to see exactly the remaining work.");
  // the target agrees with the report
  const created = [...done.keys(), ...partlyDone].filter((a) => a.startsWith('logGroup')).map((a) => JSON.parse(a.slice('logGroup '.length)));
  assert.equal(await groupNames(), created.sort());

  const plan = JSON.parse((await lw('plan', p.manifests, '--json')).out) as { resource_changes: { address: string; action: string; adopt: boolean }[] };
  const planned = (action: string) => plan.resource_changes.filter((c) => c.action === action).map((c) => c.address).sort();
  assert.equal(planned('create'), [...createFailed, ...skipped.keys()].sort());
  assert.equal(planned('update'), partlyDone.sort());
  assert.equal(planned('no-op'), [...done.keys()].sort());
  assert.is(plan.resource_changes.length, 40);
  assert.ok(plan.resource_changes.every((c) => !c.adopt));

  const rest = await lw('apply', p.manifests, '--auto-approve');
  assert.is(rest.code, 0, rest.out + rest.err);
  assert.match(rest.out, `Apply complete! Resources: ${createFailed.length + skipped.size} added, ${partlyDone.length} changed, 0 replaced, 0 destroyed.`);
  assert.is((await lw('plan', p.manifests, '--detailed-exitcode')).code, 0);
  assert.is(owned().length, 20);
});

/** One section of an apply report ("Failed", "Not attempted", "Done"): address → what happened. */
function reportSection(report: string, title: string): Map<string, string> {
  const body = new RegExp(`\\n${title}:\\n((?:  .*\\n)+)`).exec(report)?.[1] ?? '';
  return new Map(
    body
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const colon = line.indexOf('": ') + 1;
        return [line.slice(2, colon), line.slice(colon + 2)] as const;
      }),
  );
}

test('when the re-read after the calls fails, the report of the calls still stands and ownership is kept', async () => {
  p.write('fleet.yaml', fleet(2));
  let faulted = false;
  const r = await runCliWatching(['apply', p.manifests, '--auto-approve', '--endpoint', h.url!, '--state', p.state, '--no-color'], (out) => {
    if (!faulted && out.includes('[4/4]')) {
      h.engine.configureFaults({ rate: 1, errors: ['AccessDeniedException'], seed: 1 });
      faulted = true;
    }
  });
  h.engine.configureFaults({ rate: 0 });
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, 'Apply complete! Resources: 4 added, 0 changed, 0 replaced, 0 destroyed.');
  assert.match(r.out, 'Could not confirm convergence: re-reading the target failed: AccessDeniedException: Injected fault: AccessDeniedException');
  assert.match(r.out, "Run 'logwarden plan' to see exactly the remaining work.");
  assert.is(owned().length, 2);
  assert.is((await lw('plan', p.manifests, '--detailed-exitcode')).code, 0);
});

test.run();
