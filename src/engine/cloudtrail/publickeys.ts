import type { Handler } from '../service.js';

export const publicKeyOperations: Record<string, Handler> = {};
