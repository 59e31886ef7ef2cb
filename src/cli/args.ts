import { parseArgs } from 'node:util';

/** A usage mistake on the command line: shown as `logwarden: <message>`, exit 1. */
export class UsageError extends Error {}

/** Options every command accepts (DESIGN.md contracts), plus each command's own. */
const OPTIONS = {
  target: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  state: { type: 'string' },
  'no-color': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'detailed-exitcode': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  'allow-replace': { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'in-memory': { type: 'boolean' },
  account: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Typed access to the parsed command line. */
export class ParsedArgs {
  constructor(
    readonly command: string | undefined,
    readonly positionals: string[],
    private readonly values: Record<string, string | boolean | undefined>,
  ) {}

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
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

export function parseCommandLine(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return new ParsedArgs(command, rest, values as Record<string, string | boolean | undefined>);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
