import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorise } from '../../../infra/local/s3/auth.js';
import {
  checkConditions,
  etagMatches,
  parseRange,
} from '../../../infra/local/s3/conditions.js';
import { S3Error } from '../../../infra/local/s3/errors.js';
import type { StoredObject } from '../../../infra/local/s3/store.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof S3Error) return error.code;
    throw error;
  }
  return undefined;
}

const SIGNED =
  'AWS4-HMAC-SHA256 Credential=local/20260105/eu-west-2/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0f3a';

describe('authorise', () => {
  const none = new URLSearchParams();

  it('lets a SigV4 Authorization header through', () => {
    expect(codeOf(() => authorise({ authorization: SIGNED }, none))).toBe(
      undefined,
    );
  });

  it('refuses a request with no credentials with AccessDenied', () => {
    expect(codeOf(() => authorise({}, none))).toBe('AccessDenied');
  });

  it('refuses other schemes as malformed', () => {
    expect(
      codeOf(() => authorise({ authorization: 'AWS local:c2ln' }, none)),
    ).toBe('AuthorizationHeaderMalformed');
  });

  it('accepts a presigned query until it expires', () => {
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'local/20260105/eu-west-2/s3/aws4_request',
      'X-Amz-Date': '20260105T100000Z',
      'X-Amz-Expires': '60',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': 'ab',
    });
    const signedAt = Date.UTC(2026, 0, 5, 10, 0, 0);

    expect(codeOf(() => authorise({}, query, signedAt + 60_000))).toBe(
      undefined,
    );
    expect(codeOf(() => authorise({}, query, signedAt + 61_000))).toBe(
      'AccessDenied',
    );
    query.delete('X-Amz-Signature');
    expect(codeOf(() => authorise({}, query, signedAt))).toBe('AccessDenied');
  });
});

describe('parseRange', () => {
  it('reads one byte range as inclusive offsets', () => {
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
  });

  it('ignores no range, several ranges or an unreadable one', () => {
    for (const header of [
      undefined,
      'bytes=0-1,4-5',
      'items=0-1',
      'bytes=5-2',
    ]) {
      expect(parseRange(header, 10)).toBeUndefined();
    }
  });

  it('refuses a range past the end with InvalidRange', () => {
    expect(codeOf(() => parseRange('bytes=10-', 10))).toBe('InvalidRange');
    expect(codeOf(() => parseRange('bytes=-0', 10))).toBe('InvalidRange');
  });
});

describe('checkConditions', () => {
  const object = {
    etag: '"abc"',
    lastModified: new Date('2026-01-05T10:00:00.500Z'),
  } as StoredObject;
  const check = (headers: IncomingHttpHeaders) =>
    codeOf(() => checkConditions(headers, object)) ??
    checkConditions(headers, object);

  it('answers 304 (true) for a matching If-None-Match', () => {
    expect(check({ 'if-none-match': '"abc"' })).toBe(true);
    expect(check({ 'if-none-match': '"other"' })).toBe(false);
  });

  it('answers 304 when not modified since, to the second', () => {
    expect(
      check({ 'if-modified-since': 'Mon, 05 Jan 2026 10:00:00 GMT' }),
    ).toBe(true);
    expect(
      check({ 'if-modified-since': 'Mon, 05 Jan 2026 09:59:59 GMT' }),
    ).toBe(false);
  });

  it('fails If-Match and If-Unmodified-Since with PreconditionFailed', () => {
    expect(check({ 'if-match': '"other"' })).toBe('PreconditionFailed');
    expect(
      check({ 'if-unmodified-since': 'Mon, 05 Jan 2026 09:59:59 GMT' }),
    ).toBe('PreconditionFailed');
    expect(check({ 'if-match': '*' })).toBe(false);
  });

  it('matches ETags with or without quotes, in lists, weak or not', () => {
    expect(etagMatches('abc', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x"', '"abc"')).toBe(false);
  });
});
