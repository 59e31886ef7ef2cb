import type { Handler } from '../service.js';

export const destinationOperations: Record<string, Handler> = {};
