import type { Handler } from '../service.js';

export const queryOperations: Record<string, Handler> = {};
