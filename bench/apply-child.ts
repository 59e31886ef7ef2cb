import { resourceUsage } from 'node:process';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** What the child reports to bench/apply.ts, as one JSON line on stdout. */
export interface ApplyChildReport {
  code: number;
  wallMs: number;
  /** When the plan was printed, the first and last progress lines, from the start (ms). */
  planMs: number;
  firstProgressMs: number;
  lastProgressMs: number;
  /** Progress lines printed (one per resource). */
  resources: number;
  /** RSS once every module is loaded, and the process's peak RSS (the kernel's maxRSS), bytes. */
  baselineRss: number;
  peakRss: number;
  /** The highest RSS sampled (every 50 ms) in each phase: plan, calls, and re-read to exit; bytes. */
  phaseRss: { plan: number; calls: number; after: number };
  /** The apply report: everything from the line after the last progress line. */
  report: string;
}

/**
 * Everything the CLI prints, with the times that mark its phases: the plan (one write), a progress
 * line per resource, then the report. Keeps only the report's text; a fleet's plan is megabytes.
 */
class PhaseSink extends Writable {
  readonly start = performance.now();
  planMs = -1;
  firstProgressMs = -1;
  lastProgressMs = -1;
  resources = 0;
  /** Resources the progress lines count to (`[n/total]`); unknown until the first one. */
  total = Infinity;
  tail = '';
  readonly phaseRss = { plan: 0, calls: 0, after: 0 };
  private readonly sampler = setInterval(() => this.sampleRss(), 50);

  constructor() {
    super({ decodeStrings: false }); // a fleet's plan is one string of megabytes: don't copy it
  }

  /** Attributes the current RSS to the phase the apply is in, by what it has printed so far. */
  sampleRss(): void {
    const phase = this.planMs < 0 ? 'plan' : this.resources < this.total ? 'calls' : 'after';
    this.phaseRss[phase] = Math.max(this.phaseRss[phase], process.memoryUsage.rss());
  }

  stopSampling(): void {
    this.sampleRss();
    clearInterval(this.sampler);
  }

  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    const text = String(chunk);
    const at = performance.now() - this.start;
    if (this.planMs < 0) this.planMs = at;
    const progress = /^\[\s*\d+\/(\d+)\] /.exec(text);
    if (progress) {
      this.total = Number(progress[1]);
      if (this.firstProgressMs < 0) this.firstProgressMs = at;
      this.lastProgressMs = at;
      this.resources++;
      this.tail = '';
    } else {
      this.tail = (this.tail + text).slice(-64 * 1024);
    }
    done();
  }
}

/**
 * `node --import tsx bench/apply-child.ts ARGS…`: one `logwarden apply ARGS --auto-approve
 * --no-color` through the CLI's main(), alone in its process so that its peak memory is the apply's.
 */
async function applyOnce(args: string[]): Promise<ApplyChildReport> {
  const baselineRss = process.memoryUsage().rss;
  const sink = new PhaseSink();
  const code = await main(['apply', ...args, '--auto-approve', '--no-color'], sink, sink);
  sink.stopSampling();
  return {
    code,
    wallMs: performance.now() - sink.start,
    planMs: sink.planMs,
    firstProgressMs: sink.firstProgressMs,
    lastProgressMs: sink.lastProgressMs,
    resources: sink.resources,
    baselineRss,
    peakRss: resourceUsage().maxRSS * 1024,
    phaseRss: sink.phaseRss,
    report: sink.tail,
  };
}

const args = process.argv.slice(2);
if (!args.length) throw new Error('usage: apply-child.ts DIR [CLI OPTIONS…]');
process.stdout.write(`${JSON.stringify(await applyOnce(args))}\n`);
