import { resolve } from 'node:path';
import { Engine } from '../engine/engine.js';
import { createClients, type Clients, type EndpointChoice, type TargetSpec } from '../driver/clients.js';
import { UsageError, type ParsedArgs } from './args.js';

/** The target of a command, opened: clients, the ARN context, and (local) the engine. */
export interface OpenTarget {
  kind: TargetSpec['kind'];
  /** The endpoint URL(s) of an `endpoint` target (part of its identity). */
  endpoint?: string;
  clients: Clients;
  region: string;
  /** Known up front for local targets and with --account; otherwise learned from the target. */
  account: string | undefined;
  engine?: Engine;
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

/**
 * Reads --target/--endpoint/--region/--profile/--state (and the AWS_* environment) into a target.
 * `lockHeld`: the caller holds the state directory's lock (the workspace), so the engine won't take it.
 */
export function openTarget(args: ParsedArgs, command: string, lockHeld = false): OpenTarget {
  const endpoints = endpointsOf(args);
  const anyEndpoint = endpoints.logs ?? endpoints.cloudtrail;
  const kind = args.string('target') ?? (anyEndpoint ? 'endpoint' : 'local');
  const region = args.string('region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let spec: TargetSpec;
  let engine: Engine | undefined;
  if (kind === 'local') {
    if (args.string('endpoint')) throw new UsageError('--endpoint names an AWS-compatible endpoint; --target local is the embedded engine: give one of them');
    const stateDir = args.string('state') ?? 'state';
    engine = new Engine({ stateDir: resolve(stateDir), account: args.string('account'), command: `logwarden ${command}`, lockHeld });
    spec = { kind: 'local', engine, stateDir, region };
  } else if (kind === 'aws') {
    spec = { kind: 'aws', region: args.string('region') ?? process.env.AWS_REGION, profile: args.string('profile'), endpoints };
  } else if (kind === 'endpoint') {
    spec = { kind: 'endpoint', logs: endpoints.logs, cloudtrail: endpoints.cloudtrail, region, profile: args.string('profile') };
  } else {
    throw new UsageError(`--target must be local or aws, not '${kind}'`);
  }
  const clients = createClients(spec);
  return {
    kind: spec.kind,
    endpoint: spec.kind === 'endpoint' ? [...new Set([endpoints.logs?.url ?? 'aws', endpoints.cloudtrail?.url ?? 'aws'])].join(',') : undefined,
    clients,
    region: spec.kind === 'aws' ? (spec.region ?? region) : region,
    account: args.string('account') ?? process.env.AWS_ACCOUNT_ID ?? engine?.defaultAccount,
    engine,
    async close() {
      clients.destroy();
      await engine?.close();
    },
  };
}
