/** Time as the driver's pacing and backoff see it: injected, so tests can run it on a fake clock. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A per-API quota held over every sliding second: at most `limit` calls start in any 1,000 ms, and
 * a burst of `limit` may start at once after a quiet second. Each caller reserves the next free
 * slot in arrival order, so concurrent callers are spaced out rather than all waking at once.
 */
export class RateWindow {
  /** Start times reserved so far (only the last `limit` matter). */
  private readonly slots: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
    private readonly windowMs = 1000,
  ) {}

  /** Resolves when this caller may start. */
  async take(): Promise<void> {
    const now = this.clock.now();
    const n = this.slots.length;
    const slot = n < this.limit ? now : Math.max(now, this.slots[n - this.limit]! + this.windowMs);
    this.slots.push(slot);
    if (this.slots.length > this.limit) this.slots.shift();
    if (slot > now) await this.clock.sleep(slot - now);
  }
}
