/**
 * ListObjectsV2's paging, as a pure function over a bucket's sorted keys:
 * prefix, delimiter (keys rolled up into common prefixes, each counting as
 * one entry), max-keys, start-after and continuation tokens.
 *
 * Keys sort in UTF-8 byte order, as S3 lists them. A continuation token is
 * opaque to clients; here it is the last entry returned (a key or a common
 * prefix), base64url-encoded with a version tag.
 */
import { s3Errors } from './errors.js';

export interface ListRequest {
  readonly prefix: string;
  /** Empty or undefined: no rolling up. */
  readonly delimiter?: string | undefined;
  /** 0–1000. */
  readonly maxKeys: number;
  /** Ignored when a continuation token is given, as in S3. */
  readonly startAfter?: string | undefined;
  readonly continuationToken?: string | undefined;
}

export interface ListPage {
  /** Keys, in order. */
  readonly keys: readonly string[];
  /** Common prefixes, in order, each ending with the delimiter. */
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken?: string;
}

/** S3's order: UTF-8 bytes, not UTF-16 code units. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Sorts keys into S3's listing order. */
export function sortKeys(keys: Iterable<string>): string[] {
  return [...keys]
    .map((key) => ({ key, bytes: Buffer.from(key, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ key }) => key);
}

const TOKEN_TAG = 'v1:';

export function encodeContinuationToken(marker: string): string {
  return Buffer.from(`${TOKEN_TAG}${marker}`, 'utf8').toString('base64url');
}

/** @throws S3Error `InvalidArgument` for a token this stand-in did not issue. */
export function decodeContinuationToken(token: string): string {
  const text = /^[A-Za-z0-9_-]*$/.test(token)
    ? Buffer.from(token, 'base64url').toString('utf8')
    : '';
  if (!text.startsWith(TOKEN_TAG)) {
    throw s3Errors.invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  }
  return text.slice(TOKEN_TAG.length);
}

/**
 * One page of a listing.
 *
 * @param sortedKeys every key in the bucket, in {@link sortKeys} order.
 * @example
 * listPage(['a/1', 'a/2', 'b'], { prefix: '', delimiter: '/', maxKeys: 1000 });
 * // → { keys: ['b'], commonPrefixes: ['a/'], isTruncated: false }
 */
export function listPage(
  sortedKeys: readonly string[],
  request: ListRequest,
): ListPage {
  const { prefix, maxKeys } = request;
  const delimiter = request.delimiter || undefined;
  const marker =
    request.continuationToken !== undefined
      ? decodeContinuationToken(request.continuationToken)
      : request.startAfter || undefined;
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let isTruncated = false;

  for (let i = firstAfter(sortedKeys, marker); i < sortedKeys.length; i++) {
    const key = sortedKeys[i] as string;
    if (!key.startsWith(prefix)) {
      // Keys under a prefix are contiguous in byte order.
      if (compareKeys(key, prefix) < 0) continue;
      break;
    }
    const cut =
      delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    const entry =
      cut === -1 ? key : key.slice(0, cut + (delimiter?.length ?? 0));
    if (cut !== -1) {
      // Already returned, on this page or (as the marker) an earlier one.
      if (entry === last) continue;
      if (marker !== undefined && compareKeys(entry, marker) <= 0) continue;
    }
    if (keys.length + commonPrefixes.length >= maxKeys) {
      isTruncated = maxKeys > 0;
      break;
    }
    if (cut === -1) keys.push(entry);
    else commonPrefixes.push(entry);
    last = entry;
  }
  return isTruncated && last !== undefined
    ? {
        keys,
        commonPrefixes,
        isTruncated,
        nextContinuationToken: encodeContinuationToken(last),
      }
    : { keys, commonPrefixes, isTruncated: false };
}

/** Index of the first key after `marker` (binary search). */
function firstAfter(
  sortedKeys: readonly string[],
  marker: string | undefined,
): number {
  if (marker === undefined) return 0;
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(sortedKeys[middle] as string, marker) <= 0)
      low = middle + 1;
    else high = middle;
  }
  return low;
}
