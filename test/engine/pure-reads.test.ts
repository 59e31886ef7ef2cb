import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Call, type CallerIdentity } from '../../src/engine/call.js';
import { Engine, UNTRACKED_READS } from '../../src/engine/engine.js';
import type { Handler } from '../../src/engine/service.js';
import type { RegionState } from '../../src/engine/world.js';
import { runCli } from '../helpers/cli.js';

/**
 * The reads an engine on a state directory runs untracked must write nothing: here each one runs
 * tracked instead, over the world every example leaves (every kind, several accounts and regions),
 * for each resource it can name and for one that does not exist, and the tracker must have noted
 * nothing. A read that writes (lazily made state) belongs outside UNTRACKED_READS.
 */
const test = suite('engine: pure reads write nothing');
const dirs: string[] = [];
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Inputs for each untracked read in one region: every resource it can be asked about, and a missing one. */
function inputsFor(service: string, operation: string, region: RegionState): Record<string, unknown>[] {
  const groups = Object.values(region.logs.logGroups);
  const perGroup = (make: (name: string, arn?: string) => Record<string, unknown>) => [...groups.map((g) => make(g.logGroupName)), make('/absent/group')];
  if (service === 'cloudtrail') {
    const trails = Object.values(region.cloudtrail.trails).map((t) => t.name);
    const named = (key: string) => [...trails.map((name) => ({ [key]: name })), { [key]: 'absent-trail' }];
    switch (operation) {
      case 'DescribeTrails':
        return [{}, { includeShadowTrails: false }, { trailNameList: trails }];
      case 'GetTrailStatus':
        return named('Name');
      case 'GetEventSelectors':
      case 'GetInsightSelectors':
        return named('TrailName');
      case 'ListTags':
        return [{ ResourceIdList: Object.values(region.cloudtrail.trails).map((t) => t.arn).slice(0, 20) }];
    }
  }
  switch (operation) {
    case 'GetLogEvents':
      return groups.flatMap((g) => Object.keys(g.streams).map((s) => ({ logGroupName: g.logGroupName, logStreamName: s })));
    case 'FilterLogEvents':
    case 'DescribeSubscriptionFilters':
    case 'ListTagsLogGroup':
      return perGroup((logGroupName) => ({ logGroupName }));
    case 'GetTransformer':
    case 'GetDataProtectionPolicy':
      return perGroup((logGroupIdentifier) => ({ logGroupIdentifier }));
    case 'DescribeIndexPolicies':
      return perGroup((name) => ({ logGroupIdentifiers: [name] }));
    case 'DescribeMetricFilters':
      return [{}, ...perGroup((logGroupName) => ({ logGroupName }))];
    case 'GetLogRecord':
      return [{ logRecordPointer: 'AAAA' }];
    case 'ListTagsForResource':
      return [{ resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/absent' }];
    case 'GetDeliveryDestinationPolicy':
      return [...Object.keys(region.logs.deliveryDestinations ?? {}), 'absent'].map((deliveryDestinationName) => ({ deliveryDestinationName }));
    case 'DescribeAccountPolicies':
      return ['DATA_PROTECTION_POLICY', 'SUBSCRIPTION_FILTER_POLICY', 'FIELD_INDEX_POLICY', 'TRANSFORMER_POLICY'].map((policyType) => ({ policyType }));
    default:
      return [{}];
  }
}

test('every untracked read, run tracked over every example world, notes no write', async () => {
  const examples = readdirSync('examples', { withFileTypes: true }).filter((d) => d.isDirectory());
  let reads = 0;
  for (const example of examples) {
    const state = mkdtempSync(join(tmpdir(), 'logwarden-pure-'));
    dirs.push(state);
    const applied = await runCli('apply', join('examples', example.name), '--state', state, '--auto-approve', '--no-color');
    assert.is(applied.code, 0, `${example.name}: ${applied.err}`);
    const engine = new Engine({ stateDir: state });
    const internals = engine as unknown as {
      handlers: Map<string, Map<string, Handler>>;
      store: { tracker?: { pending: boolean; take(): unknown[] } };
      callContext(): Call['engine'];
    };
    const tracker = internals.store.tracker!;
    assert.ok(tracker, 'an engine on a state directory tracks its writes');
    try {
      for (const [account, accountState] of Object.entries(engine.world.accounts)) {
        for (const [regionName, region] of Object.entries(accountState.regions)) {
          const identity: CallerIdentity = { account, region: regionName, accessKeyId: account, requestId: 'pure' };
          for (const [service, operations] of UNTRACKED_READS) {
            for (const operation of operations) {
              for (const input of inputsFor(service, operation, region)) {
                tracker.take();
                const call = new Call(internals.callContext(), service, operation, identity);
                try {
                  internals.handlers.get(service)!.get(operation)!(call, input);
                } catch {
                  // an error is an answer too: it must not have written either
                }
                reads++;
                assert.not.ok(tracker.pending, `${example.name}: ${service}:${operation} ${JSON.stringify(input)} in ${account} ${regionName} wrote ${JSON.stringify(tracker.take())}`);
              }
            }
          }
        }
      }
    } finally {
      await engine.close();
    }
  }
  assert.ok(reads > 500, `${reads} reads checked`);
});

test.run();
