import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError, type ParsedArgs } from './args.js';
import { apply } from './apply.js';
import { audit } from './audit.js';
import { drift } from './drift.js';
import { importCommand } from './import.js';
import { plan } from './plan.js';
import { validate } from './validate.js';
import { serve } from './serve.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: logwarden <command> [options]

commands:
  validate [DIR] [--json]        check the manifests; exit 1 on any error
  plan [DIR] [--out FILE] [--json | --format text|json|markdown] [--detailed-exitcode] [--allow-replace] [--allow-destroy] [--only ADDRESS|GLOB …]
  apply [DIR | PLANFILE] [--auto-approve] [--allow-replace] [--allow-destroy] [--only ADDRESS|GLOB …]
  drift [DIR] [--json] [--ignore ADDRESS|GLOB …]   exit 0 in sync, 2 drift, 1 error
  audit [DIR] [--json]           DIR's guardrails over the whole target: exit 0 compliant, 2 violations, 1 error
  import [DIR] [--prefix P] [--kinds K,…] [--group-by kind|prefix] [--scope ACCOUNT/REGION …] [--force]
                                 write manifests for what the target holds (plan then shows only adoptions)
  serve [--host 127.0.0.1] [--port 4599] [--state DIR | --in-memory] [--account 123456789012]

common options: --target local|aws  --endpoint URL  --region R  --profile P  --state DIR  --no-color
  --version  --help
`;

/** This logwarden's version, from its package.json (beside dist/ or src/). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

type Command = (args: ParsedArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, Command> = { validate, plan, apply, drift, audit, import: importCommand, serve };

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args.flag('version') && !args.command) {
      out.write(`logwarden ${version()}\n`);
      return 0;
    }
    if (args.flag('help') || !args.command) {
      out.write(USAGE);
      return args.command || args.flag('help') ? 0 : 1;
    }
    const command = Object.hasOwn(COMMANDS, args.command) ? COMMANDS[args.command] : undefined;
    if (!command) throw new UsageError(`unknown command '${args.command}'\n\n${USAGE}`);
    return await command(args, out, err);
  } catch (e) {
    // AWS errors (the driver's ApiError) carry AWS's error name: show it with the message
    const code = (e as { code?: unknown }).code;
    const message = (e as Error).message ?? String(e);
    err.write(`logwarden: ${typeof code === 'string' && /^[A-Z][a-z]\w+$/.test(code) ? `${code}: ` : ''}${message}\n`);
    return 1;
  }
}
