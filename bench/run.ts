import { benchApply } from './apply.js';
import { benchCloudTrail } from './cloudtrail.js';
import { benchEngine } from './engine.js';
import { benchFleet } from './fleet.js';
import { benchGrowth } from './growth.js';
import { benchPersist } from './persist.js';
import { benchPlan, type NotedFigure } from './plan.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A benchmark section: its key on the command line, its heading, and how to run it. */
interface Section {
  key: string;
  title: string;
  run(seconds: number): Promise<NotedFigure[]>;
}

const SECTIONS: Section[] = [
  { key: 'engine', title: 'engine: CloudWatch Logs', run: benchEngine },
  { key: 'persist', title: 'engine persistence: serve --state as the world grows', run: benchPersist },
  { key: 'cloudtrail', title: 'engine: CloudTrail', run: benchCloudTrail },
  { key: 'plan', title: 'plan: refresh, diff and simulate at fleet scale', run: () => benchPlan() },
  { key: 'apply', title: 'apply: plan, calls and convergence at fleet scale', run: () => benchApply() },
  { key: 'growth', title: 'growth: the local target from 1,000 to 20,000 groups (apply, memory, no-change plan)', run: () => benchGrowth() },
  { key: 'fleet', title: 'fleet: 20 accounts × 3 regions × 200 groups in one plan', run: () => benchFleet() },
];

function format(f: NotedFigure): string {
  const value = Number.isInteger(f.value) || f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(3);
  const line = `${f.name.padEnd(72)} ${value.padStart(10)} ${f.unit}${f.target ? `   (target ${f.target})` : ''}\n`;
  return f.note ? `${line}${' '.repeat(4)}${f.note}\n` : line;
}

/**
 * `npm run bench [-- SECTION…] [-- SECONDS]`: the named sections (engine, persist, cloudtrail, plan, apply, growth, fleet), or all
 * of them, printed as a table (numbers for closing notes). SECONDS is the time per throughput figure.
 */
const args = process.argv.slice(2);
const seconds = Number(args.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 3);
const wanted = args.filter((a) => !/^\d+(\.\d+)?$/.test(a));
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.key === w));
if (unknown.length) {
  process.stderr.write(`unknown bench section ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.key).join(', ')}\n`);
  process.exit(1);
}
for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.key))) {
  process.stdout.write(`# ${section.title}\n`);
  for (const f of await section.run(seconds)) process.stdout.write(format(f));
}
