import { resolve } from 'node:path';
import { Engine } from '../engine/engine.js';
import { assumeRoleProvider, type RoleToAssume } from '../driver/assume.js';
import { createClients, type Clients, type EndpointChoice, type TargetSpec } from '../driver/clients.js';
import type { Scope } from '../model/scope.js';
import { UsageError, type ParsedArgs } from './args.js';

/**
 * The target of a command, opened: clients for its default scope and a way to get clients acting
 * in any other account and region (the local engine's and endpoints' worlds per account and
 * region; AWS through an assumed role), and (local) the engine.
 */
export interface OpenTarget {
  kind: TargetSpec['kind'];
  /** The endpoint URL(s) of an `endpoint` target (part of its identity). */
  endpoint?: string;
  /** Clients of the default scope: the credentials' own account, the region as resolved. */
  clients: Clients;
  region: string;
  /** Known up front for local targets and with --account; otherwise learned from the target. */
  account: string | undefined;
  engine?: Engine;
  /** Clients acting in a scope; `role`: how an AWS target reaches another account. */
  clientsFor(scope: Scope, role?: RoleToAssume): Clients;
  close(): Promise<void>;
}

/**
 * The endpoint of each service, as the AWS SDK picks it: `--endpoint` for both, else the service's
 * own variable, else `AWS_ENDPOINT_URL`. A service with none goes to AWS.
 */
export function endpointsOf(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): { logs?: EndpointChoice; cloudtrail?: EndpointChoice } {
  const flag = args.string('endpoint');
  if (flag) return { logs: { url: flag, from: '--endpoint' }, cloudtrail: { url: flag, from: '--endpoint' } };
  const pick = (variable: string): EndpointChoice | undefined =>
    env[variable] ? { url: env[variable]!, from: variable } : env.AWS_ENDPOINT_URL ? { url: env.AWS_ENDPOINT_URL, from: 'AWS_ENDPOINT_URL' } : undefined;
  return { logs: pick('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'), cloudtrail: pick('AWS_ENDPOINT_URL_CLOUDTRAIL') };
}

/** The spec of the default scope's clients. */
function targetSpec(args: ParsedArgs, command: string, lockHeld: boolean): TargetSpec {
  const endpoints = endpointsOf(args);
  const kind = args.string('target') ?? (endpoints.logs ?? endpoints.cloudtrail ? 'endpoint' : 'local');
  const region = args.string('region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (kind === 'local') {
    if (args.string('endpoint')) throw new UsageError('--endpoint names an AWS-compatible endpoint; --target local is the embedded engine: give one of them');
    const stateDir = args.string('state') ?? 'state';
    const engine = new Engine({ stateDir: resolve(stateDir), account: args.string('account'), command: `logwarden ${command}`, lockHeld });
    return { kind: 'local', engine, stateDir, region };
  }
  if (kind === 'aws') return { kind: 'aws', region: args.string('region') ?? process.env.AWS_REGION, profile: args.string('profile'), endpoints };
  if (kind === 'endpoint') return { kind: 'endpoint', logs: endpoints.logs, cloudtrail: endpoints.cloudtrail, region, profile: args.string('profile') };
  throw new UsageError(`--target must be local or aws, not '${kind}'`);
}

/**
 * Reads --target/--endpoint/--region/--profile/--state (and the AWS_* environment) into a target.
 * `lockHeld`: the caller holds the state directory's lock (the workspace), so the engine won't take it.
 */
export function openTarget(args: ParsedArgs, command: string, lockHeld = false): OpenTarget {
  const spec = targetSpec(args, command, lockHeld);
  const clients = createClients(spec);
  const engine = spec.kind === 'local' ? spec.engine : undefined;
  const made = new Map<string, Clients>();
  return {
    kind: spec.kind,
    endpoint: spec.kind === 'endpoint' ? [...new Set([spec.logs?.url ?? 'aws', spec.cloudtrail?.url ?? 'aws'])].join(',') : undefined,
    clients,
    region: spec.kind === 'aws' ? (spec.region ?? 'us-east-1') : spec.region,
    account: args.string('account') ?? process.env.AWS_ACCOUNT_ID ?? engine?.defaultAccount,
    engine,
    clientsFor(scope, role) {
      const key = `${scope.account}/${scope.region}`;
      let c = made.get(key);
      if (!c) {
        // AWS: another account through its role, from the default chain's credentials
        const credentials = spec.kind === 'aws' && role ? assumeRoleProvider(clients.sts, role) : undefined;
        c = createClients({ ...spec, region: scope.region, ...(spec.kind === 'aws' ? { credentials } : { account: scope.account }) });
        made.set(key, c);
      }
      return c;
    },
    async close() {
      clients.destroy();
      for (const c of made.values()) c.destroy();
      await engine?.close();
    },
  };
}
