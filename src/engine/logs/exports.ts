import type { Handler } from '../service.js';

export const exportOperations: Record<string, Handler> = {};
