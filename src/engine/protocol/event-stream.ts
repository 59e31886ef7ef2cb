/**
 * The `application/vnd.amazon.eventstream` framing of AWS's streaming responses. A message is a
 * prelude (total length, headers length, both 4-byte big-endian, then the CRC32 of those 8
 * bytes), the headers, the payload, and the CRC32 of everything before it. A header is its name's
 * length (1 byte), the name, a type byte (7 = string), the value's length (2 bytes) and the value.
 */

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const STRING_HEADER = 7;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as the event stream format checksums prelude and message. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + n.length + 3);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(STRING_HEADER, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    parts.push(head, v);
  }
  return Buffer.concat(parts);
}

/** One event stream message with string headers. */
export function encodeMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const h = encodeHeaders(headers);
  const total = 12 + h.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(h.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  h.copy(message, 12);
  payload.copy(message, 12 + h.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** A modelled event of the stream's union (`sessionStart`, …), or the RPC `initial-response`. */
export function eventMessage(eventType: string, body: unknown): Buffer {
  return encodeMessage(
    { ':event-type': eventType, ':message-type': 'event', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(body), 'utf8'),
  );
}

/** A modelled exception member of the stream's union; the stream ends after it. */
export function exceptionMessage(exceptionType: string, message: string): Buffer {
  return encodeMessage(
    { ':exception-type': exceptionType, ':message-type': 'exception', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}
