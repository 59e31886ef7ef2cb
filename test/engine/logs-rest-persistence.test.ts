import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssociateSourceToS3TableIntegrationCommand,
  CreateImportTaskCommand,
  CreateLogGroupCommand,
  CreateLookupTableCommand,
  DescribeImportTasksCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetIntegrationCommand,
  GetLookupTableCommand,
  GetStorageTierPolicyCommand,
  ListSourcesForS3TableIntegrationCommand,
  ListSyslogConfigurationsCommand,
  ListTagsForResourceCommand,
  PutBearerTokenAuthenticationCommand,
  PutIntegrationCommand,
  PutStorageTierPolicyCommand,
  PutSyslogConfigurationCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { harness, TRANSPORTS, type Harness } from '../helpers/harness.js';
import { IMPORT_ROLE, lakeWithTwoDays } from '../helpers/lake.js';

const ACCOUNT = '123456789012';
const TABLE = `arn:aws:logs:us-east-1:${ACCOUNT}:lookup-table:users`;
const S3T = `arn:aws:observabilityadmin:us-east-1:${ACCOUNT}:s3tableintegration/abc`;
const test = suite('logs: lookup tables, integrations, syslog, storage tier and imports survive a restart');
const dirs: string[] = [];
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Creates one of everything; returns the import's destination group name. */
async function createAll(h: Harness): Promise<string> {
  await h.logs.send(new CreateLookupTableCommand({ lookupTableName: 'users', tableBody: 'id,name\n1,ana\n', tags: { a: 'b' } }));
  await h.admin('POST /_engine/externals', { iamRoles: [IMPORT_ROLE], vpcEndpoints: ['vpce-01'], s3TableIntegrations: [S3T] });
  await h.logs.send(
    new PutIntegrationCommand({
      integrationName: 'dash',
      integrationType: 'OPENSEARCH',
      resourceConfig: { openSearchResourceConfig: { dataSourceRoleArn: IMPORT_ROLE, dashboardViewerPrincipals: [IMPORT_ROLE], retentionDays: 7 } },
    }),
  );
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: 'syslog' }));
  await h.logs.send(new PutSyslogConfigurationCommand({ logGroupIdentifier: 'syslog', vpcEndpointId: 'vpce-01' }));
  await h.logs.send(new PutBearerTokenAuthenticationCommand({ logGroupIdentifier: 'syslog', bearerTokenAuthenticationEnabled: true }));
  await h.logs.send(new PutStorageTierPolicyCommand({ storageTier: 'INTELLIGENT_TIERING' }));
  await h.logs.send(new AssociateSourceToS3TableIntegrationCommand({ integrationArn: S3T, dataSource: { name: 'aws_cloudtrail', type: 'management' } }));
  const arn = await lakeWithTwoDays(h);
  const out = await h.logs.send(new CreateImportTaskCommand({ importSourceArn: arn, importRoleArn: IMPORT_ROLE }));
  return out.importDestinationArn!.split(':log-group:')[1]!;
}

async function checkAll(h: Harness, managed: string): Promise<void> {
  assert.is((await h.logs.send(new GetLookupTableCommand({ lookupTableArn: TABLE }))).tableBody, 'id,name\n1,ana\n');
  assert.equal((await h.logs.send(new ListTagsForResourceCommand({ resourceArn: TABLE }))).tags, { a: 'b' });
  assert.is((await h.logs.send(new GetIntegrationCommand({ integrationName: 'dash' }))).integrationStatus, 'ACTIVE'); // a day of engine time has passed
  assert.is((await h.logs.send(new ListSyslogConfigurationsCommand({}))).syslogConfigurations!.length, 1);
  const group = (await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'syslog' }))).logGroups![0]!;
  assert.is(group.bearerTokenAuthenticationEnabled, true);
  assert.is((await h.logs.send(new GetStorageTierPolicyCommand({}))).storageTier, 'INTELLIGENT_TIERING');
  assert.is((await h.logs.send(new ListSourcesForS3TableIntegrationCommand({ integrationArn: S3T }))).sources!.length, 1);
  assert.is((await h.logs.send(new DescribeImportTasksCommand({}))).imports![0]!.importStatus, 'IN_PROGRESS');
  // The import goes on after the restart, on the persisted engine time.
  await h.admin('POST /_engine/clock', { advanceSeconds: 120 });
  assert.is((await h.logs.send(new DescribeImportTasksCommand({}))).imports![0]!.importStatus, 'COMPLETED');
  assert.is((await h.logs.send(new FilterLogEventsCommand({ logGroupName: managed }))).events!.length, 2);
}

for (const transport of TRANSPORTS) {
  test(`restart on the same state dir [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-rest-'));
    dirs.push(dir);
    let h = await harness(transport, { stateDir: dir });
    const managed = await createAll(h);
    await h.close();
    h = await harness(transport, { stateDir: dir });
    try {
      await checkAll(h, managed);
    } finally {
      await h.close();
    }
  });
}

test.run();
