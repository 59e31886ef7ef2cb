import type { Handler } from '../service.js';

export const channelOperations: Record<string, Handler> = {};
