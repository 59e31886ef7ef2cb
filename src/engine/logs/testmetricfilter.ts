import type { Handler } from '../service.js';

export const testMetricFilterOperations: Record<string, Handler> = {};
