import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../infra/local/s3/errors.js';
import {
  crc32c,
  decodeAwsChunked,
  decodePayload,
  etagOf,
  isAwsChunked,
  storedContentEncoding,
} from '../../../infra/local/s3/payload.js';

function crc32Base64(body: Buffer): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(body));
  return digest.toString('base64');
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof S3Error) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeAwsChunked', () => {
  it('decodes unsigned chunks with a checksum trailer (what the SDK sends)', () => {
    const raw = Buffer.from(
      '3\r\nabc\r\n3\r\ndef\r\n0\r\nx-amz-checksum-crc32:S4457w==\r\n\r\n',
    );

    const { body, trailers } = decodeAwsChunked(raw);

    expect(body.toString()).toBe('abcdef');
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'S4457w==' });
  });

  it('decodes signed chunks and keeps binary data intact', () => {
    const data = Buffer.from([0, 13, 10, 255, 48, 13, 10]);
    const signature = 'a'.repeat(64);
    const raw = Buffer.concat([
      Buffer.from(`7;chunk-signature=${signature}\r\n`),
      data,
      Buffer.from(`\r\n0;chunk-signature=${signature}\r\n\r\n`),
    ]);

    const { body, trailers } = decodeAwsChunked(raw);

    expect(body.equals(data)).toBe(true);
    expect(trailers).toEqual({});
  });

  it('refuses a body cut short or framed wrongly', () => {
    expect(codeOf(() => decodeAwsChunked(Buffer.from('5\r\nabc')))).toBe(
      'IncompleteBody',
    );
    expect(codeOf(() => decodeAwsChunked(Buffer.from('zz\r\n')))).toBe(
      'InvalidRequest',
    );
    expect(
      codeOf(() => decodeAwsChunked(Buffer.from('2\r\nabc\r\n0\r\n\r\n'))),
    ).toBe('InvalidRequest');
  });
});

describe('decodePayload', () => {
  it('checks the decoded length against x-amz-decoded-content-length', () => {
    const raw = Buffer.from('3\r\nabc\r\n0\r\n\r\n');

    const ok = decodePayload(raw, {
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '3',
    });
    const short = codeOf(() =>
      decodePayload(raw, {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '4',
      }),
    );

    expect(ok.body.toString()).toBe('abc');
    expect(short).toBe('IncompleteBody');
  });

  it('verifies and keeps CRC32, SHA-1 and SHA-256 checksums', () => {
    const body = Buffer.from('hello');
    const headers = {
      'x-amz-checksum-crc32': crc32Base64(body),
      'x-amz-checksum-sha256': createHash('sha256')
        .update(body)
        .digest('base64'),
    };

    expect(decodePayload(body, headers).checksums).toEqual(headers);
    expect(
      codeOf(() => decodePayload(body, { 'x-amz-checksum-sha1': 'AAAA' })),
    ).toBe('BadDigest');
  });

  it('verifies CRC32C', () => {
    // The standard check value of CRC-32C.
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(
      codeOf(() =>
        decodePayload(Buffer.from('x'), {
          'x-amz-checksum-crc32c': 'AAAAAA==',
        }),
      ),
    ).toBe('BadDigest');
  });

  it('verifies a checksum sent as a trailer', () => {
    const raw = Buffer.from(
      '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    );

    expect(
      codeOf(() => decodePayload(raw, { 'content-encoding': 'aws-chunked' })),
    ).toBe('BadDigest');
  });

  it('verifies Content-MD5 and a hex x-amz-content-sha256', () => {
    const body = Buffer.from('hello');

    expect(
      codeOf(() =>
        decodePayload(body, {
          'content-md5': createHash('md5').update('other').digest('base64'),
        }),
      ),
    ).toBe('BadDigest');
    expect(
      codeOf(() =>
        decodePayload(body, { 'x-amz-content-sha256': '0'.repeat(64) }),
      ),
    ).toBe('XAmzContentSHA256Mismatch');
    expect(
      decodePayload(body, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }).body,
    ).toEqual(body);
  });
});

describe('headers', () => {
  it('recognises aws-chunked by encoding or streaming hash', () => {
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(
      true,
    );
    expect(
      isAwsChunked({
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      }),
    ).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip' })).toBe(false);
  });

  it('stores the content encoding without aws-chunked', () => {
    expect(
      storedContentEncoding({ 'content-encoding': 'gzip,aws-chunked' }),
    ).toBe('gzip');
    expect(
      storedContentEncoding({ 'content-encoding': 'aws-chunked' }),
    ).toBeUndefined();
  });

  it('makes the ETag the quoted MD5 hex', () => {
    expect(etagOf(Buffer.from('hello'))).toBe(
      '"5d41402abc4b2a76b9719d911017c592"',
    );
  });
});
