import type { ServiceModule } from '../service.js';
import { logsTable } from '../validation/logs.gen.js';
import { accountPolicyOperations } from './account-policies.js';
import { anomalyOperations } from './anomaly-anomalies.js';
import { anomalyDetectorOperations } from './anomaly-detectors.js';
import { dataProtectionOperations } from './dataprotection.js';
import { deliveryOperations } from './delivery-deliveries.js';
import { deliveryDestinationPolicyOperations } from './delivery-destination-policy.js';
import { deliveryDestinationOperations } from './delivery-destinations.js';
import { deliverySourceOperations } from './delivery-sources.js';
import { configurationTemplateOperations } from './delivery-templates.js';
import { destinationOperations } from './destinations.js';
import { eventOperations } from './events.js';
import { exportOperations } from './exports.js';
import { filterOperations } from './filters.js';
import { groupOperations } from './groups.js';
import { indexPolicyOperations } from './index-policies.js';
import { resourcePolicyOperations } from './policies.js';
import { queryDefinitionOperations } from './query-definitions.js';
import { queryOperations } from './queries.js';
import { queryRecordOperations } from './query-records.js';
import { scheduledQueryOperations } from './scheduled-queries.js';
import { streamOperations } from './streams.js';
import { tagOperations } from './tags.js';
import { testMetricFilterOperations } from './testmetricfilter.js';
import { transformerOperations } from './transformers.js';
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
    ...queryDefinitionOperations,
    ...queryOperations,
    ...queryRecordOperations,
    ...scheduledQueryOperations,
    ...accountPolicyOperations,
    ...indexPolicyOperations,
    ...deliverySourceOperations,
    ...deliveryDestinationOperations,
    ...deliveryDestinationPolicyOperations,
    ...deliveryOperations,
    ...configurationTemplateOperations,
    ...anomalyDetectorOperations,
    ...anomalyOperations,
    ...transformerOperations,
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
