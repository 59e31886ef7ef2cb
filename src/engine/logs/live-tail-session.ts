import type { Call } from '../call.js';
import type { CallListener } from '../service.js';
import type { WorldData } from '../world.js';
import { compileFilterPattern, type FilterPattern } from './pattern/index.js';
import { rawState } from '../persist/tracker.js';

/** The `LiveTailSessionStart` event: what a session tails (StartLiveTail's checked request). */
export interface LiveTailSessionStart {
  requestId: string;
  sessionId: string;
  logGroupIdentifiers: string[];
  logStreamNames?: string[];
  logStreamNamePrefixes?: string[];
  logEventFilterPattern?: string;
}

/** One event of a `sessionUpdate`. */
export interface LiveTailLogEvent {
  logStreamName: string;
  logGroupIdentifier: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

/** What a session needs of the engine: its world (to count sessions) and its calls. */
export interface LiveTailEngine {
  readonly world: WorldData;
  now(): number;
  onCall(listener: CallListener): void;
}

/** "Live Tail sessions time out after three hours" (of engine time). */
export const SESSION_TIMEOUT_MS = 3 * 3_600_000;
/** An update holds at most 500 events; more are sampled down to 500. */
export const MAX_UPDATE_EVENTS = 500;

const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:([^:]+)$/;

/** Open sessions per engine world; one call listener per engine feeds them all. */
/** Keyed by the raw world: a call on a persisted engine sees a tracked view of it, a new object each call. */
const sessions = new WeakMap<WorldData, Set<LiveTailSession>>();
const listening = new WeakSet<LiveTailEngine>();

/** How many sessions are open for an account in a region (the concurrent-session quota). */
export function openSessionCount(world: WorldData, account: string, region: string): number {
  let n = 0;
  for (const s of sessions.get(rawState(world)) ?? []) if (s.account === account && s.region === region) n++;
  return n;
}

/**
 * A Live Tail session: collects the log events PutLogEvents stores in its groups that pass its
 * stream filters and pattern, until the stream layer drains them into a `sessionUpdate`.
 */
export class LiveTailSession {
  readonly account: string;
  readonly region: string;
  readonly startedAt: number;
  private readonly groups = new Map<string, string>();
  private readonly pattern: FilterPattern;
  private pending: LiveTailLogEvent[] = [];
  private closed = false;

  constructor(private readonly engine: LiveTailEngine, readonly start: LiveTailSessionStart) {
    // StartLiveTail admits only ARNs of log groups of the caller's account and region.
    const parsed = start.logGroupIdentifiers.map((arn) => LOG_GROUP_ARN.exec(arn)!);
    this.region = parsed[0]![1]!;
    this.account = parsed[0]![2]!;
    parsed.forEach((m) => this.groups.set(m[3]!, m[0]));
    this.pattern = compileFilterPattern(start.logEventFilterPattern ?? '', 'StartLiveTail');
    this.startedAt = engine.now();
    listen(engine);
    let open = sessions.get(rawState(engine.world));
    if (!open) sessions.set(rawState(engine.world), (open = new Set()));
    open.add(this);
  }

  /** True once the session has run for three hours of engine time. */
  timedOut(): boolean {
    return this.engine.now() - this.startedAt >= SESSION_TIMEOUT_MS;
  }

  /** The events collected since the last drain, sampled down to 500 when there are more. */
  drain(): { sessionMetadata: { sampled: boolean }; sessionResults: LiveTailLogEvent[] } {
    const events = this.pending;
    this.pending = [];
    if (events.length <= MAX_UPDATE_EVENTS) return { sessionMetadata: { sampled: false }, sessionResults: events };
    const step = events.length / MAX_UPDATE_EVENTS;
    const sample = Array.from({ length: MAX_UPDATE_EVENTS }, (_, i) => events[Math.floor(i * step)]!);
    return { sessionMetadata: { sampled: true }, sessionResults: sample };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    sessions.get(rawState(this.engine.world))?.delete(this);
  }

  /** Takes the events a successful PutLogEvents call stored, if they belong to this session. */
  observe(call: Call, input: PutLogEventsInput, output: PutLogEventsOutput): void {
    if (call.account !== this.account || call.region !== this.region) return;
    const arn = this.groups.get(input.logGroupName);
    if (arn === undefined || !this.tailsStream(input.logStreamName)) return;
    for (const e of storedEvents(input, output)) {
      if (!this.pattern.match(e.message)) continue;
      this.pending.push({
        logStreamName: input.logStreamName,
        logGroupIdentifier: arn,
        message: e.message,
        timestamp: e.timestamp,
        ingestionTime: call.now,
      });
    }
  }

  private tailsStream(name: string): boolean {
    const { logStreamNames, logStreamNamePrefixes } = this.start;
    if (logStreamNames) return logStreamNames.includes(name);
    if (logStreamNamePrefixes) return logStreamNamePrefixes.some((p) => name.startsWith(p));
    return true;
  }
}

interface PutLogEventsInput {
  logGroupName: string;
  logStreamName: string;
  logEvents: { timestamp: number; message: string }[];
}

interface PutLogEventsOutput {
  rejectedLogEventsInfo?: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number };
}

/** The events PutLogEvents stored: its batch without the rejected prefix and suffix it reports. */
function storedEvents(input: PutLogEventsInput, output: PutLogEventsOutput): PutLogEventsInput['logEvents'] {
  const r = output.rejectedLogEventsInfo ?? {};
  const start = Math.max(r.tooOldLogEventEndIndex ?? 0, r.expiredLogEventEndIndex ?? 0);
  return input.logEvents.slice(start, Math.max(start, r.tooNewLogEventStartIndex ?? input.logEvents.length));
}

/** Registers the engine's one listener that hands stored log events to its open sessions. */
function listen(engine: LiveTailEngine): void {
  if (listening.has(engine)) return;
  listening.add(engine);
  engine.onCall((call, input, output, error) => {
    if (error !== undefined || call.service !== 'logs' || call.operation !== 'PutLogEvents') return;
    for (const session of sessions.get(rawState(engine.world)) ?? []) {
      session.observe(call, input as PutLogEventsInput, (output ?? {}) as PutLogEventsOutput);
    }
  });
}
