import type { Handler } from '../service.js';

export const filterOperations: Record<string, Handler> = {};
