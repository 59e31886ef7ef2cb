import type { ServiceModule } from '../service.js';
import { cloudtrailTable } from '../validation/cloudtrail.gen.js';
import { channelOperations } from './channels.js';
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
  },
  attach(engine) {
    engine.onCall(recordCall);
  },
};
