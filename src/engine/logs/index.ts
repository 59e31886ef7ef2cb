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
import { integrationOperations } from './integrations.js';
import { settlingImportsFirst } from './import-progress.js';
import { importTaskOperations } from './imports.js';
import { liveTailOperations } from './live-tail.js';
import { listLogGroupOperations } from './list-log-groups.js';
import { logFieldOperations } from './log-fields.js';
import { lookupTableOperations } from './lookup-tables.js';
import { s3TableIntegrationOperations } from './s3-table-integration.js';
import { storageTierOperations } from './storage-tier.js';
import { syslogOperations } from './syslog.js';

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
    ...lookupTableOperations,
    ...integrationOperations,
    ...s3TableIntegrationOperations,
    ...syslogOperations,
    ...storageTierOperations,
    ...listLogGroupOperations,
    ...logFieldOperations,
    ...importTaskOperations,
    ...liveTailOperations,
  },
};

// Imports progress on engine time: before any call, the batches due are in their log groups.
settlingImportsFirst(logsService.operations);
