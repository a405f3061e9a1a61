/**
 * The stand-in's gate: S3 refuses anonymous requests to a private bucket,
 * and so does this. A request needs an `Authorization: AWS4-HMAC-SHA256
 * Credential=…, SignedHeaders=…, Signature=…` header (the SDK always sends
 * one) or a presigned URL's `X-Amz-*` query that has not expired. The
 * signature itself is not checked: any credentials will do locally.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error, s3Errors } from './errors.js';

/**
 * Refuses requests that carry no SigV4 `Authorization` header and are not
 * a presigned URL, as S3 refuses anonymous requests to a private bucket.
 */
export function authorise(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  now: number = Date.now(),
): void {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    if (
      !/^AWS4-HMAC-SHA256\s+Credential=[^,\s]+,\s*SignedHeaders=[^,\s]+,\s*Signature=[0-9a-f]+$/.test(
        authorization.trim(),
      )
    ) {
      throw new S3Error(
        'AuthorizationHeaderMalformed',
        400,
        'The authorization header is malformed; the local S3 stand-in expects AWS4-HMAC-SHA256 (Signature Version 4).',
      );
    }
    return;
  }
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm === null) {
    throw s3Errors.accessDenied(
      'Access Denied: the request carries no AWS Signature Version 4 Authorization header.',
    );
  }
  const date = query.get('X-Amz-Date') ?? '';
  const expires = Number(query.get('X-Amz-Expires') ?? 'x');
  const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (
    algorithm !== 'AWS4-HMAC-SHA256' ||
    query.get('X-Amz-Credential') === null ||
    query.get('X-Amz-Signature') === null ||
    signedAt === null ||
    !Number.isInteger(expires)
  ) {
    throw s3Errors.accessDenied(
      'Access Denied: the presigned URL is incomplete.',
    );
  }
  const [, y, mo, d, h, mi, s] = signedAt.map(Number);
  const signed = Date.UTC(
    y ?? 0,
    (mo ?? 1) - 1,
    d ?? 1,
    h ?? 0,
    mi ?? 0,
    s ?? 0,
  );
  if (now > signed + expires * 1000) {
    throw s3Errors.accessDenied('Request has expired');
  }
}
