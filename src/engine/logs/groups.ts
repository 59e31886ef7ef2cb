import type { Handler } from '../service.js';

export const groupOperations: Record<string, Handler> = {};
