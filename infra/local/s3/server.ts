/**
 * The HTTP face of the local S3: the operations Hearth uses, at the paths
 * `@aws-sdk/client-s3` sends them to with `forcePathStyle: true`:
 *
 * | request                              | operation            |
 * |--------------------------------------|----------------------|
 * | `GET /`                              | ListBuckets          |
 * | `PUT /{bucket}`                      | CreateBucket         |
 * | `HEAD /{bucket}`                     | HeadBucket           |
 * | `DELETE /{bucket}`                   | DeleteBucket         |
 * | `GET /{bucket}?list-type=2`          | ListObjectsV2        |
 * | `PUT /{bucket}/{key+}`               | PutObject            |
 * | `GET /{bucket}/{key+}`               | GetObject            |
 * | `HEAD /{bucket}/{key+}`              | HeadObject           |
 * | `DELETE /{bucket}/{key+}`            | DeleteObject         |
 *
 * Anything else (multipart uploads, ACLs, tagging, versions, ListObjects
 * v1, copies…) is a 501 `NotImplemented` that names what was asked, never
 * a silent wrong answer. The key is read from the raw request path, dot
 * segments and all (`a/../b` is a key, as in S3), never from a normalised
 * URL.
 *
 * Every S3 request passes auth.ts's gate first. `/_local/…` holds the
 * read-only local controls (local-controls.ts).
 */
import { randomBytes } from 'node:crypto';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import { authorise } from './auth.js';
import { checkConditions, etagMatches, parseRange } from './conditions.js';
import { S3Error, s3Errors } from './errors.js';
import { listPage } from './listing.js';
import { handleLocal } from './local-controls.js';
import { decodePayload, etagOf, storedContentEncoding } from './payload.js';
import {
  type BucketStore,
  isValidBucketName,
  type StoredObject,
} from './store.js';
import { errorDocument, textElement, xmlDocument } from './xml.js';

export interface ServerContext {
  readonly store: BucketStore;
  /** What HeadBucket and ListBuckets report. */
  readonly region: string;
  /** Largest object PutObject accepts, in bytes. */
  readonly maxObjectBytes: number;
  readonly log: (line: string) => void;
}

/** What S3 allows in all of an object's `x-amz-meta-*` headers, in bytes. */
const MAX_METADATA_BYTES = 2048;
const MAX_KEY_BYTES = 1024;
const MAX_LIST_KEYS = 1000;
/** Headers stored with an object and returned as sent. */
const KEPT_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-language',
  'expires',
] as const;
/** GetObject's `response-*` query overrides and the header each sets. */
const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-content-type': 'content-type',
  'response-expires': 'expires',
};

interface S3Request {
  readonly method: string;
  /** Undefined for the service (`GET /`). */
  readonly bucket: string | undefined;
  /** Undefined for the bucket itself. */
  readonly key: string | undefined;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string;
  readonly incoming: IncomingMessage;
}

/**
 * The request listener for `node:http`'s `createServer`.
 *
 * @example
 * createServer(requestListener({ store, region: 'eu-west-2', … })).listen(0);
 */
export function requestListener(context: ServerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    handle(context, req, res, requestId).catch((error: unknown) => {
      const s3Error =
        error instanceof S3Error
          ? error
          : new S3Error(
              'InternalError',
              500,
              'We encountered an internal error. Please try again.',
            );
      if (!(error instanceof S3Error)) {
        context.log(`${req.method} ${req.url} failed: ${String(error)}`);
      }
      sendError(req, res, s3Error, requestId);
    });
  };
}

async function handle(
  context: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt));
  const method = req.method ?? 'GET';
  if (!rawPath.startsWith('/')) throw s3Errors.invalidUri();

  if (rawPath === '/_local' || rawPath.startsWith('/_local/')) {
    handleLocal(context.store, method, rawPath, res);
    return;
  }
  authorise(req.headers, query);

  const rest = rawPath.slice(1);
  const slash = rest.indexOf('/');
  const bucketPart = slash === -1 ? rest : rest.slice(0, slash);
  const keyPart = slash === -1 ? '' : rest.slice(slash + 1);
  const request: S3Request = {
    method,
    bucket: bucketPart === '' ? undefined : decodePathPart(bucketPart),
    key: keyPart === '' ? undefined : decodePathPart(keyPart),
    query,
    headers: req.headers,
    requestId,
    incoming: req,
  };
  if (
    request.key !== undefined &&
    Buffer.byteLength(request.key) > MAX_KEY_BYTES
  ) {
    throw s3Errors.keyTooLong();
  }
  await route(context, request, res);
}

