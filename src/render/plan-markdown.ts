import type { CostItem, PlanCost } from '../cost/estimate.js';
import type { RuleResult } from '../guardrails/types.js';
import { formatAddress } from '../model/address.js';
import { formatSource, type Diagnostic } from '../model/diagnostics.js';
import { ACTION_SYMBOL, acts, type Change } from '../model/change.js';
import { costSummary, formatBytes, money, priceBasis } from './cost-text.js';
import { changeBlock, guardrailLine, partialLine, planLine, type PlanView } from './plan-text.js';
import { NO_COLOR } from './values.js';

/** What the Markdown renderer needs: the plan, its cost and its guardrail results. */
export interface PlanMarkdownView extends PlanView {
  cost?: PlanCost;
  guardrails?: RuleResult[];
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Inline code that survives tables and any name: HTML, pipes escaped. */
const code = (s: string) => `<code>${html(s).replace(/\|/g, '&#124;')}</code>`;

/** A fenced block whose fence is longer than any backtick run inside it. */
function fence(body: string, lang = ''): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

/**
 * A plan block as a `diff` block: each line's change sign moved to the first column (`~` and `-/+`
 * as `!`), so GitHub colours the line; the rest keeps its place.
 */
function diffBody(lines: string[]): string {
  return lines
    .map((l) => {
      const m = /^( *)(-\/\+|[+~-]) /.exec(l);
      if (!m) return l;
      const sign = m[2] === '+' ? '+' : m[2] === '-' ? '-' : '!';
      const width = m[1]!.length + m[2]!.length;
      return `${sign}${' '.repeat(width - 1)}${l.slice(width)}`;
    })
    .join('\n');
}

const HEADLINE = (c: Change) => changeBlock(c, NO_COLOR)[0]!.replace(/^ {2}# /, '').replace(formatAddress(c.address), '').trim();

/** One changed resource, folded: `<details>` with its plan block. */
function resourceDetails(c: Change): string {
  const [, ...block] = changeBlock(c, NO_COLOR);
  const symbol = c.action === 'no-op' ? '' : `${ACTION_SYMBOL[c.action]} `;
  return `<details><summary>${code(`${symbol}${formatAddress(c.address)}`)} ${html(HEADLINE(c))}</summary>\n\n${fence(diffBody(block), 'diff')}\n\n</details>`;
}

function diagnosticItem(d: Diagnostic): string {
  const where = [d.source ? code(formatSource(d.source)) : '', d.address ? code(formatAddress(d.address)) : ''].filter(Boolean).join(', ');
  const head = d.severity === 'error' ? '❌ **Error**' : '⚠️ **Warning**';
  return `- ${head}: ${html(d.summary)}${where ? ` — ${where}` : ''}${d.detail ? `<br>${html(d.detail)}` : ''}`;
}

function costRow(i: CostItem): string {
  const change = i.cause === 'delete' ? 'deleted' : i.cause === 'class' ? `class ${i.before.logGroupClass} → ${i.after!.logGroupClass} (replaced)` : `retention ${i.before.retentionInDays ?? 'never expire'} → ${i.after!.retentionInDays ?? 'never expire'}`;
  const bytes = (b: number | undefined) => (b === undefined ? 'not reported' : formatBytes(b));
  return `| ${code(formatAddress(i.address))} | ${change} | ${bytes(i.storedBytes)} | ${bytes(i.deletedBytes)} | ${html(money(i).join('; ') || '—')} |`;
}

function costSection(cost: PlanCost): string[] {
  return [
    '#### Cost impact',
    '',
    '| resource | change | stored | deleted | money |',
    '| --- | --- | --- | --- | --- |',
    ...cost.items.map(costRow),
    '',
    `${html(priceBasis(cost))}. Estimates: see each item's notes in \`plan --json\`.`,
  ];
}

function guardrailSection(results: RuleResult[]): string[] {
  const outcome = (r: RuleResult) => (r.violations.length === 0 ? '✅ passed' : `${r.severity === 'error' ? '❌' : '⚠️'} ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`);
  return [
    '#### Guardrails',
    '',
    '| rule | severity | resources checked | result |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${code(r.rule)} | ${r.severity} | ${r.checked} | ${outcome(r)} |`),
  ];
}

/** The headline: the plan's verdict, or why there is none. */
function headline(plan: PlanMarkdownView, errors: number): string {
  if (errors) return `### ❌ logwarden plan failed: ${errors} error${errors === 1 ? '' : 's'}; nothing was planned`;
  const changed = plan.changes.some(acts);
  return changed ? `### logwarden plan: ${planLine(plan.changes).replace(/^Plan: /, '')}` : '### logwarden plan: no changes. The target matches the manifests.';
}

/**
 * The plan as Markdown for a pull-request comment or a GitHub step summary: the verdict first, then
 * cost and guardrails in a line, the target, the diagnostics, one folded block per changed resource,
 * and the cost and guardrail tables.
 */
export function renderPlanMarkdown(plan: PlanMarkdownView): string {
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
  const cost = !errors && plan.cost ? costSummary(plan.cost) : undefined;
  const facts = [cost ? `**Cost:** ${html(cost)}.` : '', plan.guardrails?.length ? `**${guardrailLine(plan.guardrails).replace(':', ':**')}` : ''].filter(Boolean);
  const out = [headline(plan, errors), ...(facts.length ? ['', facts.join(' · ')] : []), '', `Target: ${code(plan.target)}`, ...(plan.partial ? ['', `**${html(partialLine(plan.partial))}**`] : [])];
  if (plan.diagnostics.length) out.push('', ...plan.diagnostics.map(diagnosticItem));
  const changed = errors ? [] : plan.changes.filter(acts);
  if (changed.length) out.push('', ...changed.flatMap((c) => [resourceDetails(c), '']));
  else out.push('');
  if (cost) out.push(...costSection(plan.cost!), '');
  if (plan.guardrails?.length) out.push(...guardrailSection(plan.guardrails), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
