/**
 * Read-only local controls beside the S3 API, with no auth (bucket names
 * cannot start with `_`, so they never clash with a bucket):
 *
 * - `GET /_local/buckets` → `{ buckets: [{ name, createdAt, objects }] }`
 * - `GET /_local/objects/{bucket}` → `{ objects: [{ key, size, … }] }`
 * - `GET /_local/objects/{bucket}/{key+}` → the object's bytes, with its
 *   content type (for links from a local web page)
 */
import type { ServerResponse } from 'node:http';
import type { BucketStore, StoredObject } from './store.js';

export function handleLocal(
  store: BucketStore,
  method: string,
  rawPath: string,
  res: ServerResponse,
): void {
  const answer = localControl(store, method, rawPath);
  if ('object' in answer) {
    res.writeHead(200, {
      'content-type': answer.object.contentType,
      'content-length': answer.object.body.length,
    });
    res.end(answer.object.body);
    return;
  }
  const text = JSON.stringify(answer.json);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function localControl(
  store: BucketStore,
  method: string,
  rawPath: string,
): { status: number; json: unknown } | { object: StoredObject } {
  const [, , resource, bucketPart, ...keyParts] = rawPath.split('/');
  if (method !== 'GET') {
    return {
      status: 405,
      json: { message: 'The local controls are read-only' },
    };
  }
  if (resource === 'buckets' && bucketPart === undefined) {
    const buckets = store.buckets().map((b) => ({
      name: b.name,
      createdAt: b.createdAt.toISOString(),
      objects: store.keys(b.name).length,
    }));
    return { status: 200, json: { buckets } };
  }
  const bucket = bucketPart === undefined ? '' : safeDecode(bucketPart);
  if (resource !== 'objects' || !store.hasBucket(bucket)) {
    return {
      status: 404,
      json: { message: `No local control or bucket at ${rawPath}` },
    };
  }
  const key = safeDecode(keyParts.join('/'));
  if (key === '') {
    const objects = store.keys(bucket).flatMap((k) => {
      const object = store.get(bucket, k);
      return object === undefined
        ? []
        : [
            {
              key: k,
              size: object.body.length,
              contentType: object.contentType,
              etag: object.etag,
              lastModified: object.lastModified.toISOString(),
              metadata: object.metadata,
            },
          ];
    });
    return { status: 200, json: { objects } };
  }
  const object = store.get(bucket, key);
  return object === undefined
    ? { status: 404, json: { message: 'No such object' } }
    : { object };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
