/**
 * A local S3: the real `@aws-sdk/client-s3` works against it by `endpoint`
 * (with `forcePathStyle: true`) for the operations Hearth uses (PutObject,
 * GetObject, HeadObject, DeleteObject, ListObjectsV2, CreateBucket,
 * HeadBucket, plus ListBuckets and DeleteBucket), keeping objects in
 * memory or under `<dataDir>/<bucket>/`. See server.ts for what it serves
 * and store.ts for how objects are kept on disk.
 */
import { createServer } from 'node:http';
import { baseUrl, closeHttpServer, defaultHost, listen } from '../listen.js';
import { requestListener } from './server.js';
import {
  isValidBucketName,
  openBucketStore,
  type StoredObject,
} from './store.js';

export type { StoredObject } from './store.js';

export interface S3Options {
  /** 0 picks a free port; read it back from `endpoint` / `port`. */
  readonly port: number;
  /** Defaults to 127.0.0.1 (loopback only). */
  readonly host?: string;
  /**
   * Keep buckets and objects in `<dataDir>/<bucket>/`; in memory without
   * it. Give the stand-in a folder of its own (e.g. `.hearth/s3`): every
   * sub-folder named like a bucket is read as one.
   */
  readonly dataDir?: string;
  /** Buckets to create at start if they do not exist yet. */
  readonly buckets?: readonly string[];
  /** What HeadBucket reports (default eu-west-2). */
  readonly region?: string;
  /** Largest object accepted, in bytes (default 64 MiB). */
  readonly maxObjectBytes?: number;
  /** Where notable events go (default console.log with an `[s3]` tag). */
  readonly log?: (line: string) => void;
}

export interface RunningS3 {
  /** `http://host:port`: the S3Client's `endpoint` or `AWS_ENDPOINT_URL_S3`. */
  readonly endpoint: string;
  readonly port: number;
  /**
   * A bucket's objects, in listing order (copies: changing them changes
   * nothing stored).
   *
   * @throws Error when there is no such bucket.
   */
  objects(bucket: string): readonly StoredObject[];
  /** Closes the port and waits for writes in flight to reach the disk. */
  stop(): Promise<void>;
}

/**
 * Starts the local S3.
 *
 * @example
 * const s3 = await startS3({ port: 0, dataDir: '.hearth/s3', buckets: ['hearth-mail'] });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, … });
 */
export async function startS3(options: S3Options): Promise<RunningS3> {
  const log = options.log ?? ((line: string) => console.log(`[s3] ${line}`));
  const store = await openBucketStore(options.dataDir, log);
  for (const bucket of options.buckets ?? []) {
    if (!isValidBucketName(bucket)) {
      throw new Error(`Not a valid S3 bucket name: ${bucket}`);
    }
    await store.createBucket(bucket);
  }
  const server = createServer(
    requestListener({
      store,
      region: options.region ?? 'eu-west-2',
      maxObjectBytes: options.maxObjectBytes ?? 64 * 1024 * 1024,
      log,
    }),
  );
  const host = options.host ?? defaultHost;
  const port = await listen(server, options.port, host);
  return {
    endpoint: baseUrl(host, port),
    port,
    objects(bucket) {
      if (!store.hasBucket(bucket)) throw new Error(`No bucket ${bucket}`);
      return store.keys(bucket).flatMap((key) => {
        const object = store.get(bucket, key);
        return object === undefined
          ? []
          : [{ ...object, body: Buffer.from(object.body) }];
      });
    },
    async stop() {
      await closeHttpServer(server);
      await store.flush();
    },
  };
}
