import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { estimateCost } from '../../src/cost/estimate.js';
import { GB } from '../../src/cost/prices.js';
import type { RuleResult } from '../../src/guardrails/types.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { diffResources } from '../../src/plan/changes.js';
import { costJson } from '../../src/render/plan-json-extra.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { NO_COLOR } from '../../src/render/values.js';
import { EVERYTHING_OWNED, group, set } from '../plan/fixtures.js';

const test = suite('render: plan Markdown, and the cost and guardrail lines of the text plan');

const TARGET = 'local engine (state), us-east-1';
const NOW = Date.UTC(2026, 0, 31);
const DAY = 86_400_000;

/** A plan that shortens one retention, replaces one group for its class and deletes one. */
function samplePlan() {
  const observed = set({ logGroups: [group('/app/api', { retentionInDays: 30 }), group('/app/batch'), group('/old', { retentionInDays: 7 })] });
  const desired = set({ logGroups: [group('/app/api', { retentionInDays: 7 }), group('/app/batch', { logGroupClass: 'INFREQUENT_ACCESS' })] });
  const changes = diffResources(desired, observed, EVERYTHING_OWNED);
  const facts = new Map([
    ['logGroup:/app/api', { storedBytes: 3 * GB, creationTime: NOW - 60 * DAY }],
    ['logGroup:/app/batch', { storedBytes: 2 * GB, creationTime: NOW - 10 * DAY }],
    ['logGroup:/old', { storedBytes: 10 * GB, creationTime: NOW - 400 * DAY }],
  ]);
  const guardrails: RuleResult[] = [
    { rule: 'cw-loggroup-retention-period-check', severity: 'error', checked: 2, violations: [] },
    {
      rule: 'cloudwatch-log-group-encrypted',
      severity: 'warning',
      checked: 2,
      violations: [{ rule: 'cloudwatch-log-group-encrypted', severity: 'warning', address: { kind: 'logGroup', name: '/app/api' }, message: 'not encrypted with a KMS key (kmsKeyId is not set)', member: 'kmsKeyId', source: { file: 'logging/app.yaml', line: 3, col: 3 } }],
    },
  ];
  const diagnostics: Diagnostic[] = [{ severity: 'warning', summary: 'guardrail cloudwatch-log-group-encrypted: not encrypted with a KMS key (kmsKeyId is not set)', source: { file: 'logging/app.yaml', line: 3, col: 3 }, address: { kind: 'logGroup', name: '/app/api' } }];
  return { target: TARGET, changes, diagnostics, cost: estimateCost(changes, facts, 'us-east-1', NOW), guardrails };
}

test('golden: the verdict first, cost and guardrails in a line, diagnostics, a folded block per resource, the tables', () => {
  const expected = `### logwarden plan: 0 to add, 1 to change, 1 to replace, 1 to destroy.

**Cost:** storage -$0.429/month; 14.30 GiB of stored events deleted; ingestion price changes per GB (volume not known). · **Guardrails:** 2 rules checked, 1 warning.

Target: <code>local engine (state), us-east-1</code>

- ⚠️ **Warning**: guardrail cloudwatch-log-group-encrypted: not encrypted with a KMS key (kmsKeyId is not set) — <code>logging/app.yaml:3:3</code>, <code>logGroup "/app/api"</code>

<details><summary><code>~ logGroup "/app/api"</code> will be updated in place</summary>

\`\`\`diff
!   logGroup "/app/api" {
!       retentionInDays = 30 -> 7
        # (3 unchanged attributes hidden)
    }
\`\`\`

</details>

<details><summary><code>-/+ logGroup "/app/batch"</code> must be replaced</summary>

\`\`\`diff
!   logGroup "/app/batch" {
!       logGroupClass = "STANDARD" -> "INFREQUENT_ACCESS" # forces replacement
        # (2 unchanged attributes hidden)
    }
\`\`\`

</details>

<details><summary><code>- logGroup "/old"</code> will be destroyed</summary>

\`\`\`diff
-   logGroup "/old" {
-       logGroupClass   = "STANDARD"
-       logGroupName    = "/old"
-       retentionInDays = 7
-       tags            = {}
    }
\`\`\`

</details>

#### Cost impact

| resource | change | stored | deleted | money |
| --- | --- | --- | --- | --- |
| <code>logGroup "/app/api"</code> | retention 30 → 7 | 3.00 GiB | 2.30 GiB | storage -$0.069/month |
| <code>logGroup "/app/batch"</code> | class STANDARD → INFREQUENT_ACCESS (replaced) | 2.00 GiB | 2.00 GiB | storage -$0.06/month; ingestion $0.50 -&gt; $0.25 per GB (volume not known) |
| <code>logGroup "/old"</code> | deleted | 10.00 GiB | 10.00 GiB | storage -$0.30/month |

CloudWatch Logs list prices for us-east-1 of 2025-10-28, https://aws.amazon.com/cloudwatch/pricing/. Estimates: see each item's notes in \`plan --json\`.

#### Guardrails

| rule | severity | resources checked | result |
| --- | --- | --- | --- |
| <code>cw-loggroup-retention-period-check</code> | error | 2 | ✅ passed |
| <code>cloudwatch-log-group-encrypted</code> | warning | 2 | ⚠️ 1 violation |
`;
  assert.fixture(renderPlanMarkdown(samplePlan()), expected);
});

