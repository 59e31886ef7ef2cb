import type { Engine } from '../engine.js';
import { handleApiRequest, type WireRequest, type WireResponse } from './json11.js';
import { isQueryRequest } from './query.js';
import { handleStsRequest } from './sts.js';

/**
 * One API request, to the protocol its shape names: a form post is awsQuery (STS), anything else
 * AWS JSON 1.1 (CloudWatch Logs, CloudTrail). Both transports come through here. Never throws.
 */
export function handleRequest(engine: Engine, req: WireRequest): WireResponse {
  return isQueryRequest(req) ? handleStsRequest(engine, req) : handleApiRequest(engine, req);
}
