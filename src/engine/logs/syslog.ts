import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import { regionalExternalExists } from '../externals.js';
import type { Handler } from '../service.js';
import { logGroupArn, ownEntry, putEntry, requireLogGroupByIdentifier } from './lookup.js';
import { paginate } from './policy-page.js';
import type { LogGroupRecord, SyslogConfigurationRecord } from './state.js';

interface SyslogTarget {
  logGroupIdentifier: string;
  vpcEndpointId?: string;
}

interface ListSyslogConfigurationsInput {
  logGroupIdentifier?: string;
  vpcEndpointId?: string;
  nextToken?: string;
  maxResults?: number;
}

/**
 * This region's syslog configurations, without those whose log group is gone: deleting a group
 * ends its syslog ingestion (a group created again under the name starts without it).
 */
function configurations(call: Call): Record<string, SyslogConfigurationRecord> {
  const configs = (call.state.logs.syslogConfigurations ??= {});
  for (const [endpoint, config] of Object.entries(configs)) {
    const group = ownEntry(call.state.logs.logGroups, config.logGroupName);
    if (group?.creationTime !== config.logGroupCreationTime) delete configs[endpoint];
  }
  return configs;
}

// The messages below follow AWS's wording elsewhere in CloudWatch Logs; unverified against AWS.
const configNotFound = () => new AwsError('ResourceNotFoundException', 'The specified syslog configuration does not exist.');

/**
 * Syslog arriving at a VPC endpoint is stored in one log group, so an endpoint already feeding
 * another group is refused; putting the same pair again changes nothing.
 */
function putSyslogConfiguration(call: Call, input: SyslogTarget): undefined {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  const endpoint = input.vpcEndpointId;
  if (endpoint === undefined) {
    throw new AwsError('InvalidParameterException', 'A vpcEndpointId is required to create a syslog configuration.');
  }
  if (!regionalExternalExists(call, 'vpcEndpoints', endpoint)) {
    throw new AwsError('ResourceNotFoundException', `The specified VPC endpoint does not exist: ${endpoint}`);
  }
  const configs = configurations(call);
  const existing = ownEntry(configs, endpoint);
  if (existing && existing.logGroupName !== group.logGroupName) {
    throw new AwsError(
      'InvalidOperationException',
      `The VPC endpoint ${endpoint} is already associated with log group ${existing.logGroupName}.`,
    );
  }
  if (!existing) {
    putEntry(configs, endpoint, {
      logGroupName: group.logGroupName,
      logGroupCreationTime: group.creationTime,
      vpcEndpointId: endpoint,
      createdAt: call.now,
    });
  }
  return undefined;
}

/** Deletes the group's configuration for one endpoint, or for every endpoint when none is named. */
function deleteSyslogConfiguration(call: Call, input: SyslogTarget): undefined {
  const group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  const configs = configurations(call);
  const doomed = Object.values(configs).filter(
    (c) => c.logGroupName === group.logGroupName && (input.vpcEndpointId === undefined || c.vpcEndpointId === input.vpcEndpointId),
  );
  if (doomed.length === 0) throw configNotFound();
  for (const config of doomed) delete configs[config.vpcEndpointId];
  return undefined;
}

function syslogView(call: Call, config: SyslogConfigurationRecord) {
  return {
    logGroupArn: logGroupArn(call, config.logGroupName),
    sourceType: 'VPCE',
    vpcEndpointId: config.vpcEndpointId,
    createdAt: config.createdAt,
  };
}

/** Ordered by log group, then endpoint; filters combine with AND. */
function listSyslogConfigurations(call: Call, input: ListSyslogConfigurationsInput) {
  let group: LogGroupRecord | undefined;
  if (input.logGroupIdentifier !== undefined) group = requireLogGroupByIdentifier(call, input.logGroupIdentifier);
  const matching = Object.values(configurations(call))
    .filter((c) => group === undefined || c.logGroupName === group.logGroupName)
    .filter((c) => input.vpcEndpointId === undefined || c.vpcEndpointId === input.vpcEndpointId)
    .sort((a, b) => compare(a.logGroupName, b.logGroupName) || compare(a.vpcEndpointId, b.vpcEndpointId));
  // maxResults 0 (the model's default) asks for the default page.
  const page = paginate('ListSyslogConfigurations', matching, { limit: input.maxResults || undefined, nextToken: input.nextToken });
  return {
    syslogConfigurations: page.items.map((c) => syslogView(call, c)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Turns bearer token authentication of the group's ingestion on or off. */
function putBearerTokenAuthentication(
  call: Call,
  input: { logGroupIdentifier: string; bearerTokenAuthenticationEnabled: boolean },
): undefined {
  requireLogGroupByIdentifier(call, input.logGroupIdentifier).bearerTokenAuthenticationEnabled =
    input.bearerTokenAuthenticationEnabled;
  return undefined;
}

/** Syslog ingestion through VPC endpoints, and bearer-token authentication of a group's ingestion. */
export const syslogOperations: Record<string, Handler> = {
  PutSyslogConfiguration: putSyslogConfiguration,
  DeleteSyslogConfiguration: deleteSyslogConfiguration,
  ListSyslogConfigurations: listSyslogConfigurations,
  PutBearerTokenAuthentication: putBearerTokenAuthentication,
};