async function route(
  context: ServerContext,
  request: S3Request,
  res: ServerResponse,
): Promise<void> {
  const { method, bucket, key, query } = request;
  if (bucket === undefined) {
    if (method !== 'GET') throw s3Errors.methodNotAllowed(method);
    allowQuery(query, [], 'ListBuckets');
    return listBuckets(context, request, res);
  }
  if (key === undefined) {
    switch (method) {
      case 'PUT':
        allowQuery(query, [], 'CreateBucket');
        return createBucket(context, request, bucket, res);
      case 'HEAD':
        allowQuery(query, [], 'HeadBucket');
        return headBucket(context, request, bucket, res);
      case 'DELETE':
        allowQuery(query, [], 'DeleteBucket');
        return deleteBucket(context, request, bucket, res);
      case 'GET':
        if (query.get('list-type') !== '2') {
          allowQuery(query, [], 'a bucket');
          throw s3Errors.notImplemented(
            'The local S3 stand-in serves ListObjectsV2 (?list-type=2), not ListObjects (v1).',
          );
        }
        allowQuery(
          query,
          [
            'list-type',
            'prefix',
            'delimiter',
            'max-keys',
            'continuation-token',
            'start-after',
            'encoding-type',
            'fetch-owner',
          ],
          'ListObjectsV2',
        );
        return listObjects(context, request, bucket, res);
      default:
        throw s3Errors.notImplemented(
          `The local S3 stand-in does not implement ${method} on a bucket.`,
        );
    }
  }
  switch (method) {
    case 'PUT':
      if (request.headers['x-amz-copy-source'] !== undefined) {
        throw s3Errors.notImplemented(
          'The local S3 stand-in does not implement CopyObject.',
        );
      }
      allowQuery(query, [], 'PutObject');
      return putObject(context, request, bucket, key, res);
    case 'GET':
    case 'HEAD':
      allowQuery(
        query,
        method === 'GET' ? Object.keys(RESPONSE_OVERRIDES) : [],
        method === 'GET' ? 'GetObject' : 'HeadObject',
      );
      return getObject(context, request, bucket, key, res);
    case 'DELETE':
      allowQuery(query, [], 'DeleteObject');
      await requireBucket(context.store, bucket).delete(bucket, key);
      return send(res, request, 204);
    default:
      throw s3Errors.notImplemented(
        `The local S3 stand-in does not implement ${method} on an object.`,
      );
  }
}

// ---- buckets ---------------------------------------------------------------