test('golden: the text plan gains the cost block, a cost line and a guardrails line', () => {
  const text = renderPlanText(samplePlan(), NO_COLOR);
  const tail = text.slice(text.indexOf('Cost impact'));
  assert.fixture(
    tail,
    `Cost impact (CloudWatch Logs list prices for us-east-1 of 2025-10-28, https://aws.amazon.com/cloudwatch/pricing/):
  ~ logGroup "/app/api": retention 30 days -> 7 days: ~2.30 GiB of 3.00 GiB stored deleted; storage -$0.069/month
  -/+ logGroup "/app/batch": class STANDARD -> INFREQUENT_ACCESS (replaced): 2.00 GiB stored, all deleted; storage -$0.06/month; ingestion $0.50 -> $0.25 per GB (volume not known)
  - logGroup "/old": deleted: 10.00 GiB stored, all deleted; storage -$0.30/month

Plan: 0 to add, 1 to change, 1 to replace, 1 to destroy.
Cost: storage -$0.429/month; 14.30 GiB of stored events deleted; ingestion price changes per GB (volume not known).
Guardrails: 2 rules checked, 1 warning.

Warning: guardrail cloudwatch-log-group-encrypted: not encrypted with a KMS key (kmsKeyId is not set)
  on logging/app.yaml:3:3, logGroup "/app/api"

`,
  );
});

test('golden: the cost member of plan --json', () => {
  const doc = costJson(samplePlan().cost);
  assert.equal(doc.total, { stored_bytes: 15 * GB, deleted_bytes: Math.round(14.3 * GB), storage_monthly_usd: -0.429, storage_growth_monthly_usd: 0 });
  assert.equal(doc.items[2], {
    address: 'logGroup "/old"',
    kind: 'logGroup',
    name: '/old',
    cause: 'delete',
    before: { retentionInDays: 7, logGroupClass: 'STANDARD' },
    after: null,
    stored_bytes: 10 * GB,
    deleted_bytes: 10 * GB,
    storage_monthly_usd: -0.3,
    storage_growth_monthly_usd: null,
    ingestion_per_gb_usd: null,
    notes: [],
  });
  assert.equal(doc.items[1]!.ingestion_per_gb_usd, { before: 0.5, after: 0.25 });
  assert.equal([doc.region, doc.priced, doc.currency, doc.prices_as_of, doc.prices_source], ['us-east-1', true, 'USD', '2025-10-28', 'https://aws.amazon.com/cloudwatch/pricing/']);
});

test('an errored plan: the failure first, the errors, no resources and no cost; guardrails still tabled', () => {
  const plan = samplePlan();
  const error: Diagnostic = { severity: 'error', summary: 'guardrail cw-loggroup-retention-period-check: retention is 7 days; at least 30 required', source: { file: 'a.yaml', line: 4, col: 5 }, address: { kind: 'logGroup', name: '/a|b' } };
  const md = renderPlanMarkdown({ ...plan, diagnostics: [error], guardrails: [{ rule: 'cw-loggroup-retention-period-check', severity: 'error', checked: 1, violations: [{ rule: 'cw-loggroup-retention-period-check', severity: 'error', message: 'x' }] }] });
  assert.fixture(
    md,
    `### ❌ logwarden plan failed: 1 error; nothing was planned

**Guardrails:** 1 rule checked, 1 error.

Target: <code>local engine (state), us-east-1</code>

- ❌ **Error**: guardrail cw-loggroup-retention-period-check: retention is 7 days; at least 30 required — <code>a.yaml:4:5</code>, <code>logGroup "/a&#124;b"</code>

#### Guardrails

| rule | severity | resources checked | result |
| --- | --- | --- | --- |
| <code>cw-loggroup-retention-period-check</code> | error | 1 | ❌ 1 violation |
`,
  );
});

test('no changes; names with HTML and backticks stay inert', () => {
  assert.fixture(renderPlanMarkdown({ target: 'x', changes: [], diagnostics: [] }), '### logwarden plan: no changes. The target matches the manifests.\n\nTarget: <code>x</code>\n');
  const changes = diffResources(set({ logGroups: [group('/a<b>```c')] }), set({}), EVERYTHING_OWNED);
  const md = renderPlanMarkdown({ target: 'x', changes, diagnostics: [] });
  assert.ok(md.includes('<summary><code>+ logGroup "/a&lt;b&gt;```c"</code> will be created</summary>'));
  assert.ok(md.includes('\n````diff\n'), 'the fence outgrows the backticks inside');
});

test.run();
