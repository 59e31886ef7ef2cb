import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { LiveTailSession, type LiveTailEngine, type LiveTailSessionStart } from '../logs/live-tail-session.js';
import { EVENT_STREAM_CONTENT_TYPE, eventMessage, exceptionMessage } from './event-stream.js';
import type { WireResponse } from './json11.js';

/** A response whose body is written as it is produced (StartLiveTail's event stream). */
export interface StreamingResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/** "Every second, a LiveTailSessionUpdate object is sent", even when it holds no events. */
const UPDATE_INTERVAL_MS = 1_000;
/** A slow reader is buffered "up to 10 LiveTailSessionUpdate events or 5000 log events". */
const MAX_BUFFERED_UPDATES = 10;
const MAX_BUFFERED_EVENTS = 5_000;

/** The one operation whose response streams. */
export const isLiveTailRequest = (headers: Record<string, string | undefined>): boolean =>
  headers['x-amz-target'] === 'Logs_20140328.StartLiveTail';

/**
 * Turns StartLiveTail's successful JSON answer (its `sessionStart`) into the event stream AWS
 * sends: `initial-response` (the RPC protocols' opening event, which botocore requires), then
 * `sessionStart`, then a `sessionUpdate` every second, until the reader goes away (`signal`, or
 * the body destroyed) or the session times out with a SessionTimeoutException.
 */
export function liveTailResponse(engine: LiveTailEngine, out: WireResponse, signal?: AbortSignal): StreamingResponse {
  const { responseStream } = JSON.parse(out.body.toString('utf8')) as { responseStream: { sessionStart: LiveTailSessionStart } };
  const body = new LiveTailBody(new LiveTailSession(engine, responseStream.sessionStart));
  signal?.addEventListener('abort', () => body.destroy(abortError()), { once: true });
  const headers: Record<string, string> = { 'content-type': EVENT_STREAM_CONTENT_TYPE };
  if (out.headers['x-amzn-requestid']) headers['x-amzn-requestid'] = out.headers['x-amzn-requestid'];
  return { status: 200, headers, body };
}

/** Writes a streaming response over HTTP; a client that goes away ends the session. */
export function sendStreaming(res: ServerResponse, stream: StreamingResponse): void {
  res.writeHead(stream.status, stream.headers);
  stream.body.pipe(res);
  res.on('close', () => stream.body.destroy());
}

function abortError(): Error {
  const error = new Error('The Live Tail session was aborted by the client');
  error.name = 'AbortError';
  return error;
}

/** The stream's frames, produced on a timer and handed out as fast as the reader takes them. */
class LiveTailBody extends Readable {
  private readonly queue: { frame: Buffer; update: boolean; events: number }[] = [];
  private readonly timer: NodeJS.Timeout;
  private wanting = false;
  private ending = false;

  constructor(private readonly session: LiveTailSession) {
    super();
    this.queue.push({ frame: eventMessage('initial-response', {}), update: false, events: 0 });
    this.queue.push({ frame: eventMessage('sessionStart', session.start), update: false, events: 0 });
    this.timer = setInterval(() => this.tick(), UPDATE_INTERVAL_MS);
  }

  override _read(): void {
    this.wanting = true;
    this.flush();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    clearInterval(this.timer);
    this.session.close();
    done(error);
  }

  private tick(): void {
    if (this.session.timedOut()) {
      clearInterval(this.timer);
      this.session.close();
      this.queue.push({ frame: exceptionMessage('SessionTimeoutException', 'Session timed out after 3 hours.'), update: false, events: 0 });
      this.ending = true;
    } else {
      const update = this.session.drain();
      this.queue.push({ frame: eventMessage('sessionUpdate', update), update: true, events: update.sessionResults.length });
      this.dropOldest();
    }
    this.flush();
  }

  /** Past the buffer's bounds the oldest updates go (never the stream's other frames). */
  private dropOldest(): void {
    const updates = this.queue.filter((q) => q.update);
    let events = updates.reduce((n, q) => n + q.events, 0);
    for (let n = updates.length; n > 0 && (n > MAX_BUFFERED_UPDATES || events > MAX_BUFFERED_EVENTS); n--) {
      const oldest = this.queue.findIndex((q) => q.update);
      events -= this.queue[oldest]!.events;
      this.queue.splice(oldest, 1);
    }
  }

  private flush(): void {
    while (this.wanting && this.queue.length > 0) this.wanting = this.push(this.queue.shift()!.frame);
    if (this.ending && this.queue.length === 0) this.push(null);
  }
}