function listBuckets(
  context: ServerContext,
  request: S3Request,
  res: ServerResponse,
): void {
  const buckets = [...context.store.buckets()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(
      (b) =>
        `<Bucket>${textElement('Name', b.name)}${textElement('CreationDate', b.createdAt.toISOString())}${textElement('BucketRegion', context.region)}</Bucket>`,
    )
    .join('');
  sendXml(
    res,
    request,
    200,
    xmlDocument(
      'ListAllMyBucketsResult',
      `<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets>${buckets}</Buckets>`,
    ),
  );
}

async function createBucket(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  res: ServerResponse,
): Promise<void> {
  // The body (a CreateBucketConfiguration) says only the region.
  await readBody(request.incoming, 64 * 1024);
  if (!isValidBucketName(bucket)) throw s3Errors.invalidBucketName(bucket);
  if (!(await context.store.createBucket(bucket))) {
    throw s3Errors.bucketExists(bucket);
  }
  send(res, request, 200, { location: `/${bucket}` });
}

function headBucket(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  res: ServerResponse,
): void {
  requireBucket(context.store, bucket);
  send(res, request, 200, {
    'x-amz-bucket-region': context.region,
    'x-amz-access-point-alias': 'false',
  });
}

async function deleteBucket(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  res: ServerResponse,
): Promise<void> {
  requireBucket(context.store, bucket);
  if (!(await context.store.deleteBucket(bucket))) {
    throw s3Errors.bucketNotEmpty(bucket);
  }
  send(res, request, 204);
}

function listObjects(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  res: ServerResponse,
): void {
  const store = requireBucket(context.store, bucket);
  const { query } = request;
  const maxKeysText = query.get('max-keys');
  if (maxKeysText !== null && !/^\d{1,10}$/.test(maxKeysText)) {
    throw s3Errors.invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      maxKeysText,
    );
  }
  const maxKeys = Math.min(Number(maxKeysText ?? MAX_LIST_KEYS), MAX_LIST_KEYS);
  const encodingType = query.get('encoding-type') ?? undefined;
  if (encodingType !== undefined && encodingType !== 'url') {
    throw s3Errors.invalidArgument(
      'Invalid Encoding Method specified in Request',
      'encoding-type',
      encodingType,
    );
  }
  const encode = (text: string | undefined) =>
    text === undefined || encodingType === undefined
      ? text
      : encodeURIComponent(text);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? undefined;
  const startAfter = query.get('start-after') ?? undefined;
  const continuationToken = query.get('continuation-token') ?? undefined;
  const page = listPage(store.keys(bucket), {
    prefix,
    delimiter,
    maxKeys,
    startAfter,
    continuationToken,
  });
  const fetchOwner = query.get('fetch-owner') === 'true';
  const contents = page.keys
    .map((key) => {
      const object = store.get(bucket, key);
      if (object === undefined) return '';
      const owner = fetchOwner
        ? '<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner>'
        : '';
      return `<Contents>${textElement('Key', encode(key))}${textElement('LastModified', object.lastModified.toISOString())}${textElement('ETag', object.etag)}${textElement('Size', String(object.body.length))}${owner}<StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join('');
  const prefixes = page.commonPrefixes
    .map(
      (p) =>
        `<CommonPrefixes>${textElement('Prefix', encode(p))}</CommonPrefixes>`,
    )
    .join('');
  const content = [
    textElement('Name', bucket),
    textElement('Prefix', encode(prefix)),
    textElement('Delimiter', encode(delimiter)),
    textElement('StartAfter', encode(startAfter)),
    textElement('ContinuationToken', continuationToken),
    textElement('MaxKeys', String(maxKeys)),
    textElement(
      'KeyCount',
      String(page.keys.length + page.commonPrefixes.length),
    ),
    textElement('EncodingType', encodingType),
    textElement('IsTruncated', String(page.isTruncated)),
    textElement('NextContinuationToken', page.nextContinuationToken),
    contents,
    prefixes,
  ].join('');
  sendXml(res, request, 200, xmlDocument('ListBucketResult', content));
}

// ---- objects ---------------------------------------------------------------

async function putObject(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  key: string,
  res: ServerResponse,
): Promise<void> {
  const { headers } = request;
  const limit = context.maxObjectBytes;
  const declared = Number(
    headers['x-amz-decoded-content-length'] ?? headers['content-length'] ?? 0,
  );
  if (declared > limit) throw s3Errors.entityTooLarge(limit);
  // aws-chunked framing adds a little to the bytes on the wire.
  const raw = await readBody(
    request.incoming,
    limit + Math.max(64 * 1024, limit / 8),
    () => s3Errors.entityTooLarge(limit),
  );
  const store = requireBucket(context.store, bucket);
  const { body, checksums } = decodePayload(raw, headers);
  if (body.length > limit) throw s3Errors.entityTooLarge(limit);

  const metadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    const metaName = name.slice('x-amz-meta-'.length);
    metadata[metaName] = text;
    metadataBytes += Buffer.byteLength(metaName) + Buffer.byteLength(text);
  }
  if (metadataBytes > MAX_METADATA_BYTES) throw s3Errors.metadataTooLarge();

  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  const contentEncoding = storedContentEncoding(headers);
  if (contentEncoding !== undefined) kept['content-encoding'] = contentEncoding;

  const object: StoredObject = {
    key,
    body,
    etag: etagOf(body),
    lastModified: new Date(),
    contentType: headers['content-type'] ?? 'binary/octet-stream',
    metadata,
    headers: kept,
    checksums,
  };
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  await store.put(bucket, object, (previous) => {
    if (ifNoneMatch !== undefined && previous !== undefined) {
      if (ifNoneMatch.trim() === '*') {
        throw s3Errors.preconditionFailed('If-None-Match');
      }
    }
    if (ifMatch !== undefined) {
      if (previous === undefined) throw s3Errors.noSuchKey(key);
      if (!etagMatches(ifMatch, previous.etag)) {
        throw s3Errors.preconditionFailed('If-Match');
      }
    }
  });
  send(res, request, 200, {
    etag: object.etag,
    ...checksumHeaders(object),
  });
}

function getObject(
  context: ServerContext,
  request: S3Request,
  bucket: string,
  key: string,
  res: ServerResponse,
): void {
  const object = requireBucket(context.store, bucket).get(bucket, key);
  if (object === undefined) throw s3Errors.noSuchKey(key);
  const { headers, query } = request;

  const validators = {
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
  };
  const notModified = checkConditions(headers, object);
  if (notModified) {
    send(res, request, 304, validators);
    return;
  }

  const size = object.body.length;
  const range = parseRange(headers.range, size);
  const meta: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(object.metadata)) {
    meta[`x-amz-meta-${name}`] = value;
  }
  const responseHeaders: OutgoingHttpHeaders = {
    ...validators,
    'content-type': object.contentType,
    'accept-ranges': 'bytes',
    ...object.headers,
    ...meta,
    ...(range === undefined &&
    String(headers['x-amz-checksum-mode']).toUpperCase() === 'ENABLED'
      ? checksumHeaders(object)
      : {}),
  };
  if (request.method === 'GET') {
    for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
      const value = query.get(parameter);
      if (value === null) continue;
      if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
        throw s3Errors.invalidArgument(`Bad ${parameter}`, parameter, value);
      }
      responseHeaders[header] = value;
    }
  }
  const body =
    range === undefined
      ? object.body
      : object.body.subarray(range.start, range.end + 1);
  if (range !== undefined) {
    responseHeaders['content-range'] =
      `bytes ${range.start}-${range.end}/${size}`;
  }
  responseHeaders['content-length'] = body.length;
  send(
    res,
    request,
    range === undefined ? 200 : 206,
    responseHeaders,
    request.method === 'HEAD' ? undefined : body,
  );
}

function checksumHeaders(object: StoredObject): OutgoingHttpHeaders {
  return Object.keys(object.checksums).length === 0
    ? {}
    : { ...object.checksums, 'x-amz-checksum-type': 'FULL_OBJECT' };
}

// ---- plumbing --------------------------------------------------------------

/** Query parameters beyond `allowed` name an operation not served here. */
function allowQuery(
  query: URLSearchParams,
  allowed: readonly string[],
  operation: string,
): void {
  for (const name of query.keys()) {
    if (name === 'x-id' || name.toLowerCase().startsWith('x-amz-')) continue;
    if (allowed.includes(name)) continue;
    throw s3Errors.notImplemented(
      `The local S3 stand-in does not implement ?${name} on ${operation}.`,
    );
  }
}

function requireBucket(store: BucketStore, bucket: string): BucketStore {
  if (!store.hasBucket(bucket)) throw s3Errors.noSuchBucket(bucket);
  return store;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw s3Errors.invalidUri();
  }
}

async function readBody(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => S3Error = () => s3Errors.entityTooLarge(limit),
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function commonHeaders(requestId: string): OutgoingHttpHeaders {
  return {
    'x-amz-request-id': requestId,
    'x-amz-id-2': 'local',
    server: 'AmazonS3',
  };
}

function send(
  res: ServerResponse,
  request: S3Request,
  status: number,
  headers: OutgoingHttpHeaders = {},
  body?: Buffer,
): void {
  res.writeHead(status, {
    ...commonHeaders(request.requestId),
    ...(body === undefined && !('content-length' in headers)
      ? { 'content-length': 0 }
      : {}),
    ...headers,
  });
  res.end(body);
}

function sendXml(
  res: ServerResponse,
  request: S3Request,
  status: number,
  xml: string,
): void {
  const body = Buffer.from(xml, 'utf8');
  send(
    res,
    request,
    status,
    { 'content-type': 'application/xml', 'content-length': body.length },
    body,
  );
}

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  error: S3Error,
  requestId: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: OutgoingHttpHeaders = commonHeaders(requestId);
  // A body left unread (a refused upload) is not worth reading: close.
  if (!req.complete) headers.connection = 'close';
  if (req.method === 'HEAD') {
    res.writeHead(error.status, { ...headers, 'content-length': 0 });
    res.end();
    return;
  }
  const body = Buffer.from(
    errorDocument(error.code, error.message, error.details, requestId),
    'utf8',
  );
  res.writeHead(error.status, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': body.length,
  });
  res.end(body);
}
