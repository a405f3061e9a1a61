/**
 * Turning a PutObject request's bytes into the object's bytes, checked the
 * way S3 checks them:
 *
 * - `aws-chunked` bodies (what the SDK sends for a stream: `<hex size>` or
 *   `<hex size>;chunk-signature=…` lines, each followed by that many bytes,
 *   a zero-size chunk and then trailing headers such as
 *   `x-amz-checksum-crc32:…`) are decoded, and their length is checked
 *   against `x-amz-decoded-content-length`;
 * - `Content-MD5`, a hex `x-amz-content-sha256` and the flexible checksums
 *   (`x-amz-checksum-crc32`, `-crc32c`, `-sha1`, `-sha256`, in a header or
 *   a trailer) are verified; `-crc64nvme` is kept but not verified.
 *
 * Chunk signatures are not verified, just as the stand-in does not verify
 * request signatures.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { s3Errors } from './errors.js';

/** The object's bytes and the checksums to keep with it. */
export interface DecodedPayload {
  readonly body: Buffer;
  /** `x-amz-checksum-*` name → base64 value, as sent. */
  readonly checksums: Readonly<Record<string, string>>;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const CRLF = Buffer.from('\r\n');

/** Whether the request body is `aws-chunked` encoded. */
export function isAwsChunked(headers: Headers): boolean {
  const encoding = header(headers, 'content-encoding') ?? '';
  const sha = header(headers, 'x-amz-content-sha256') ?? '';
  return (
    encoding
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .includes('aws-chunked') || sha.startsWith('STREAMING-')
  );
}

/**
 * The `Content-Encoding` to store: the sent one without `aws-chunked`,
 * which only describes the transfer.
 */
export function storedContentEncoding(headers: Headers): string | undefined {
  const parts = (header(headers, 'content-encoding') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toLowerCase() !== 'aws-chunked');
  return parts.length === 0 ? undefined : parts.join(',');
}

/**
 * Decodes and verifies a PutObject body.
 *
 * @throws S3Error `IncompleteBody`, `InvalidRequest`, `BadDigest` or
 * `XAmzContentSHA256Mismatch`, as S3 would.
 */
export function decodePayload(raw: Buffer, headers: Headers): DecodedPayload {
  let body = raw;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(headers)) {
    ({ body, trailers } = decodeAwsChunked(raw));
    const declared = header(headers, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== body.length) {
      throw s3Errors.incompleteBody(
        `You did not provide the number of bytes specified by the x-amz-decoded-content-length header (${declared}; got ${body.length}).`,
      );
    }
  } else {
    const sha = header(headers, 'x-amz-content-sha256');
    if (sha !== undefined && /^[0-9a-f]{64}$/i.test(sha)) {
      const actual = createHash('sha256').update(body).digest('hex');
      if (actual !== sha.toLowerCase()) throw s3Errors.sha256Mismatch();
    }
  }
  const md5 = header(headers, 'content-md5');
  if (
    md5 !== undefined &&
    createHash('md5').update(body).digest('base64') !== md5
  ) {
    throw s3Errors.badDigest('Content-MD5');
  }
  const checksums: Record<string, string> = {};
  for (const source of [headers, trailers]) {
    for (const [name, value] of Object.entries(source)) {
      const lower = name.toLowerCase();
      if (!lower.startsWith('x-amz-checksum-') || value === undefined) {
        continue;
      }
      if (lower === 'x-amz-checksum-type' || lower === 'x-amz-checksum-mode') {
        continue;
      }
      const text = Array.isArray(value) ? value.join(',') : value;
      verifyChecksum(lower, text, body);
      checksums[lower] = text;
    }
  }
  return { body, checksums };
}

/** Decodes an `aws-chunked` body, signed or unsigned, with any trailers. */
export function decodeAwsChunked(raw: Buffer): {
  body: Buffer;
  trailers: Record<string, string>;
} {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf(CRLF, at);
    if (lineEnd === -1) {
      throw s3Errors.incompleteBody('The aws-chunked body ended mid-chunk.');
    }
    const line = raw.subarray(at, lineEnd).toString('latin1');
    const sizeText = line.split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-f]+$/i.test(sizeText)) {
      throw s3Errors.invalidRequest(
        `Bad aws-chunked chunk header: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    const size = Number.parseInt(sizeText, 16);
    at = lineEnd + CRLF.length;
    if (size === 0) break;
    if (at + size + CRLF.length > raw.length) {
      throw s3Errors.incompleteBody('The aws-chunked body ended mid-chunk.');
    }
    chunks.push(raw.subarray(at, at + size));
    at += size;
    if (!raw.subarray(at, at + CRLF.length).equals(CRLF)) {
      throw s3Errors.invalidRequest(
        'An aws-chunked chunk is longer than its size.',
      );
    }
    at += CRLF.length;
  }
  const trailers: Record<string, string> = {};
  const rest = raw.subarray(at).toString('latin1');
  for (const line of rest.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw s3Errors.invalidRequest(
        `Bad aws-chunked trailer: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    trailers[line.slice(0, colon).trim().toLowerCase()] = line
      .slice(colon + 1)
      .trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}

/** MD5 hex in quotes: a single-part object's ETag. */
export function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

function verifyChecksum(name: string, value: string, body: Buffer): void {
  let actual: string | undefined;
  switch (name) {
    case 'x-amz-checksum-crc32': {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(body));
      actual = digest.toString('base64');
      break;
    }
    case 'x-amz-checksum-crc32c': {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32c(body));
      actual = digest.toString('base64');
      break;
    }
    case 'x-amz-checksum-sha1':
      actual = createHash('sha1').update(body).digest('base64');
      break;
    case 'x-amz-checksum-sha256':
      actual = createHash('sha256').update(body).digest('base64');
      break;
    default:
      return;
  }
  if (actual !== value) {
    throw s3Errors.badDigest(
      name.slice('x-amz-checksum-'.length).toUpperCase(),
    );
  }
}

/** CRC-32C (Castagnoli), which Node's zlib does not offer. */
const CRC32C_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32c(body: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of body) {
    crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
