import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { logsService } from '../../src/engine/logs/index.js';
import { cloudTrailService } from '../../src/engine/cloudtrail/index.js';

for (const service of [logsService, cloudTrailService]) {
  test(`${service.name}: every operation of the current model has a backend method, and nothing else has one`, () => {
    const modelled = Object.keys(service.table.operations).sort();
    const implemented = Object.keys(service.operations).sort();
    assert.is(modelled.length, service.name === 'logs' ? 118 : 60);
    assert.equal(implemented, modelled);
  });
}

test.run();
