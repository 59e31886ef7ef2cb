import { randomBytes } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { externalExists } from '../externals.js';
import type { Handler } from '../service.js';
import { requireUsableKmsKey } from './group-kms.js';
import { openSearchDetails, type IntegrationStatus } from './integration-details.js';
import { ownEntry, putEntry } from './lookup.js';
import type { IntegrationRecord } from './state.js';

interface PutIntegrationInput {
  integrationName: string;
  integrationType: 'OPENSEARCH';
  resourceConfig: { openSearchResourceConfig?: IntegrationRecord['resourceConfig'] };
}

interface ListIntegrationsInput {
  integrationNamePrefix?: string;
  integrationType?: string;
  integrationStatus?: IntegrationStatus;
}

/** "It takes a few minutes to complete. During this time, you'll see the status as PROVISIONING." */
export const PROVISIONING_MS = 5 * 60_000;

/** "Currently you can have only one integration in your account." */
const MAX_INTEGRATIONS = 1;

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const PRINCIPAL_ARN = /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/.+$/;

// AWS's messages for the checks below are not documented; unverified, in CloudWatch Logs' style.
const invalid = (message: string) => new AwsError('InvalidParameterException', message);

function integrations(call: Call): Record<string, IntegrationRecord> {
  return (call.state.logs.integrations ??= {});
}

function requireIntegration(call: Call, name: string): IntegrationRecord {
  const integration = ownEntry(integrations(call), name);
  if (!integration) throw new AwsError('ResourceNotFoundException', `Integration ${name} does not exist.`);
  return integration;
}

/** PROVISIONING for a few minutes of engine time after creation, then ACTIVE. */
export const integrationStatus = (integration: IntegrationRecord, now: number): IntegrationStatus =>
  now - integration.creationTime < PROVISIONING_MS ? 'PROVISIONING' : 'ACTIVE';

/** The references CloudWatch Logs uses to build the OpenSearch resources must be real. */
function checkResourceConfig(call: Call, config: IntegrationRecord['resourceConfig']): void {
  if (!ROLE_ARN.test(config.dataSourceRoleArn) || !externalExists(call, 'iamRoles', config.dataSourceRoleArn)) {
    throw invalid(`The dataSourceRoleArn ${config.dataSourceRoleArn} is not a role that CloudWatch Logs can assume.`);
  }
  if (config.dashboardViewerPrincipals.length === 0) throw invalid('dashboardViewerPrincipals must name at least one IAM role or user.');
  const notPrincipal = config.dashboardViewerPrincipals.find((arn) => !PRINCIPAL_ARN.test(arn));
  if (notPrincipal !== undefined) throw invalid(`Invalid dashboard viewer principal: ${notPrincipal}. Specify the ARN of an IAM role or user.`);
  if (config.kmsKeyArn !== undefined) requireUsableKmsKey(call, config.kmsKeyArn);
  if (config.applicationArn !== undefined && !externalExists(call, 'openSearchApplications', config.applicationArn)) {
    throw invalid(`The OpenSearch Service application ${config.applicationArn} does not exist.`);
  }
}

/** Creates the one integration of the account; an existing integration cannot be modified. */
function putIntegration(call: Call, input: PutIntegrationInput) {
  const config = input.resourceConfig.openSearchResourceConfig;
  if (config === undefined) throw invalid('An OPENSEARCH integration needs an openSearchResourceConfig.');
  const all = integrations(call);
  if (ownEntry(all, input.integrationName)) {
    throw new AwsError('ValidationException', `Integration ${input.integrationName} already exists and can't be modified.`);
  }
  if (Object.keys(all).length >= MAX_INTEGRATIONS) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  checkResourceConfig(call, config);
  const integration: IntegrationRecord = {
    integrationName: input.integrationName,
    integrationType: input.integrationType,
    creationTime: call.now,
    resourceConfig: structuredClone(config),
    resourceId: resourceId(),
  };
  putEntry(all, integration.integrationName, integration);
  return { integrationName: integration.integrationName, integrationStatus: integrationStatus(integration, call.now) };
}

/** A lowercase alphanumeric id of 20 characters, like OpenSearch Serverless collection ids. */
function resourceId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

function getIntegration(call: Call, input: { integrationName: string }) {
  const integration = requireIntegration(call, input.integrationName);
  const status = integrationStatus(integration, call.now);
  return {
    integrationName: integration.integrationName,
    integrationType: integration.integrationType,
    integrationStatus: status,
    integrationDetails: { openSearchIntegrationDetails: openSearchDetails(call, integration, status) },
  };
}

function listIntegrations(call: Call, input: ListIntegrationsInput) {
  const summaries = Object.values(integrations(call))
    .map((i) => ({ integrationName: i.integrationName, integrationType: i.integrationType, integrationStatus: integrationStatus(i, call.now) }))
    .filter((s) => input.integrationNamePrefix === undefined || s.integrationName.startsWith(input.integrationNamePrefix))
    .filter((s) => input.integrationType === undefined || s.integrationType === input.integrationType)
    .filter((s) => input.integrationStatus === undefined || s.integrationStatus === input.integrationStatus)
    .sort((a, b) => (a.integrationName < b.integrationName ? -1 : 1));
  return { integrationSummaries: summaries };
}

/**
 * Deletes the integration. `force` matters only while vended-logs dashboards exist; those are built
 * in the OpenSearch console, which the engine has not, so none can exist and no deletion is refused.
 */
function deleteIntegration(call: Call, input: { integrationName: string; force?: boolean }): Record<string, never> {
  requireIntegration(call, input.integrationName);
  delete integrations(call)[input.integrationName];
  return {};
}

/** The OpenSearch Service integration (vended logs dashboards). */
export const integrationOperations: Record<string, Handler> = {
  PutIntegration: putIntegration,
  GetIntegration: getIntegration,
  ListIntegrations: listIntegrations,
  DeleteIntegration: deleteIntegration,
};
