import type { Call } from '../call.js';
import { accountPoliciesCovering } from './account-policy-store.js';
import type { FedEvent } from './feed.js';
import type { LogGroupRecord, LogStreamRecord } from './state.js';
import type { Processor } from './transform/config.js';
import { transformLogEvent } from './transform/index.js';

/**
 * The transformer a group's events go through: its own (PutTransformer), else the first account
 * TRANSFORMER_POLICY that selects it; undefined when none does.
 */
export function transformerOf(call: Call, group: LogGroupRecord): readonly Processor[] | undefined {
  if (group.transformer) return group.transformer.transformerConfig;
  const [policy] = accountPoliciesCovering(call.state.logs, 'TRANSFORMER_POLICY', group.logGroupName);
  if (!policy) return undefined;
  try {
    return (JSON.parse(policy.policyDocument) as { transformerConfig: Processor[] }).transformerConfig;
  } catch {
    return undefined; // PutAccountPolicy accepted only a transformerConfig document
  }
}

/**
 * A batch as filters with `applyOnTransformedLogs` see it: each event's transformed form, or the
 * event as ingested where the transformer gave none (a failed transformation keeps the original).
 */
export function transformedBatch(call: Call, config: readonly Processor[], group: LogGroupRecord, stream: LogStreamRecord, events: readonly FedEvent[]): FedEvent[] {
  const context = { accountId: call.account, region: call.region, now: call.now, logGroupName: group.logGroupName, logStreamName: stream.logStreamName };
  return events.map((e) => {
    const { transformed } = transformLogEvent(config, e.message, context);
    return transformed === undefined ? e : { ...e, message: transformed };
  });
}
