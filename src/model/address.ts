/**
 * A resource's identity: its kind and AWS name. Nested resources (a log group's filters and
 * policies) also name their parent; their name reads `group/filterName`, or the group's own name
 * for a group's single policy. The closed set of kinds is the registry's (src/kinds/index.ts).
 */
export interface Address {
  kind: string;
  name: string;
  /** The name of the resource this one is nested in (its kind is the kind spec's `parent`). */
  parent?: string;
}

/** `logGroup "/aws/lambda/payments"`, `metricFilter "/aws/lambda/payments/errors"`. */
export function formatAddress(a: Address): string {
  return `${a.kind} ${JSON.stringify(a.name)}`;
}

/** A stable key for maps and ownership records: `logGroup:/aws/lambda/payments`. */
export function addressKey(a: Address): string {
  return `${a.kind}:${a.name}`;
}

/** The address of a top-level key (ownership records name only top-level resources). */
export function parseAddressKey(key: string): Address {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i), name: key.slice(i + 1) };
}
