import type { Handler } from '../service.js';

export const streamOperations: Record<string, Handler> = {};
