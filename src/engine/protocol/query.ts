import type { WireRequest, WireResponse } from './json11.js';

/**
 * The awsQuery protocol (STS): a form-encoded POST naming `Action` and `Version`, answered in XML.
 * Measured against @aws-sdk/client-sts 3.1169: `POST /`, `content-type:
 * application/x-www-form-urlencoded`, body `Action=GetCallerIdentity&Version=2011-06-15`.
 */
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** A request in awsQuery shape: a form post (AWS JSON requests carry a JSON content type instead). */
export function isQueryRequest(req: WireRequest): boolean {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return req.method === 'POST' && contentType === FORM_TYPE;
}

/** The form parameters of an awsQuery request body. */
export function decodeForm(body: Uint8Array | string): URLSearchParams {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return new URLSearchParams(text);
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function xmlResponse(status: number, requestId: string, xml: string): WireResponse {
  const body = Buffer.from(xml);
  return {
    status,
    headers: { 'content-type': 'text/xml', 'content-length': String(body.length), 'x-amzn-requestid': requestId },
    body,
  };
}

/** The members of an awsQuery answer: strings, or structures of them. */
export type QueryMembers = { [name: string]: string | QueryMembers };

const xmlMembers = (members: QueryMembers, indent: string): string =>
  Object.entries(members)
    .map(([name, value]) => (typeof value === 'string' ? `${indent}<${name}>${escapeXml(value)}</${name}>\n` : `${indent}<${name}>\n${xmlMembers(value, `${indent}  `)}${indent}</${name}>\n`))
    .join('');

/**
 * A successful awsQuery answer, as AWS writes it: `<ActionResponse>` holding `<ActionResult>` with
 * one element per member (structures nested), then `<ResponseMetadata><RequestId>`.
 */
export function queryResult(namespace: string, action: string, members: QueryMembers, requestId: string): WireResponse {
  const fields = [xmlMembers(members, '    ')];
  return xmlResponse(
    200,
    requestId,
    `<${action}Response xmlns="${namespace}">\n` +
      `  <${action}Result>\n${fields.join('')}  </${action}Result>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
      `</${action}Response>\n`,
  );
}

/** An awsQuery error: `<ErrorResponse>` with Type (Sender for 4xx, Receiver for 5xx), Code, Message. */
export function queryError(namespace: string, status: number, code: string, message: string, requestId: string): WireResponse {
  return xmlResponse(
    status,
    requestId,
    `<ErrorResponse xmlns="${namespace}">\n` +
      `  <Error>\n    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
      `    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId}</RequestId>\n` +
      `</ErrorResponse>\n`,
  );
}
