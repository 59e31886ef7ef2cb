import type { Call } from '../call.js';
import type { IntegrationRecord } from './state.js';

export type IntegrationStatus = 'PROVISIONING' | 'ACTIVE' | 'FAILED';

/**
 * The OpenSearch Service resources an integration sets up, as GetIntegration describes them. Their
 * names and endpoints follow OpenSearch's own formats (Serverless collections
 * `https://ID.REGION.aoss.amazonaws.com`, applications under `arn:aws:opensearch:…:application/ID`);
 * the names CloudWatch Logs gives its policies are not documented, so these are the engine's own.
 * A resource reports ACTIVE once the integration is; while it provisions, no status yet.
 */
export function openSearchDetails(call: Call, integration: IntegrationRecord, status: IntegrationStatus) {
  const id = integration.resourceId;
  const resourceStatus = status === 'ACTIVE' ? { status: { status: 'ACTIVE' } } : {};
  const base = `cwl-${id}`;
  const applicationArn = integration.resourceConfig.applicationArn ?? call.arn('opensearch', `application/${id}`);
  return {
    dataSource: { dataSourceName: `cwl_${id}`, ...resourceStatus },
    application: {
      applicationEndpoint: `https://application-${applicationArn.slice(applicationArn.lastIndexOf('/') + 1)}.${call.region}.opensearch.amazonaws.com`,
      applicationArn,
      applicationId: applicationArn.slice(applicationArn.lastIndexOf('/') + 1),
      ...resourceStatus,
    },
    collection: {
      collectionEndpoint: `https://${id}.${call.region}.aoss.amazonaws.com`,
      collectionArn: call.arn('aoss', `collection/${id}`),
      ...resourceStatus,
    },
    workspace: { workspaceId: id, ...resourceStatus },
    encryptionPolicy: { policyName: `${base}-encryption`, ...resourceStatus },
    networkPolicy: { policyName: `${base}-network`, ...resourceStatus },
    accessPolicy: { policyName: `${base}-access`, ...resourceStatus },
    lifecyclePolicy: { policyName: `${base}-lifecycle`, ...resourceStatus },
  };
}
