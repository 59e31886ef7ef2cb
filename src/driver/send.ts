import * as cloudtrailSdk from '@aws-sdk/client-cloudtrail';
import * as logsSdk from '@aws-sdk/client-cloudwatch-logs';
import type { ServiceName } from '../model/calls.js';
import type { Clients } from './clients.js';

/** An AWS error as the layers above see it: AWS's name and message, and whether to retry. */
export interface ApiError {
  code: string;
  message: string;
  status?: number;
  transient: boolean;
  /** Times the call was sent before this error stood (the paced sender's retries included). */
  attempts?: number;
  /** The call that failed, `logs:DescribeLogGroups`. */
  operation?: string;
}

type AnyCommand = new (input: Record<string, unknown>) => unknown;
const SDKS: Record<ServiceName, Record<string, unknown>> = { logs: logsSdk, cloudtrail: cloudtrailSdk };

/** What AWS says is worth retrying (DESIGN.md): throttling, conflicts, 5xx, IAM propagation. */
const TRANSIENT = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'OperationAbortedException',
  'ServiceUnavailableException',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'TimeoutError']);

/** Sends one operation through the SDK client of its service. Throws ApiError. */
export async function sendOperation(
  clients: Clients,
  service: ServiceName,
  operation: string,
  input: Record<string, unknown>,
): Promise<any> {
  const Command = SDKS[service][`${operation}Command`] as AnyCommand | undefined;
  if (!Command) throw { code: 'UnknownOperation', message: `no SDK command for ${service}:${operation}`, transient: false } satisfies ApiError;
  const client = (service === 'logs' ? clients.logs : clients.cloudtrail) as unknown as { send(c: unknown): Promise<unknown> };
  try {
    return await client.send(new Command(input));
  } catch (e) {
    throw { ...toApiError(e), operation: `${service}:${operation}` } satisfies ApiError;
  }
}

export function toApiError(e: unknown): ApiError {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = err.name && err.name !== 'Error' ? err.name : (err.code ?? 'Error');
  const status = err.$metadata?.httpStatusCode;
  const message = err.message ?? String(e);
  const transient =
    TRANSIENT.has(code) ||
    NETWORK.has(err.code ?? '') ||
    (status !== undefined && status >= 500) ||
    /could not deliver test message/i.test(message);
  return { code, message, status, transient };
}

const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'AccessDeniedException',
]);

/** What to do about a failure that stops a command before it could read the target. */
export function adviceFor(error: ApiError): string {
  if (NETWORK.has(error.code) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo/.test(error.message)) {
    return 'check that the target is reachable: for an endpoint, that it is running at that URL; for AWS, network access to its endpoints (a proxy, a VPC endpoint)';
  }
  if (CREDENTIALS.has(error.code) || /credential/i.test(error.message)) {
    return "check the credentials: --profile or AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or 'aws sso login' for an SSO profile";
  }
  return 'see the message above; nothing was changed';
}

export const isApiError = (e: unknown): e is ApiError =>
  typeof e === 'object' && e !== null && 'code' in e && 'transient' in e;
