import { resolve } from 'node:path';
import { Engine } from '../engine/engine.js';
import { createClients, type Clients, type TargetSpec } from '../driver/clients.js';
import { UsageError, type ParsedArgs } from './args.js';

/** The target of a command, opened: clients, the ARN context, and (local) the engine. */
export interface OpenTarget {
  kind: TargetSpec['kind'];
  /** The endpoint URL of an `endpoint` target. */
  endpoint?: string;
  clients: Clients;
  region: string;
  /** Known up front for local targets and with --account; otherwise learned from the target. */
  account: string | undefined;
  engine?: Engine;
  close(): Promise<void>;
}

/**
 * Reads --target/--endpoint/--region/--profile/--state (and the AWS_* environment) into a target.
 * `lockHeld`: the caller holds the state directory's lock (the workspace), so the engine won't take it.
 */
export function openTarget(args: ParsedArgs, command: string, lockHeld = false): OpenTarget {
  // DESIGN.md: --endpoint for both services, else the SDK's own variables, per service or shared
  const env = process.env;
  const endpoint = args.string('endpoint') ?? env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? env.AWS_ENDPOINT_URL ?? env.AWS_ENDPOINT_URL_CLOUDTRAIL;
  const cloudtrailUrl = args.string('endpoint') ?? env.AWS_ENDPOINT_URL_CLOUDTRAIL ?? env.AWS_ENDPOINT_URL ?? endpoint;
  const kind = args.string('target') ?? (endpoint ? 'endpoint' : 'local');
  const region = args.string('region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let spec: TargetSpec;
  let engine: Engine | undefined;
  if (kind === 'local' && !endpoint) {
    const stateDir = args.string('state') ?? 'state';
    engine = new Engine({ stateDir: resolve(stateDir), account: args.string('account'), command: `logwarden ${command}`, lockHeld });
    spec = { kind: 'local', engine, stateDir, region };
  } else if (kind === 'aws' && !endpoint) {
    spec = { kind: 'aws', region: args.string('region') ?? process.env.AWS_REGION, profile: args.string('profile') };
  } else if (endpoint && (kind === 'endpoint' || kind === 'aws' || kind === 'local')) {
    spec = { kind: 'endpoint', url: endpoint, cloudtrailUrl, region, profile: args.string('profile') };
  } else {
    throw new UsageError(`--target must be local or aws, not '${kind}'`);
  }
  const clients = createClients(spec);
  return {
    kind: spec.kind,
    endpoint: spec.kind === 'endpoint' ? spec.url : undefined,
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
