import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.js';
import { encodeJson } from '../encoded.js';
import { AwsError } from '../errors.js';
import type { CallerIdentity } from '../call.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from './json-depth.js';
import { parseAuthorization, type Credential } from './sigv4.js';

/** A request as both transports hand it over: lower-cased header names, raw body. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: Uint8Array | string;
  sourceIp?: string;
}

/** A response ready for either transport; the body is encoded once, here. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The X-Amz-Target prefixes of the two services (CloudTrail has a short and a long spelling). */
const TARGETS: [prefix: string, service: string][] = [
  ['Logs_20140328.', 'logs'],
  ['CloudTrail_20131101.', 'cloudtrail'],
  ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.', 'cloudtrail'],
];

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const EMPTY = Buffer.alloc(0);
const ACCEPTED_TYPES = new Set([CONTENT_TYPE, 'application/x-amz-json-1.0', 'application/json']);

/**
 * Largest request body accepted: CreateLookupTable's CSV may hold 10,485,760 characters, which
 * UTF-8 and JSON escaping can make several times as many bytes.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * AWS JSON 1.1 over one request: decode the target and body, find the caller, run the operation,
 * encode the output or the error exactly as AWS does. Never throws.
 */
export function handleApiRequest(engine: Engine, req: WireRequest): WireResponse {
  const requestId = randomUUID();
  let service = 'logs';
  try {
    const target = req.headers['x-amz-target'] ?? '';
    const match = TARGETS.find(([prefix]) => target.startsWith(prefix));
    if (match) service = match[1];
    if (req.method !== 'POST') {
      throw new AwsError('UnknownOperationException', `Operations are invoked with POST, not ${req.method}`);
    }
    const operation = match ? target.slice(match[0].length) : '';
    if (!match || operation === '') {
      throw new AwsError('UnknownOperationException', target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header');
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(contentType)) {
      throw new AwsError(
        'UnsupportedMediaTypeException',
        `Unsupported content type '${contentType || '(none)'}'; expected ${CONTENT_TYPE}`,
      );
    }
    const credential = parseAuthorization(req.headers['authorization']);
    if (credential === undefined) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (typeof credential === 'string') throw new AwsError('IncompleteSignatureException', credential);
    const input = decodeBody(req.body);
    const output = engine.invoke(service, operation, input, callerIdentity(engine, credential, requestId, req));
    const body = output === undefined ? EMPTY : output !== null && typeof output === 'object' ? encodeJson(output) : Buffer.from(JSON.stringify(output));
    return { status: 200, headers: baseHeaders(requestId, body), body };
  } catch (e) {
    return errorResponse(engine, service, requestId, e);
  }
}

/**
 * The caller of a signed request, for every protocol: an access key id of 12 digits names its
 * account (how tests and `serve` users address several accounts), any other key is the engine's
 * default account; the region is the SigV4 credential scope's.
 */
export function callerIdentity(engine: Engine, credential: Credential, requestId: string, req: WireRequest): CallerIdentity {
  return {
    account: /^\d{12}$/.test(credential.accessKeyId) ? credential.accessKeyId : engine.defaultAccount,
    region: credential.region,
    accessKeyId: credential.accessKeyId,
    requestId,
    sourceIp: req.sourceIp,
    userAgent: req.headers['user-agent'],
  };
}

function decodeBody(raw: Uint8Array | string): unknown {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AwsError('SerializationException', `Could not parse request body as JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  // Unverified wording: AWS's front end refuses such bodies, but no recorded message was found.
  if (nestsDeeperThan(value, MAX_NESTING_DEPTH)) {
    throw new AwsError('SerializationException', `Request body nests deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays.`);
  }
  return value;
}

function baseHeaders(requestId: string, body: Buffer): Record<string, string> {
  return {
    'content-type': CONTENT_TYPE,
    'content-length': String(body.length),
    'x-amzn-requestid': requestId,
  };
}

/** An AwsError (or an unexpected crash, as InternalFailure) as AWS's JSON error response. */
export function errorResponse(engine: Engine, service: string, requestId: string, e: unknown): WireResponse {
  const error =
    e instanceof AwsError
      ? e
      : new AwsError('InternalFailure', `The request processing has failed: ${(e as Error)?.message ?? String(e)}`);
  if (!(e instanceof AwsError)) console.error(e);
  const body = Buffer.from(JSON.stringify({ __type: error.code, message: error.message, ...error.extra }));
  return {
    status: engine.statusOf(service, error.code),
    headers: { ...baseHeaders(requestId, body), 'x-amzn-errortype': error.code },
    body,
  };
}
