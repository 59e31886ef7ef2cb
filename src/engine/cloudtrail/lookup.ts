import type { Handler } from '../service.js';

export const lookupOperations: Record<string, Handler> = {};
