import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';
import type { Engine } from '../engine.js';
import { handleRequest } from './route.js';
import { isLiveTailRequest, liveTailResponse } from './live-tail-stream.js';

/**
 * An SDK `requestHandler` that hands each serialized request straight to the engine's protocol
 * layer: the SDK clients talk to the local engine exactly as they talk to AWS, without a socket.
 */
export class EngineRequestHandler {
  readonly metadata = { handlerProtocol: 'logwarden/in-process' };

  constructor(private readonly engine: Engine) {}

  async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    if (options?.abortSignal?.aborted) {
      const error = new Error('Request aborted');
      error.name = 'AbortError';
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const body = request.body instanceof Uint8Array || typeof request.body === 'string' ? request.body : '';
    const res = handleRequest(this.engine, {
      method: request.method,
      path: request.path,
      headers,
      body,
      sourceIp: '127.0.0.1',
    });
    if (res.status === 200) await this.engine.flush(); // acknowledged once durable, as over HTTP
    if (res.status === 200 && isLiveTailRequest(headers)) {
      const stream = liveTailResponse(this.engine, res, options?.abortSignal as AbortSignal | undefined);
      return { response: { statusCode: stream.status, reason: undefined, headers: stream.headers, body: stream.body } };
    }
    return {
      response: { statusCode: res.status, reason: undefined, headers: res.headers, body: res.body },
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
