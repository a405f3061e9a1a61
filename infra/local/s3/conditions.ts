/**
 * S3's conditional requests (If-Match, If-None-Match, If-Modified-Since,
 * If-Unmodified-Since) and single byte ranges on GetObject / HeadObject.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { s3Errors } from './errors.js';
import type { StoredObject } from './store.js';

/**
 * S3's conditional GET and HEAD: a failed If-Match or If-Unmodified-Since
 * is a 412; a matching If-None-Match or unchanged If-Modified-Since is a
 * 304 (returns true).
 */
export function checkConditions(
  headers: IncomingHttpHeaders,
  object: StoredObject,
): boolean {
  const modified = Math.floor(object.lastModified.getTime() / 1000);
  const since = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
  };
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) {
    throw s3Errors.preconditionFailed('If-Match');
  }
  const unmodifiedSince = since(headers['if-unmodified-since']);
  if (
    ifMatch === undefined &&
    unmodifiedSince !== undefined &&
    modified > unmodifiedSince
  ) {
    throw s3Errors.preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, object.etag);
  const modifiedSince = since(headers['if-modified-since']);
  return modifiedSince !== undefined && modified <= modifiedSince;
}

export function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((part) => part.trim().replace(/^W\//, ''))
    .some((part) => part === '*' || part === etag || `"${part}"` === etag);
}

/**
 * One `bytes=` range as inclusive offsets; undefined (the whole object,
 * as HTTP allows) for none, several or an unreadable one.
 *
 * @throws S3Error `InvalidRange` when it starts past the end.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const length = Number(last);
    if (length === 0) throw s3Errors.invalidRange();
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) throw s3Errors.invalidRange();
  if (end < start) return undefined;
  return { start, end };
}
