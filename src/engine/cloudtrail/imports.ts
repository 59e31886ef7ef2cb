import type { Handler } from '../service.js';

export const importOperations: Record<string, Handler> = {};
