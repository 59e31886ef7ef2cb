import type { Handler } from '../service.js';

export const trailOperations: Record<string, Handler> = {};
