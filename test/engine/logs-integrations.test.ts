import * as assert from 'uvu/assert';
import {
  AssociateSourceToS3TableIntegrationCommand,
  DeleteIntegrationCommand,
  DisassociateSourceFromS3TableIntegrationCommand,
  GetIntegrationCommand,
  ListIntegrationsCommand,
  ListSourcesForS3TableIntegrationCommand,
  PutIntegrationCommand,
  type PutIntegrationCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cwl-opensearch`;
const VIEWER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const APP = `arn:aws:opensearch:us-east-1:${ACCOUNT}:application/existingapp`;
const S3T = `arn:aws:observabilityadmin:us-east-1:${ACCOUNT}:s3tableintegration/abc123`;

const request = (integrationName: string, config: Record<string, unknown> = {}): PutIntegrationCommandInput => ({
  integrationName,
  integrationType: 'OPENSEARCH',
  resourceConfig: {
    openSearchResourceConfig: { dataSourceRoleArn: ROLE, dashboardViewerPrincipals: [VIEWER], retentionDays: 30, ...config },
  },
});

forEachTransport('logs: OpenSearch integrations', (test, h) => {
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
  };
  const put = (name: string, config?: Record<string, unknown>) => h().logs.send(new PutIntegrationCommand(request(name, config)));
  const registerRole = () => h().admin('POST /_engine/externals', { iamRoles: [ROLE], openSearchApplications: [APP] });

  test('an integration provisions for five minutes of engine time, then is ACTIVE with its resources', async () => {
    await registerRole();
    assert.equal((await put('dashboards')).integrationStatus, 'PROVISIONING');
    let got = await h().logs.send(new GetIntegrationCommand({ integrationName: 'dashboards' }));
    assert.is(got.integrationStatus, 'PROVISIONING');
    assert.is(got.integrationType, 'OPENSEARCH');
    const provisioning = got.integrationDetails!.openSearchIntegrationDetails!;
    assert.is(provisioning.collection!.status, undefined);
    await h().admin('POST /_engine/clock', { advanceSeconds: 300 });
    got = await h().logs.send(new GetIntegrationCommand({ integrationName: 'dashboards' }));
    assert.is(got.integrationStatus, 'ACTIVE');
    const d = got.integrationDetails!.openSearchIntegrationDetails!;
    const id = d.workspace!.workspaceId!;
    assert.match(id, /^[a-z0-9]{20}$/);
    assert.equal(d.collection, {
      collectionEndpoint: `https://${id}.us-east-1.aoss.amazonaws.com`,
      collectionArn: `arn:aws:aoss:us-east-1:${ACCOUNT}:collection/${id}`,
      status: { status: 'ACTIVE' },
    });
    assert.is(d.application!.applicationArn, `arn:aws:opensearch:us-east-1:${ACCOUNT}:application/${id}`);
    assert.is(d.accessPolicy!.status!.status, 'ACTIVE');
  });

  test('an existing OpenSearch application is reused; one that is not registered is refused', async () => {
    await registerRole();
    await expectError(
      () => put('dashboards', { applicationArn: `arn:aws:opensearch:us-east-1:${ACCOUNT}:application/nope` }),
      'InvalidParameterException',
      `The OpenSearch Service application arn:aws:opensearch:us-east-1:${ACCOUNT}:application/nope does not exist.`,
    );
    await put('dashboards', { applicationArn: APP });
    const got = await h().logs.send(new GetIntegrationCommand({ integrationName: 'dashboards' }));
    assert.is(got.integrationDetails!.openSearchIntegrationDetails!.application!.applicationId, 'existingapp');
  });

  test('the role must be registered; viewers must be IAM principals; a KMS key must exist', async () => {
    await expectError(
      () => put('x'),
      'InvalidParameterException',
      `The dataSourceRoleArn ${ROLE} is not a role that CloudWatch Logs can assume.`,
    );
    await registerRole();
    await expectError(
      () => put('x', { dashboardViewerPrincipals: ['bob'] }),
      'InvalidParameterException',
      'Invalid dashboard viewer principal: bob. Specify the ARN of an IAM role or user.',
    );
    await expectError(
      () => put('x', { kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/missing` }),
      'InvalidParameterException',
      'The specified KMS Key Id could not be found.',
    );
    const e = await rejects(() => put('x', { retentionDays: 31 }));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /at 'resourceConfig.openSearchResourceConfig.retentionDays' failed to satisfy constraint/);
  });

  test('one integration per account, which cannot be modified', async () => {
    await registerRole();
    await put('dashboards');
    await expectError(() => put('dashboards'), 'ValidationException', "Integration dashboards already exists and can't be modified.");
    await expectError(() => put('second'), 'LimitExceededException', 'Resource limit exceeded.');
  });

  test('List filters by prefix, type and status; Delete removes it', async () => {
    await registerRole();
    await put('dash-1');
    const list = (input = {}) => h().logs.send(new ListIntegrationsCommand(input)).then((r) => r.integrationSummaries);
    assert.equal(await list(), [{ integrationName: 'dash-1', integrationType: 'OPENSEARCH', integrationStatus: 'PROVISIONING' }]);
    assert.equal(await list({ integrationNamePrefix: 'other' }), []);
    assert.equal(await list({ integrationStatus: 'ACTIVE' }), []);
    await h().logs.send(new DeleteIntegrationCommand({ integrationName: 'dash-1' }));
    assert.equal(await list(), []);
    await expectError(
      () => h().logs.send(new DeleteIntegrationCommand({ integrationName: 'dash-1' })),
      'ResourceNotFoundException',
      'Integration dash-1 does not exist.',
    );
    await expectError(
      () => h().logs.send(new GetIntegrationCommand({ integrationName: 'constructor' })),
      'ResourceNotFoundException',
      'Integration constructor does not exist.',
    );
  });
});

forEachTransport('logs: S3 Table integration sources', (test, h) => {
  const associate = (name: string, type?: string) =>
    h().logs.send(new AssociateSourceToS3TableIntegrationCommand({ integrationArn: S3T, dataSource: { name, type } }));
  const list = (input: { maxResults?: number; nextToken?: string } = {}) =>
    h().logs.send(new ListSourcesForS3TableIntegrationCommand({ integrationArn: S3T, ...input }));

  test('the integration must be registered (in this Region)', async () => {
    let e = await rejects(() => associate('aws_cloudtrail', 'management'));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, `S3 Table integration ${S3T} does not exist.`);
    await h().admin('POST /_engine/externals', { region: 'eu-west-1', s3TableIntegrations: [S3T] });
    e = await rejects(() => list());
    assert.is(e.name, 'ResourceNotFoundException');
  });

  test('associate, list (paged), refuse a duplicate, disassociate', async () => {
    await h().admin('POST /_engine/externals', { s3TableIntegrations: [S3T] });
    const a = await associate('aws_cloudtrail', 'management');
    await h().admin('POST /_engine/clock', { advanceSeconds: 1 });
    const b = await associate('amazon_vpc', 'flow');
    const e = await rejects(() => associate('aws_cloudtrail', 'management'));
    assert.is(e.name, 'ValidationException');
    assert.is(e.message, 'The data source is already associated with this S3 Table integration.');
    const first = await list({ maxResults: 1 });
    assert.equal(first.sources!.map((s) => [s.identifier, s.dataSource, s.status]), [[a.identifier, { name: 'aws_cloudtrail', type: 'management' }, 'ACTIVE']]);
    const second = await list({ maxResults: 1, nextToken: first.nextToken });
    assert.is(second.sources![0]!.identifier, b.identifier);
    assert.is(second.nextToken, undefined);
    const bad = await rejects(() => list({ nextToken: 'nope' }));
    assert.is(bad.name, 'ValidationException');
    const out = await h().logs.send(new DisassociateSourceFromS3TableIntegrationCommand({ identifier: a.identifier! }));
    assert.is(out.identifier, a.identifier);
    assert.equal((await list()).sources!.map((s) => s.identifier), [b.identifier]);
    const gone = await rejects(() => h().logs.send(new DisassociateSourceFromS3TableIntegrationCommand({ identifier: a.identifier! })));
    assert.is(gone.name, 'ResourceNotFoundException');
    assert.is(gone.message, `No data source association with identifier ${a.identifier} exists.`);
  });
});
