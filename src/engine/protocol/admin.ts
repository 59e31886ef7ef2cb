import type { Engine } from '../engine.js';
import { AdminInputError } from '../errors.js';
import type { ExternalsRequest } from '../externals.js';
import type { FaultSettings } from '../faults.js';
import { queryDeliveries, queryMetrics } from '../logs/feed-admin.js';

type Body = Record<string, unknown>;

/** One admin endpoint: what it does, and a body it takes (for the message when a body is not an object). */
interface Endpoint {
  example?: string;
  run(engine: Engine, body: Body): unknown;
}

const OK = { status: 'ok' };

/** The admin endpoints of the contract (DESIGN.md), plus `clock` and `organization`. A Map: only these routes exist. */
const ADMIN = new Map<string, Endpoint>([
  ['GET /_engine/health', { run: () => OK }],
  ['POST /_engine/reset', {
      run: (engine) => {
        engine.reset();
        return OK;
      },
    }],
  [
    'POST /_engine/externals',
    {
      example: '{"region":"us-east-1","s3Buckets":["my-bucket"]}',
      run: (engine, body) => {
        engine.registerExternals(body as ExternalsRequest);
        return OK;
      },
    },
  ],
  [
    'POST /_engine/faults',
    {
      example: '{"rate":0.2,"errors":["ThrottlingException"],"seed":1}',
      run: (engine, body) => {
        engine.configureFaults(body as unknown as FaultSettings);
        return OK;
      },
    },
  ],
  [
    'POST /_engine/clock',
    {
      example: '{"advanceSeconds":60}',
      run: (engine, body) => {
        const seconds = body.advanceSeconds;
        if (typeof seconds !== 'number') throw new AdminInputError('clock: "advanceSeconds" must be a non-negative number');
        engine.advanceClock(seconds * 1000);
        return { ...OK, now: engine.now() };
      },
    },
  ],
  [
    'POST /_engine/organization',
    {
      example: '{"account":"123456789012","managementAccount":true}',
      run: (engine, body) => {
        engine.setOrganization(body);
        return OK;
      },
    },
  ],
  // what ingested events produced: GET without a filter, POST with one
  ['GET /_engine/metrics', { run: (engine, body) => queryMetrics(engine.world, body) }],
  ['POST /_engine/metrics', { example: '{"namespace":"App","metricName":"Errors"}', run: (engine, body) => queryMetrics(engine.world, body) }],
  ['GET /_engine/deliveries', { run: (engine, body) => queryDeliveries(engine.world, body) }],
  ['POST /_engine/deliveries', { example: '{"destinationArn":"arn:aws:logs:us-east-1:123456789012:destination:central"}', run: (engine, body) => queryDeliveries(engine.world, body) }],
]);

/** How a JSON value that is not an object reads in a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The body as the endpoint's input: no body is `{}`; anything but a JSON object is refused, saying what is expected. */
function parseBody(route: string, endpoint: Endpoint, body: Uint8Array | string): Body {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AdminInputError(`invalid JSON body: ${(e as Error).message}`);
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Body;
  const expected = endpoint.example ? `a JSON object, e.g. ${endpoint.example}` : 'no body (or a JSON object)';
  throw new AdminInputError(`${route} expects ${expected}; got ${kindOf(parsed)}`);
}

/**
 * One admin request (`GET /_engine/health` …): status and JSON body; shared by tests in process.
 * A malformed request is a 400 naming what is expected; anything else that fails is the engine's
 * fault, a 500.
 */
export function runAdmin(engine: Engine, route: string, body: Uint8Array | string | undefined): { status: number; body: unknown } {
  const endpoint = ADMIN.get(route);
  if (!endpoint) return { status: 404, body: { error: `no admin endpoint ${route}`, endpoints: [...ADMIN.keys()] } };
  try {
    if (body === undefined) throw new AdminInputError('request body too large');
    return { status: 200, body: endpoint.run(engine, parseBody(route, endpoint, body)) };
  } catch (e) {
    if (e instanceof AdminInputError) return { status: 400, body: { error: e.message } };
    console.error(e);
    return { status: 500, body: { error: `internal error: ${(e as Error)?.message ?? String(e)}` } };
  }
}
