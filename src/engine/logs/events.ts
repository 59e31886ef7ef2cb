import type { Handler } from '../service.js';
import { filterLogEvents } from './event-filter.js';
import { getLogEvents } from './event-get.js';
import { putLogEvents } from './event-put.js';

export const eventOperations: Record<string, Handler> = {
  PutLogEvents: putLogEvents,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};
