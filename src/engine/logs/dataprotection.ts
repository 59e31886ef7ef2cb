import type { Handler } from '../service.js';

export const dataProtectionOperations: Record<string, Handler> = {};
