import type { ServiceModule } from '../service.js';
import { cloudtrailTable } from '../validation/cloudtrail.gen.js';
import { channelWriteOperations } from './channel-write.js';
import { channelOperations } from './channels.js';
import { dashboardRefreshOperations } from './dashboard-refresh.js';
import { dashboardOperations } from './dashboards.js';
import { delegatedAdminOperations } from './delegated-admin.js';
import { eventConfigurationOperations } from './event-configuration.js';
import { federationOperations } from './federation.js';
import { generateQueryOperations } from './generate-query.js';
import { ingestionOperations } from './ingestion.js';
import { insightsDataOperations } from './insights-data.js';
import { resourcePolicyOperations } from './resource-policies.js';
import { sampleQueryOperations } from './sample-queries.js';
import { eventDataStoreOperations } from './eventdatastores.js';
import { importOperations } from './imports.js';
import { lookupOperations } from './lookup.js';
import { publicKeyOperations } from './publickeys.js';
import { queryOperations } from './queries.js';
import { recordCall } from './recorder.js';
import { selectorOperations } from './selectors.js';
import { tagOperations } from './tags.js';
import { trailOperations } from './trails.js';

/** CloudTrail: one backend method per operation, grouped by the resource they act on. */
export const cloudTrailService: ServiceModule = {
  name: 'cloudtrail',
  eventSource: 'cloudtrail.amazonaws.com',
  table: cloudtrailTable,
  validationError: 'InvalidParameterException',
  operations: {
    ...trailOperations,
    ...selectorOperations,
    ...tagOperations,
    ...eventDataStoreOperations,
    ...lookupOperations,
    ...queryOperations,
    ...importOperations,
    ...channelOperations,
    ...publicKeyOperations,
    ...channelWriteOperations,
    ...resourcePolicyOperations,
    ...delegatedAdminOperations,
    ...federationOperations,
    ...generateQueryOperations,
    ...dashboardOperations,
    ...dashboardRefreshOperations,
    ...eventConfigurationOperations,
    ...insightsDataOperations,
    ...sampleQueryOperations,
    ...ingestionOperations,
  },
  attach(engine) {
    engine.onCall(recordCall);
  },
};
