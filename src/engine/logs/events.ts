import type { Handler } from '../service.js';

export const eventOperations: Record<string, Handler> = {};
