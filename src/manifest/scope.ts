import { str, type ObjectField } from '../model/schema.js';

/**
 * Where a document's resources live, as far as the manifests say: an account (an id, or an alias
 * of `logwarden.yaml`'s `accounts`) and a region. What they leave out is the target's own
 * (its credentials' account, its region), pinned in state/ on first apply.
 */
export interface DeclaredScope {
  account?: string;
  region?: string;
}

/** `scope:` of a document or of a directory's `logwarden.yaml`. */
export const SCOPE_FIELD: ObjectField = {
  kind: 'object',
  doc: 'Where these resources live: account and region(s). Unset parts are the target\'s own.',
  fields: {
    account: str('An account id (12 digits) or an alias declared under `accounts` in the repository\'s logwarden.yaml.'),
    region: str('The region, e.g. us-east-1.'),
    regions: { kind: 'list', doc: 'Several regions: every resource of the document in each.', items: str(''), minItems: 1 },
  },
  oneOf: [['region', 'regions']],
};

/** A `logwarden.yaml`: its directory's scope; account aliases, roles and the organization for the whole repository. */
export const SETTINGS: ObjectField = {
  kind: 'object',
  doc: 'Repository settings: the default scope, account aliases, how to reach each account, the organization.',
  fields: {
    scope: SCOPE_FIELD,
    accounts: {
      kind: 'map',
      doc: 'Accounts by alias (manifests may name an account by its alias).',
      values: {
        kind: 'object',
        doc: 'An account.',
        fields: {
          id: str('The 12-digit account id.', { required: true }),
          roleArn: str('The role logwarden assumes to manage this account (AWS targets).'),
          externalId: str('The external id the role requires.'),
        },
      },
    },
    assumeRole: {
      kind: 'object',
      doc: 'How to reach accounts other than the credentials\' own (AWS targets), unless the account names its own role.',
      fields: {
        roleArn: str('Role ARN pattern; {account} is replaced by the account id, e.g. arn:aws:iam::{account}:role/logwarden.', { required: true }),
        externalId: str('The external id the roles require.'),
        sessionName: str('The role session name (default logwarden).'),
      },
    },
    organization: {
      kind: 'object',
      doc: 'The AWS Organization the accounts belong to (organization trails need its management account).',
      fields: {
        managementAccount: str('The management account: id or alias.', { required: true }),
        id: str('The organization id, o-…; the local engine makes one up when absent.'),
      },
    },
  },
};

/** Account aliases, roles and the organization, as the repository's logwarden.yaml declares them. */
export interface FleetSettings {
  accounts: Map<string, { id: string; roleArn?: string; externalId?: string }>;
  assumeRole?: { roleArn: string; externalId?: string; sessionName?: string };
  organization?: { managementAccount: string; id?: string };
}

export const emptySettings = (): FleetSettings => ({ accounts: new Map() });

/** The file name of repository and directory settings. */
export const SETTINGS_FILE = 'logwarden.yaml';

/** A scope as written: `region` or `regions`. */
export interface RawScope {
  account?: string;
  region?: string;
  regions?: string[];
}

/**
 * A document's scope from its own `scope:` and its directory's: each part the document leaves out
 * is the directory's; `regions` spread into one scope per region.
 */
export function expandScope(own: RawScope | undefined, inherited: RawScope): DeclaredScope[] {
  const account = own?.account ?? inherited.account;
  const regionsOf = (s: RawScope | undefined) => s?.regions ?? (s?.region !== undefined ? [s.region] : undefined);
  const regions = regionsOf(own) ?? regionsOf(inherited) ?? [undefined];
  return [...new Set(regions)].map((region) => ({ ...(account !== undefined && { account }), ...(region !== undefined && { region }) }));
}

/** `111111111111/us-east-1`, `*\/eu-west-1`: declarations are kept per declared scope. */
export const declaredScopeKey = (s: DeclaredScope): string => `${s.account ?? '*'}/${s.region ?? '*'}`;

