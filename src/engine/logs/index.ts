import type { ServiceModule } from '../service.js';
import { logsTable } from '../validation/logs.gen.js';
import { dataProtectionOperations } from './dataprotection.js';
import { destinationOperations } from './destinations.js';
import { eventOperations } from './events.js';
import { exportOperations } from './exports.js';
import { filterOperations } from './filters.js';
import { groupOperations } from './groups.js';
import { resourcePolicyOperations } from './policies.js';
import { streamOperations } from './streams.js';
import { tagOperations } from './tags.js';
import { testMetricFilterOperations } from './testmetricfilter.js';
import { transformerOperations } from './transformers.js';

/** CloudWatch Logs: one backend method per operation, grouped by the resource they act on. */
export const logsService: ServiceModule = {
  name: 'logs',
  eventSource: 'logs.amazonaws.com',
  table: logsTable,
  validationError: 'InvalidParameterException',
  operations: {
    ...groupOperations,
    ...tagOperations,
    ...streamOperations,
    ...eventOperations,
    ...testMetricFilterOperations,
    ...filterOperations,
    ...destinationOperations,
    ...resourcePolicyOperations,
    ...dataProtectionOperations,
    ...exportOperations,
    ...transformerOperations,
  },
};
