import type { Handler } from '../service.js';

export const selectorOperations: Record<string, Handler> = {};
