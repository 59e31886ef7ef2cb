/** The kinds of resource logwarden manages, named as in the plan. */
export type ResourceKind =
  | 'logGroup'
  | 'metricFilter'
  | 'subscriptionFilter'
  | 'dataProtectionPolicy'
  | 'destination'
  | 'resourcePolicy'
  | 'trail';

/**
 * A resource's identity: its kind and AWS name. Nested filters are `group/filterName`; a data
 * protection policy is named by its log group.
 */
export interface Address {
  kind: ResourceKind;
  name: string;
}

/** `logGroup "/aws/lambda/payments"`, `metricFilter "/aws/lambda/payments/errors"`. */
export function formatAddress(a: Address): string {
  return `${a.kind} ${JSON.stringify(a.name)}`;
}

/** A stable key for maps and ownership records: `logGroup:/aws/lambda/payments`. */
export function addressKey(a: Address): string {
  return `${a.kind}:${a.name}`;
}

export function parseAddressKey(key: string): Address {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as ResourceKind, name: key.slice(i + 1) };
}

/** Identity of a nested filter. */
export const nestedName = (logGroupName: string, filterName: string): string => `${logGroupName}/${filterName}`;
