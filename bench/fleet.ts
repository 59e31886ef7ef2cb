import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../src/cli/args.js';
import { computePlan } from '../src/cli/plan.js';
import { openSession } from '../src/cli/session.js';
import { Engine } from '../src/engine/engine.js';
import { loadManifests } from '../src/manifest/load.js';
import { resolveManifest, scopesOf } from '../src/manifest/resolve.js';
import { addressKey } from '../src/model/address.js';
import { emptyResourceSet, resourcesOf } from '../src/model/resources.js';
import { planCalls } from '../src/plan/calls.js';
import { diffResources } from '../src/plan/changes.js';
import { changesOf } from '../src/state/saved-plan.js';
import type { Scope } from '../src/model/scope.js';
import { targetKey, Workspace, type OwnedResources } from '../src/state/workspace.js';
import { startServeProcess } from './engine.js';
import type { NotedFigure } from './plan.js';

const ACCOUNTS = 20;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const GROUPS = 200;
const fmt = (n: number) => n.toLocaleString('en-US');
const accountId = (i: number) => `1000000000${String(i).padStart(2, '0')}`;

/** One manifest per account, in every region: groups with retention, tags and a metric filter. */
function writeFleet(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let a = 0; a < ACCOUNTS; a++) {
    const groups = Array.from({ length: GROUPS }, (_, i) =>
      [
        `  /fleet/service-${String(i).padStart(4, '0')}:`,
        `    retentionInDays: ${[7, 14, 30, 90][i % 4]}`,
        `    tags: { team: team-${i % 7} }`,
        '    metricFilters:',
        `      errors: { filterPattern: '"ERROR"', metricTransformations: [{ metricName: Errors, metricNamespace: Fleet, metricValue: "1" }] }`,
      ].join('\n'),
    );
    writeFileSync(join(dir, `account-${a}.yaml`), `scope: { account: "${accountId(a)}", regions: [${REGIONS.join(', ')}] }\nlogGroups:\n${groups.join('\n')}\n`);
  }
}

/** The fleet's resources straight into an engine persisted in `stateDir`: every scope's calls with that scope's identity. */
async function seedEngine(manifests: string, stateDir: string): Promise<{ calls: number; owned: { scope: Scope; names: string[] }[] }> {
  const manifest = loadManifests(manifests);
  const defaults = { account: accountId(0), region: REGIONS[0]! };
  const engine = new Engine({ stateDir });
  const owned: { scope: Scope; names: string[] }[] = [];
  let calls = 0;
  for (const scope of scopesOf(manifest, defaults)) {
    const desired = resolveManifest(manifest, scope, defaults);
    const identity = { ...scope, accessKeyId: scope.account, requestId: 'bench-seed' };
    for (const call of planCalls(diffResources(desired.resources, emptyResourceSet(), { isOwned: () => false }), scope)) {
      engine.invoke(call.service, call.operation, call.input, identity);
      calls++;
    }
    owned.push({ scope, names: resourcesOf(desired.resources, 'logGroup').map((r) => addressKey(r.address)) });
  }
  await engine.close();
  return { calls, owned };
}

/** Ownership as an apply would have recorded it, for a target (`local`, or an endpoint's URL). */
async function recordOwnership(lwState: string, owned: { scope: Scope; names: string[] }[], kind: string, endpoint?: string): Promise<void> {
  const since = new Date().toISOString();
  const workspace = Workspace.open(lwState, 'logwarden bench');
  try {
    await workspace.commitAll(new Map(owned.map(({ scope, names }) => [targetKey(kind, scope.account, scope.region, endpoint), (o: OwnedResources) => names.forEach((k) => (o[k] = { origin: 'created', since }))])));
  } finally {
    await workspace.close();
  }
}

/** One plan of the whole fleet, in sync: wall time, and read calls in all and per account-region. */
async function planFleet(label: string, argv: string[], manifests: string): Promise<NotedFigure[]> {
  const session = await openSession(parseCommandLine(['plan', manifests, ...argv]), 'plan');
  try {
    const start = performance.now();
    const plan = await computePlan(manifests, session);
    const seconds = (performance.now() - start) / 1000;
    const errors = plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary);
    if (errors.length) throw new Error(`fleet bench: ${errors.slice(0, 3).join('; ')}`);
    const changed = changesOf(plan).filter((c) => c.action !== 'no-op' || c.adopt).length;
    if (changed || plan.calls.length) throw new Error(`fleet bench: expected no changes, got ${changed} and ${plan.calls.length} calls`);
    const reads = Object.values(plan.readCalls).reduce((a, b) => a + b, 0);
    const scopes = plan.scopes.length;
    // one scope's bulk reads: DescribeLogGroups and DescribeMetricFilters in pages of 50, one tag
    // and one subscription-filter read per group, destinations, policies, trails: as for one account
    const perScope = 2 * Math.ceil(GROUPS / 50) + 2 * GROUPS + 3;
    return [
      { name: `${label}: plan of ${fmt(scopes)} account-regions × ${GROUPS} groups, in sync`, value: seconds, unit: 's', note: `${fmt(changesOf(plan).length)} resources` },
      {
        name: `${label}: read calls per account-region`,
        value: reads / scopes,
        unit: 'calls',
        target: `= ${fmt(perScope)}, as for one account (2·⌈N/50⌉ + 2N + 3)`,
        note: `${fmt(reads)} in all; ${Object.entries(plan.readCalls).sort().map(([api, n]) => `${api} ${fmt(n)}`).join(', ')}`,
      },
    ];
  } finally {
    await session.close();
  }
}

/** `npm run bench -- fleet`: 20 accounts × 3 regions × 200 groups, on the local engine and against serve. */
export async function benchFleet(): Promise<NotedFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-fleet-'));
  try {
    const manifests = join(dir, 'manifests');
    writeFleet(manifests);
    const local = await seedEngine(manifests, join(dir, 'local'));
    await recordOwnership(join(dir, 'local'), local.owned, 'local');
    const figures: NotedFigure[] = [{ name: `seed: ${fmt(local.calls)} calls by engine.invoke`, value: local.calls, unit: 'calls' }];
    figures.push(...(await planFleet('local engine', ['--state', join(dir, 'local')], manifests)));
    const served = await seedEngine(manifests, join(dir, 'served'));
    const server = await startServeProcess(join(dir, 'served'));
    try {
      await recordOwnership(join(dir, 'lw-served'), served.owned, 'endpoint', server.url);
      figures.push(...(await planFleet('serve (HTTP)', ['--endpoint', server.url, '--state', join(dir, 'lw-served')], manifests)));
    } finally {
      await server.stop();
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
