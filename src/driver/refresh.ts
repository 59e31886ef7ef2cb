import type { Present, ResourceSet } from '../model/resources.js';
import { emptyResourceSet } from '../model/resources.js';
import {
  observedDestination,
  observedLogGroup,
  observedMetricFilter,
  observedResourcePolicy,
  observedSubscriptionFilter,
  observedTrail,
} from './observe.js';
import type { PacedSender } from './pacing.js';

/** Which names to read in depth (tags, filters, policies, selectors): declared ∪ owned. */
export interface RefreshScope {
  logGroups: ReadonlySet<string>;
  destinations: ReadonlySet<string>;
  trails: ReadonlySet<string>;
}

/** What the target holds: in-scope resources read in full, and the names of everything present. */
export interface Observed {
  resources: ResourceSet;
  present: Present;
}

/** Every item of a paginated Logs operation (`nextToken` paging; pages of 50 where AWS takes a limit). */
async function listAll(sender: PacedSender, operation: string, items: string, input: Record<string, unknown> = { limit: 50 }): Promise<any[]> {
  const out: any[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sender.send('logs', operation, { ...input, nextToken });
    out.push(...(page[items] ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/**
 * Reads the target with as few calls as AWS allows: log groups, metric filters, destinations and
 * resource policies in pages of 50 across the account; one tag read and one subscription-filter read
 * per in-scope group (AWS has no bulk form of either); data protection only where DescribeLogGroups
 * reports a policy; trails in one DescribeTrails, selectors only where the trail says it has custom
 * ones, tags for 20 trails per ListTags. Everything runs concurrently under the sender's pacing.
 */
export async function refresh(sender: PacedSender, scope: RefreshScope): Promise<Observed> {
  const [logs, trails] = await Promise.all([refreshLogs(sender, scope), refreshTrails(sender, scope)]);
  return {
    resources: { ...logs.resources, trails: trails.trails },
    present: { ...logs.present, trails: trails.present },
  };
}

async function refreshLogs(sender: PacedSender, scope: RefreshScope) {
  const resources = emptyResourceSet();
  const [groups, metricFilters, destinations, policies] = await Promise.all([
    listAll(sender, 'DescribeLogGroups', 'logGroups'),
    listAll(sender, 'DescribeMetricFilters', 'metricFilters'),
    listAll(sender, 'DescribeDestinations', 'destinations'),
    listAll(sender, 'DescribeResourcePolicies', 'resourcePolicies'),
  ]);
  const inScope = groups.filter((g) => scope.logGroups.has(g.logGroupName));
  await Promise.all(
    inScope.map(async (g) => {
      const name: string = g.logGroupName;
      const [tags, subs, dp] = await Promise.all([
        sender.send('logs', 'ListTagsForResource', { resourceArn: g.logGroupArn ?? String(g.arn).replace(/:\*$/, '') }),
        listAll(sender, 'DescribeSubscriptionFilters', 'subscriptionFilters', { logGroupName: name }),
        g.dataProtectionStatus === 'ACTIVATED'
          ? sender.send('logs', 'GetDataProtectionPolicy', { logGroupIdentifier: name })
          : Promise.resolve(undefined),
      ]);
      const group = observedLogGroup(g, tags.tags, dp?.policyDocument);
      for (const s of subs) group.subscriptionFilters[s.filterName] = observedSubscriptionFilter(s);
      resources.logGroups[name] = group;
    }),
  );
  for (const f of metricFilters) {
    const group = resources.logGroups[f.logGroupName];
    if (group) group.metricFilters[f.filterName] = observedMetricFilter(f);
  }
  await Promise.all(
    destinations
      .filter((d) => scope.destinations.has(d.destinationName))
      .map(async (d) => {
        const tags = await sender.send('logs', 'ListTagsForResource', { resourceArn: d.arn });
        resources.destinations[d.destinationName] = observedDestination(d, tags.tags);
      }),
  );
  for (const p of policies) resources.resourcePolicies[p.policyName] = observedResourcePolicy(p);
  return {
    resources,
    present: {
      logGroups: groups.map((g) => g.logGroupName as string),
      destinations: destinations.map((d) => d.destinationName as string),
      resourcePolicies: policies.map((p) => p.policyName as string),
    },
  };
}

async function refreshTrails(sender: PacedSender, scope: RefreshScope) {
  const { trailList = [] } = await sender.send('cloudtrail', 'DescribeTrails', { includeShadowTrails: false });
  const mine = (trailList as any[]).filter((t) => scope.trails.has(t.Name));
  const tagLists = new Map<string, { Key: string; Value?: string }[]>();
  for (let i = 0; i < mine.length; i += 20) {
    const batch = mine.slice(i, i + 20).map((t) => t.TrailARN as string);
    const r = await sender.send('cloudtrail', 'ListTags', { ResourceIdList: batch });
    for (const entry of r.ResourceTagList ?? []) tagLists.set(entry.ResourceId, entry.TagsList ?? []);
  }
  const trails: ResourceSet['trails'] = {};
  await Promise.all(
    mine.map(async (t) => {
      const [status, selectors, insights] = await Promise.all([
        sender.send('cloudtrail', 'GetTrailStatus', { Name: t.TrailARN }),
        t.HasCustomEventSelectors ? sender.send('cloudtrail', 'GetEventSelectors', { TrailName: t.TrailARN }) : undefined,
        t.HasInsightSelectors ? sender.send('cloudtrail', 'GetInsightSelectors', { TrailName: t.TrailARN }) : undefined,
      ]);
      trails[t.Name] = observedTrail(t, status, selectors, insights, tagLists.get(t.TrailARN) ?? []);
    }),
  );
  return { trails, present: (trailList as any[]).map((t) => t.Name as string) };
}
