import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import type { Engine } from '../engine/engine.js';
import { EngineRequestHandler } from '../engine/protocol/sdk-handler.js';
import type { AssumedCredentials } from './assume.js';

/** One service's endpoint and where it came from (`--endpoint`, `AWS_ENDPOINT_URL`, …). */
export interface EndpointChoice {
  url: string;
  from: string;
}

/** Per service: an endpoint, or none (AWS's own, as the SDK resolves it). */
export interface Endpoints {
  logs?: EndpointChoice;
  cloudtrail?: EndpointChoice;
}

/** Where logwarden points: the embedded engine, AWS-compatible endpoints, or AWS itself. */
export type TargetSpec =
  | { kind: 'local'; engine: Engine; stateDir: string; region: string; /** Act as this account (else the engine's default). */ account?: string }
  | ({ kind: 'endpoint'; region: string; profile?: string; /** Act as this account: its id is the access key, as `serve` and LocalStack read it. */ account?: string } & Endpoints)
  | { kind: 'aws'; region?: string; profile?: string; endpoints?: Endpoints; /** Credentials other than the default chain's (an assumed role). */ credentials?: () => Promise<AssumedCredentials> };

/** The SDK clients for one target, and how to name it on a plan's first line. */
export interface Clients {
  logs: CloudWatchLogsClient;
  cloudtrail: CloudTrailClient;
  /** GetCallerIdentity: the target's account id (driver/identity.ts). */
  sts: STSClient;
  /** e.g. `local engine (state/), us-east-1` — every plan and drift report starts with it. */
  describe: string;
  /** The target's pacing: AWS quotas for AWS, none for local engines and endpoints. */
  paced: boolean;
  /** The region the clients really use (for AWS: --region, else the SDK's env/profile resolution). */
  region(): Promise<string>;
  destroy(): void;
}

/** Static credentials for local targets: the engine parses but does not verify signatures. */
const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOGWARDEN', secretAccessKey: 'logwarden' };

const LOCAL_ENDPOINT = 'http://logwarden.engine';

/**
 * The SDK's per-call work that an engine in this process never looks at, cut: the engine parses
 * the Authorization header for the access key and region and verifies no signature, so the signer
 * writes the credential scope without the HMAC; the endpoint is fixed, so no ruleset is evaluated;
 * `maxAttempts` is 1, so the retry strategy only passes errors on (the paced sender retries).
 * Serialization, the middleware stack and the protocol stay the SDK's: the in-process target is
 * still called exactly as AWS is. Halves the SDK's cost per call (147 → 67 µs measured).
 */
function inProcessShortcuts(region: string, accessKeyId: string) {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return {
    signer: {
      sign: async (request: { headers: Record<string, string> }, options?: { signingRegion?: string; signingService?: string }) => {
        request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${day}/${options?.signingRegion ?? region}/${options?.signingService ?? 'logs'}/aws4_request, SignedHeaders=host, Signature=0`;
        return request;
      },
    },
    endpointProvider: () => ({ url: new URL(`${LOCAL_ENDPOINT}/`) }),
    retryStrategy: {
      mode: 'standard',
      acquireInitialRetryToken: async () => ({ getRetryCount: () => 0 }),
      refreshRetryTokenForRetry: async (_token: unknown, error: unknown) => {
        throw error;
      },
      recordSuccess: () => {},
    },
  };
}

/** SDK clients for a target. The driver is the only code that touches `@aws-sdk/*`. */
export function createClients(target: TargetSpec, maxAttempts = 1): Clients {
  // the middleware stack is never changed after creation: resolve it once per command, not per call
  // (a quarter of the SDK's own cost per call against the in-process engine)
  const base = { maxAttempts, cacheMiddleware: true };
  let config: Record<string, unknown>;
  let describe: string;
  switch (target.kind) {
    case 'local': {
      const credentials = target.account ? { ...LOCAL_CREDENTIALS, accessKeyId: target.account } : LOCAL_CREDENTIALS;
      config = {
        ...base,
        ...inProcessShortcuts(target.region, credentials.accessKeyId),
        region: target.region,
        credentials,
        endpoint: LOCAL_ENDPOINT,
        requestHandler: new EngineRequestHandler(target.engine),
        disableHostPrefix: true,
      };
      describe = `local engine (${target.stateDir}), ${target.region}`;
      break;
    }
    case 'endpoint':
      config = {
        ...base,
        region: target.region,
        disableHostPrefix: true,
        ...(target.account
          ? { credentials: { ...LOCAL_CREDENTIALS, accessKeyId: target.account } }
          : target.profile
            ? { profile: target.profile }
            : { credentials: async () => envCredentials() }),
      };
      describe = `endpoint ${describeEndpoints(target)}, ${target.region}`;
      break;
    case 'aws':
      config = {
        ...base,
        ...(target.region ? { region: target.region } : {}),
        ...(target.profile ? { profile: target.profile } : {}),
        ...(target.credentials ? { credentials: target.credentials } : {}),
      };
      describe = `AWS${target.profile ? ` (profile ${target.profile})` : ''}${target.endpoints?.logs || target.endpoints?.cloudtrail ? ` through ${describeEndpoints(target.endpoints)}` : ''}, ${target.region ?? process.env.AWS_REGION ?? 'region from the AWS config'}`;
      break;
  }
  const endpoints: Endpoints = target.kind === 'endpoint' ? target : target.kind === 'aws' ? (target.endpoints ?? {}) : {};
  const at = (choice: EndpointChoice | undefined) => (choice ? { endpoint: choice.url } : {});
  const logs = new CloudWatchLogsClient({ ...config, ...at(endpoints.logs) });
  const cloudtrail = new CloudTrailClient({ ...config, ...at(endpoints.cloudtrail) });
  const stsUrl = process.env.AWS_ENDPOINT_URL_STS || (endpoints.logs ?? endpoints.cloudtrail)?.url;
  const sts = new STSClient(target.kind === 'endpoint' && stsUrl ? { ...config, endpoint: stsUrl } : config);
  return {
    logs,
    cloudtrail,
    sts,
    describe,
    paced: target.kind === 'aws',
    region: () => logs.config.region(),
    destroy() {
      logs.destroy();
      cloudtrail.destroy();
      sts.destroy();
    },
  };
}

/**
 * `http://127.0.0.1:4599`, or per service where they differ or one goes to AWS:
 * `CloudWatch Logs http://… (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS), CloudTrail AWS`. An endpoint target's
 * STS is `AWS_ENDPOINT_URL_STS` when set (the SDK reads it only when no endpoint is configured),
 * else the services' endpoint.
 */
function describeEndpoints(e: Endpoints): string {
  const one = (c: EndpointChoice | undefined) => (c ? `${c.url}${c.from === '--endpoint' ? '' : ` (${c.from})`}` : 'AWS');
  if (e.logs?.url === e.cloudtrail?.url) return one(e.logs);
  return `CloudWatch Logs ${one(e.logs)}, CloudTrail ${one(e.cloudtrail)}`;
}

/** Endpoints like `logwarden serve` or LocalStack accept any key; use the environment's if set. */
function envCredentials() {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  if (AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN };
  }
  return LOCAL_CREDENTIALS;
}
