import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { logsService } from '../../src/engine/logs/index.js';
import { cloudTrailService } from '../../src/engine/cloudtrail/index.js';

for (const service of [logsService, cloudTrailService]) {
  test(`${service.name}: every operation of the seed documents has a backend method`, () => {
    const modelled = Object.keys(service.table.operations).sort();
    const implemented = Object.keys(service.operations).sort();
    assert.equal(implemented, modelled);
    assert.is(modelled.length, service.name === 'logs' ? 39 : 36);
  });
}

test.run();
