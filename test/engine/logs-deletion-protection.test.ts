import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  PutLogGroupDeletionProtectionCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { test as plain } from 'uvu';
import { forEachTransport, harness, rejects, TRANSPORTS } from '../helpers/harness.js';

const ARN = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;
const PROTECTED = 'Cannot delete log group with deletion protection enabled. Disable deletion protection first.';

forEachTransport('logs: deletion protection', (test, h) => {
  const protection = async (logGroupName: string) =>
    (await h().logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }))).logGroups![0]!.deletionProtectionEnabled;
  const setProtection = (logGroupIdentifier: string, deletionProtectionEnabled: boolean) =>
    h().logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier, deletionProtectionEnabled }));

  test('groups are unprotected by default; CreateLogGroup can protect one', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'plain' }));
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'kept', deletionProtectionEnabled: true }));
    assert.is(await protection('plain'), false);
    assert.is(await protection('kept'), true);
  });

  test('DeleteLogGroup refuses a protected group with ValidationException until protection is off', async () => {
    await h().logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
    await setProtection('kept', true);
    assert.is(await protection('kept'), true);
    const e = await rejects(() => h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'kept' })));
    assert.is(e.name, 'ValidationException');
    assert.is(e.message, PROTECTED);
    assert.is(e.$metadata.httpStatusCode, 400);
    await setProtection(ARN('kept'), false);
    assert.is(await protection('kept'), false);
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'kept' }));
    assert.equal((await h().logs.send(new DescribeLogGroupsCommand({}))).logGroups, []);
  });

  test('PutLogGroupDeletionProtection on a group that does not exist is ResourceNotFoundException', async () => {
    for (const id of ['missing', ARN('missing'), 'arn:aws:logs:us-west-2:123456789012:log-group:missing']) {
      const e = await rejects(() => setProtection(id, true));
      assert.is(e.name, 'ResourceNotFoundException');
      assert.is(e.message, 'The specified log group does not exist.');
    }
  });
});

for (const transport of TRANSPORTS) {
  plain(`deletion protection survives a restart [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-protection-'));
    try {
      let h = await harness(transport, { stateDir: dir });
      await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
      await h.logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: 'kept', deletionProtectionEnabled: true }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const e = await rejects(() => h.logs.send(new DeleteLogGroupCommand({ logGroupName: 'kept' })));
      assert.is(e.message, PROTECTED);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
plain.run();
