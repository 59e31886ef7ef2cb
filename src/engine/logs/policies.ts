import type { Handler } from '../service.js';

export const resourcePolicyOperations: Record<string, Handler> = {};
