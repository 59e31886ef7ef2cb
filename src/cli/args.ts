import { parseArgs } from 'node:util';
import { didYouMean } from '../manifest/read.js';

/** A usage mistake on the command line: shown as `logwarden: <message>`, exit 1. */
export class UsageError extends Error {}

type Option = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** Every option of every command (DESIGN.md contracts). */
const OPTIONS: Record<string, Option> = {
  target: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  state: { type: 'string' },
  'no-color': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  'allow-replace': { type: 'boolean' },
  'allow-destroy': { type: 'boolean' },
  only: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  prefix: { type: 'string' },
  kinds: { type: 'string' },
  'group-by': { type: 'string' },
  scope: { type: 'string', multiple: true },
  force: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'in-memory': { type: 'boolean' },
  account: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

const TARGET = ['target', 'endpoint', 'region', 'profile', 'account', 'state', 'no-color'];

/** What each command takes: its options, and how many positional arguments (DIR, PLANFILE). */
export const COMMAND_SYNTAX: Record<string, { options: string[]; positionals: number; operand?: string }> = {
  validate: { options: ['region', 'account', 'json', 'no-color'], positionals: 1, operand: 'DIR' },
  plan: { options: [...TARGET, 'out', 'json', 'format', 'detailed-exitcode', 'allow-replace', 'allow-destroy', 'only'], positionals: 1, operand: 'DIR' },
  apply: { options: [...TARGET, 'auto-approve', 'allow-replace', 'allow-destroy', 'only'], positionals: 1, operand: 'DIR or PLANFILE' },
  drift: { options: [...TARGET, 'json', 'ignore'], positionals: 1, operand: 'DIR' },
  import: { options: [...TARGET, 'prefix', 'kinds', 'group-by', 'scope', 'force'], positionals: 1, operand: 'DIR' },
  audit: { options: [...TARGET, 'json'], positionals: 1, operand: 'DIR' },
  serve: { options: ['host', 'port', 'state', 'in-memory', 'account'], positionals: 0 },
};

/** Typed access to the parsed command line. */
export class ParsedArgs {
  constructor(
    readonly command: string | undefined,
    readonly positionals: string[],
    private readonly values: Record<string, string | boolean | string[] | undefined>,
  ) {}

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** Every value of a repeatable option, in order (none: empty). */
  strings(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  int(name: string, fallback: number): number {
    const v = this.string(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${name} expects a whole number, got '${v}'`);
    return Number(v);
  }
}

/** Parses argv; every mistake is a UsageError that names the argument as it was typed. */
export function parseCommandLine(argv: string[]): ParsedArgs {
  checkSpelling(argv);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [command, ...rest] = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const syntax = command !== undefined && Object.hasOwn(COMMAND_SYNTAX, command) ? COMMAND_SYNTAX[command] : undefined;
  if (syntax) {
    const foreign = Object.keys(values).filter((k) => k !== 'help' && !syntax.options.includes(k));
    if (foreign.length) throw new UsageError(`${command} does not take ${foreign.map((k) => `--${k}`).join(', ')} (it takes ${syntax.options.map((k) => `--${k}`).join(', ') || 'no options'})`);
    if (rest.length > syntax.positionals) {
      const extra = rest.slice(syntax.positionals).map((p) => `'${p}'`).join(', ');
      throw new UsageError(syntax.positionals === 0 ? `${command} takes no arguments, got ${extra}` : `${command} takes one ${syntax.operand}, got also ${extra}`);
    }
  }
  return new ParsedArgs(command, rest, values);
}

/** Unknown options, and single-dash long ones (`-target=foo`), named as typed, with a suggestion. */
function checkSpelling(argv: string[]): void {
  const names = Object.keys(OPTIONS);
  for (const arg of argv) {
    if (arg === '--') return;
    if (!arg.startsWith('-') || arg === '-') continue;
    const long = arg.startsWith('--');
    const name = arg.replace(/^--?/, '').split('=')[0]!;
    if (!long && Object.values(OPTIONS).some((o) => o.short === name)) continue;
    if (long && Object.hasOwn(OPTIONS, name)) continue;
    if (!long && Object.hasOwn(OPTIONS, name)) throw new UsageError(`unknown option '${arg}': long options take two dashes, as in '-${arg}'`);
    const hint = didYouMean(name, names);
    throw new UsageError(`unknown option '${arg}'${hint ? `; did you mean '--${hint}'?` : ''} (see logwarden --help)`);
  }
}
