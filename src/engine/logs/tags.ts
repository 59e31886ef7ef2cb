import type { Handler } from '../service.js';

export const tagOperations: Record<string, Handler> = {};
