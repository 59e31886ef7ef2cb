/** What the engine reads from a SigV4 `Authorization` header (signatures are not verified). */
export interface Credential {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/logs/aws4_request, …`. Returns
 * undefined when the header is absent; a string describing the defect when it is malformed.
 */
export function parseAuthorization(header: string | undefined): Credential | string | undefined {
  if (!header) return undefined;
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    return `Authorization header requires 'AWS4-HMAC-SHA256' as its algorithm.`;
  }
  const m = CREDENTIAL.exec(header);
  if (!m) {
    return `Authorization header requires 'Credential' parameter of the form AKID/DATE/REGION/SERVICE/aws4_request.`;
  }
  return { accessKeyId: m[1]!, region: m[3]!, service: m[4]! };
}
