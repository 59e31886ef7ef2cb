import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The account and region every plan benchmark runs in (the engine's defaults). */
export const BENCH_CONTEXT = { account: '123456789012', region: 'us-east-1' };

/** The Lambda function every group's subscription filter delivers to, registered as an external. */
export const SINK_FUNCTION = `arn:aws:lambda:${BENCH_CONTEXT.region}:${BENCH_CONTEXT.account}:function:bench-log-sink`;

/** Groups per manifest file: a fleet spread over files, as a repository would hold it. */
const GROUPS_PER_FILE = 100;

const RETENTIONS = [1, 7, 14, 30, 90, 365];

/** One managed group: retention, tags, one metric filter, one subscription filter. */
function groupYaml(i: number): string {
  const name = `/bench/fleet/service-${String(i).padStart(5, '0')}`;
  return [
    `  ${name}:`,
    `    retentionInDays: ${RETENTIONS[i % RETENTIONS.length]}`,
    `    tags: { team: team-${i % 17}, service: service-${i} }`,
    '    metricFilters:',
    '      errors:',
    `        filterPattern: '"ERROR"'`,
    '        metricTransformations:',
    `          - { metricName: Errors-${i}, metricNamespace: Bench/Fleet, metricValue: "1", defaultValue: 0 }`,
    '    subscriptionFilters:',
    '      to-sink:',
    `        filterPattern: ""`,
    `        destinationArn: ${SINK_FUNCTION}`,
    '',
  ].join('\n');
}

/**
 * Writes a manifest of `groups` managed log groups into `dir` (files of 100 groups, the sink
 * declared as an external in the first). Returns the number of files written.
 */
export function writeFleetManifest(dir: string, groups: number): number {
  mkdirSync(dir, { recursive: true });
  let files = 0;
  for (let start = 0; start < groups; start += GROUPS_PER_FILE) {
    const header = start === 0 ? `defaults:\n  tags: { managed-by: logwarden }\nexternals:\n  lambdaFunctions: [${SINK_FUNCTION}]\n` : '';
    const body = [];
    for (let i = start; i < Math.min(groups, start + GROUPS_PER_FILE); i++) body.push(groupYaml(i));
    writeFileSync(join(dir, `fleet-${String(files).padStart(3, '0')}.yaml`), `${header}logGroups:\n${body.join('')}`);
    files++;
  }
  return files;
}
