import { benchCloudTrail } from './cloudtrail.js';
import { benchEngine, type Figure } from './engine.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** `npm run bench [-- SECONDS]`: every benchmark, printed as a table (numbers for closing notes). */
const seconds = Number(process.argv[2] ?? 3);
const figures: Figure[] = [];
const sections: [string, (s: number) => Promise<Figure[]>][] = [
  ['engine: CloudWatch Logs', benchEngine],
  ['engine: CloudTrail', benchCloudTrail],
];
for (const [name, run] of sections) {
  process.stdout.write(`# ${name}\n`);
  for (const f of await run(seconds)) {
    figures.push(f);
    const value = f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(3);
    process.stdout.write(`${f.name.padEnd(72)} ${value.padStart(10)} ${f.unit}${f.target ? `   (target ${f.target})` : ''}\n`);
  }
}
