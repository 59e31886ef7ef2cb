import { changesOf } from '../src/state/saved-plan.js';
import { resourceUsage } from 'node:process';
import { parseCommandLine } from '../src/cli/args.js';
import { computePlan } from '../src/cli/plan.js';
import { openSession } from '../src/cli/session.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** What the child reports to bench/plan.ts, as one JSON line on stdout. */
export interface LocalPlanReport {
  wallMs: number;
  /** RSS once every module is loaded, before the plan starts. */
  baselineRss: number;
  /** The process's peak RSS (the kernel's maxRSS), bytes. */
  peakRss: number;
  /** Changes the plan shows (anything but a no-op of an owned resource), and planned calls. */
  changed: number;
  calls: number;
  unchanged: number;
  errors: string[];
  readCalls: Record<string, number>;
}

/**
 * `node --import tsx bench/plan-local.ts DIR STATE`: one `plan` of DIR against the local engine
 * persisted in STATE, alone in its process so that its peak memory is the plan's.
 */
async function planOnce(dir: string, stateDir: string): Promise<LocalPlanReport> {
  const baselineRss = process.memoryUsage().rss;
  const start = performance.now();
  const session = await openSession(parseCommandLine(['plan', dir, '--state', stateDir]), 'plan');
  try {
    const plan = await computePlan(dir, session);
    const wallMs = performance.now() - start;
    const changed = changesOf(plan).filter((c) => c.action !== 'no-op' || c.adopt).length;
    return {
      wallMs,
      baselineRss,
      peakRss: resourceUsage().maxRSS * 1024,
      changed,
      calls: plan.calls.length,
      unchanged: changesOf(plan).length - changed,
      errors: plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary),
      readCalls: plan.readCalls,
    };
  } finally {
    await session.close();
  }
}

const [dir, stateDir] = process.argv.slice(2);
if (!dir || !stateDir) throw new Error('usage: plan-local.ts DIR STATE');
process.stdout.write(`${JSON.stringify(await planOnce(dir, stateDir))}\n`);
