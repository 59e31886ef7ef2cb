import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { formatAddress } from '../../src/model/address.js';
import { parseAddressPattern, type AddressPattern } from '../../src/plan/address-pattern.js';
import { diffResources } from '../../src/plan/changes.js';
import { selectChanges } from '../../src/plan/only.js';
import { ACCOUNT_ARN, CTX, destination, EVERYTHING_OWNED, group, metricFilter, set, subscription, trail } from './fixtures.js';

const test = suite('plan: --only keeps some resources and what they need');

const patterns = (...texts: string[]) => texts.map((t) => parseAddressPattern(t) as AddressPattern);
const DESTINATION = `arn:aws:logs:${ACCOUNT_ARN}:destination:siem`;

/** The changes `--only` keeps of taking `observed` to `desired`, as `action address`. */
function kept(desired: ReturnType<typeof set>, observed: ReturnType<typeof set>, ...only: string[]) {
  const selection = selectChanges([{ scope: CTX, changes: diffResources(desired, observed, EVERYTHING_OWNED) }], patterns(...only));
  return { changes: selection.scopes[0]!.changes.map((c) => `${c.action} ${formatAddress(c.address)}`), leftOut: selection.leftOut };
}

const desired = set({
  logGroups: [
    group('/app/api', { retentionInDays: 7, subscriptionFilters: { ship: subscription('ship', DESTINATION) }, metricFilters: { errors: metricFilter('errors') } }),
    group('/app/web', { retentionInDays: 7 }),
    group('/aws/cloudtrail/org'),
  ],
  destinations: [destination('siem')],
  trails: [trail('org', { cloudWatchLogsLogGroupArn: `arn:aws:logs:${ACCOUNT_ARN}:log-group:/aws/cloudtrail/org` })],
});

test('a subscription filter needs its group and its destination created with it; nothing else comes', () => {
  assert.equal(kept(desired, set({}), 'subscriptionFilter "/app/api/*"'), {
    changes: ['create logGroup "/app/api"', 'create subscriptionFilter "/app/api/ship"', 'create destination "siem"'],
    leftOut: 4,
  });
});

test('a resource brings what lives in it; a trail the log group it delivers to', () => {
  assert.equal(kept(desired, set({}), 'logGroup "/app/api"').changes, ['create logGroup "/app/api"', 'create metricFilter "/app/api/errors"', 'create subscriptionFilter "/app/api/ship"', 'create destination "siem"']);
  assert.equal(kept(desired, set({}), 'trail "org"').changes, ['create logGroup "/aws/cloudtrail/org"', 'create trail "org"']);
});

test('what exists already is not needed again: an update of the group does not come with a filter', () => {
  const observed = set({ logGroups: [group('/app/api')], destinations: [destination('siem')] });
  assert.equal(kept(desired, observed, 'subscriptionFilter "/app/api/ship"').changes, ['create subscriptionFilter "/app/api/ship"']);
});

test('a delete brings the changes that first stop referring to it', () => {
  const observed = set({ logGroups: [group('/app/api', { subscriptionFilters: { ship: subscription('ship', DESTINATION) } })], destinations: [destination('siem')] });
  const after = set({ logGroups: [group('/app/api', { subscriptionFilters: { ship: subscription('ship', `arn:aws:lambda:${ACCOUNT_ARN}:function:f`) } })] });
  assert.equal(kept(after, observed, 'destination "siem"').changes, ['replace subscriptionFilter "/app/api/ship"', 'delete destination "siem"']);
});

test('a pattern that names nothing keeps nothing, and says how much it left out', () => {
  assert.equal(kept(desired, set({}), 'logGroup "/nothing/*"'), { changes: [], leftOut: 7 });
});

test('across scopes: a member account\'s subscription needs the central destination of another account', () => {
  const central = { account: '222222222222', region: CTX.region };
  const member = set({ logGroups: [group('/app/api', { subscriptionFilters: { ship: subscription('ship', `arn:aws:logs:${CTX.region}:222222222222:destination:siem`) } })] });
  const selection = selectChanges(
    [
      { scope: central, changes: diffResources(set({ destinations: [destination('siem')], logGroups: [group('/other')] }), set({}), EVERYTHING_OWNED) },
      { scope: CTX, changes: diffResources(member, set({ logGroups: [group('/app/api')] }), EVERYTHING_OWNED) },
    ],
    patterns('subscriptionFilter "*"'),
  );
  assert.equal(selection.scopes.map((s) => s.changes.map((c) => formatAddress(c.address))), [['destination "siem"'], ['subscriptionFilter "/app/api/ship"']]);
  assert.is(selection.leftOut, 1);
});

test.run();
