import type { Handler } from '../service.js';

export const eventDataStoreOperations: Record<string, Handler> = {};
