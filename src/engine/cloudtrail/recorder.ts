import type { Call } from '../call.js';
import { isReadOnly } from '../service.js';
import type { AccountState, WorldData } from '../world.js';
import { selectorsMatch } from './eds-selectors.js';
import { buildEvent } from './event-build.js';
import { HISTORY_CAP, HISTORY_WINDOW_MS, STORE_CAP, trimEvents } from './event-retention.js';
import type { EventDataStoreRecord } from './lake-types.js';

const DAY_MS = 24 * 3600 * 1000;

/** CloudTrail calls whose output names a store that was not live while the call ran. */
const REVIVING = new Set(['CreateEventDataStore', 'RestoreEventDataStore']);

/**
 * CloudWatch Logs data-plane calls: CloudTrail records no management event for them (and the
 * engine's stores offer no data resource type to select them), so the recorder skips them; they
 * are also the high-volume calls that must stay cheap.
 */
const LOGS_DATA_PLANE = new Set(['PutLogEvents', 'GetLogEvents', 'FilterLogEvents', 'GetLogRecord']);

/**
 * The engine's trail of itself: after every call to either service (reads, writes, and failures
 * with AWS's error code and message), the management event CloudTrail would record is appended
 * to the region's event history and copied into every live event data store that selects it.
 */
export function recordCall(call: Call, input: unknown, output: unknown, error: unknown): void {
  if (call.service === 'logs' && LOGS_DATA_PLANE.has(call.operation)) return;
  const source = call.engine.eventSource(call.service);
  const event = buildEvent(call, source, isReadOnly(call.operation), input, output, error);
  const history = call.state.cloudtrail.lake.events;
  history.push(event);
  trimEvents(history, call.now - HISTORY_WINDOW_MS, HISTORY_CAP);
  // A store ingests calls made while it is live: not the call that created or restored it.
  const revived = REVIVING.has(call.operation) && !error ? (output as { EventDataStoreArn?: string } | undefined)?.EventDataStoreArn : undefined;
  for (const eds of receivingStores(call)) {
    if (eds.arn === revived || !selectorsMatch(eds.advancedEventSelectors, event)) continue;
    eds.events.push(event);
    trimEvents(eds.events, call.now - eds.retentionPeriod * DAY_MS, STORE_CAP);
  }
}

/**
 * Stores that ingest this call's events: ENABLED stores of the account in the call's region or
 * multi-region ones elsewhere, plus organization stores of the organization's management account.
 */
function* receivingStores(call: Call): Generator<EventDataStoreRecord> {
  const account = call.accountState;
  yield* accountStores(account, call.region, false);
  const org = account.organization;
  if (!org || org.managementAccount) return;
  for (const mgmt of managementAccounts(call.engine.world, org.organizationId)) yield* accountStores(mgmt, call.region, true);
}

function* accountStores(account: AccountState, region: string, organizationOnly: boolean): Generator<EventDataStoreRecord> {
  for (const [name, state] of Object.entries(account.regions)) {
    for (const eds of Object.values(state.cloudtrail.lake.eventDataStores)) {
      if (eds.status !== 'ENABLED' || (organizationOnly && !eds.organizationEnabled)) continue;
      if (name === region || eds.multiRegionEnabled) yield eds;
    }
  }
}

function* managementAccounts(world: WorldData, organizationId: string | undefined): Generator<AccountState> {
  for (const account of Object.values(world.accounts)) {
    const org = account.organization;
    if (org?.managementAccount && org.organizationId === organizationId) yield account;
  }
}
