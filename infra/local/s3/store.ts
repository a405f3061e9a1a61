/**
 * The stand-in's buckets and objects: in memory, and written through to
 * `<dataDir>/<bucket>/` when there is a data folder.
 *
 * On disk each object is two files in `<bucket>/objects/`, both named by
 * the SHA-256 of its key, so no key (`../x`, `a/b`, 1,024 bytes long) can
 * name a path outside the folder or one too long for the file system:
 *
 * - `<sha>.<id>.body`: the bytes, under a fresh name each write;
 * - `<sha>.json`: the key, content type, metadata, ETag… and the name of
 *   its body file, written to a temporary file and renamed into place.
 *
 * Renaming the `.json` commits a write, so a crash leaves either the old
 * object or the new one whole; bodies no `.json` names and stray
 * temporary files are cleared at the next start. Writes go one at a time;
 * an object is visible once it is on disk.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { sortKeys } from './listing.js';

/** One object as stored. */
export interface StoredObject {
  readonly key: string;
  readonly body: Buffer;
  /** MD5 hex in double quotes. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  /** User metadata: `x-amz-meta-<name>` without the prefix, lower-case names. */
  readonly metadata: Readonly<Record<string, string>>;
  /**
   * Other headers kept and returned as sent: cache-control,
   * content-disposition, content-encoding, content-language, expires.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** `x-amz-checksum-<algorithm>` → base64, as the uploader sent them. */
  readonly checksums: Readonly<Record<string, string>>;
}

export interface BucketInfo {
  readonly name: string;
  readonly createdAt: Date;
}

export interface BucketStore {
  buckets(): readonly BucketInfo[];
  hasBucket(bucket: string): boolean;
  /** False when the bucket already exists. */
  createBucket(bucket: string): Promise<boolean>;
  /** Deletes an empty bucket; false when it holds objects. */
  deleteBucket(bucket: string): Promise<boolean>;
  get(bucket: string, key: string): StoredObject | undefined;
  /** Every key in the bucket in listing order. */
  keys(bucket: string): readonly string[];
  /**
   * Stores `object`, replacing any object under its key. `check` sees the
   * object it would replace, in turn with other writes, and may throw to
   * refuse the write (conditional PutObject).
   */
  put(
    bucket: string,
    object: StoredObject,
    check?: (previous: StoredObject | undefined) => void,
  ): Promise<void>;
  /** Resolves whether or not the key existed. */
  delete(bucket: string, key: string): Promise<void>;
  /** Resolves once every write so far is on disk. */
  flush(): Promise<void>;
}

/** A bucket name S3 accepts (general purpose buckets, no `..`). */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name)
  );
}

/** The file-name stem of a key's files: its SHA-256 in hex. */
export function objectFileStem(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

interface BucketState {
  readonly info: BucketInfo;
  readonly objects: Map<string, StoredObject & { readonly bodyFile?: string }>;
  sorted: readonly string[] | undefined;
}

interface ObjectRecord {
  readonly version: 1;
  readonly key: string;
  readonly bodyFile: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly contentType: string;
  readonly metadata: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly checksums: Record<string, string>;
}

interface BucketRecord {
  readonly version: 1;
  readonly name: string;
  readonly createdAt: string;
}

/**
 * Opens the store, loading what `dataDir` holds; in memory without one.
 *
 * @example
 * const store = await openBucketStore('.hearth/s3', (line) => console.log(line));
 */
export async function openBucketStore(
  dataDir: string | undefined,
  log: (line: string) => void = () => {},
): Promise<BucketStore> {
  const root = dataDir === undefined ? undefined : path.resolve(dataDir);
  const state = new Map<string, BucketState>();
  if (root !== undefined) {
    for (const bucket of await loadBuckets(root, log)) {
      state.set(bucket.info.name, bucket);
    }
  }
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `write` after every earlier write, whatever became of them. */
  const serial = <T>(write: () => Promise<T>): Promise<T> => {
    const result = queue.then(write, write);
    queue = result.catch(() => {});
    return result;
  };
  const bucketOf = (bucket: string): BucketState => {
    const found = state.get(bucket);
    if (found === undefined) throw new Error(`No bucket ${bucket}`);
    return found;
  };

  return {
    buckets: () => [...state.values()].map((b) => b.info),
    hasBucket: (bucket) => state.has(bucket),
    createBucket: (bucket) =>
      serial(async () => {
        if (state.has(bucket)) return false;
        if (!isValidBucketName(bucket)) {
          throw new Error(`Not a valid bucket name: ${bucket}`);
        }
        const info = { name: bucket, createdAt: new Date() };
        if (root !== undefined) {
          await mkdir(objectsDir(root, bucket), { recursive: true });
          const record: BucketRecord = {
            version: 1,
            name: bucket,
            createdAt: info.createdAt.toISOString(),
          };
          await writeAtomic(
            path.join(bucketDir(root, bucket), 'bucket.json'),
            `${JSON.stringify(record, null, 2)}\n`,
          );
        }
        state.set(bucket, { info, objects: new Map(), sorted: [] });
        return true;
      }),
    deleteBucket: (bucket) =>
      serial(async () => {
        const found = bucketOf(bucket);
        if (found.objects.size > 0) return false;
        if (root !== undefined) {
          await rm(bucketDir(root, bucket), { recursive: true, force: true });
        }
        state.delete(bucket);
        return true;
      }),
    get: (bucket, key) => {
      const found = state.get(bucket)?.objects.get(key);
      if (found === undefined) return undefined;
      const { bodyFile: _, ...object } = found;
      return object;
    },
    keys: (bucket) => {
      const found = bucketOf(bucket);
      found.sorted ??= sortKeys(found.objects.keys());
      return found.sorted;
    },
    put: (bucket, object, check) =>
      serial(async () => {
        const found = bucketOf(bucket);
        const previous = found.objects.get(object.key);
        check?.(previous);
        let bodyFile: string | undefined;
        if (root !== undefined) {
          const dir = objectsDir(root, bucket);
          const stem = objectFileStem(object.key);
          bodyFile = `${stem}.${randomUUID()}.body`;
          await mkdir(dir, { recursive: true });
          await writeFile(inside(dir, bodyFile), object.body);
          const record: ObjectRecord = {
            version: 1,
            key: object.key,
            bodyFile,
            size: object.body.length,
            etag: object.etag,
            lastModified: object.lastModified.toISOString(),
            contentType: object.contentType,
            metadata: { ...object.metadata },
            headers: { ...object.headers },
            checksums: { ...object.checksums },
          };
          await writeAtomic(
            inside(dir, `${stem}.json`),
            `${JSON.stringify(record, null, 2)}\n`,
          );
          if (previous?.bodyFile !== undefined) {
            await rm(inside(dir, previous.bodyFile), { force: true });
          }
        }
        found.objects.set(
          object.key,
          bodyFile === undefined ? object : { ...object, bodyFile },
        );
        if (previous === undefined) found.sorted = undefined;
      }),
    delete: (bucket, key) =>
      serial(async () => {
        const found = bucketOf(bucket);
        const previous = found.objects.get(key);
        if (previous === undefined) return;
        if (root !== undefined) {
          const dir = objectsDir(root, bucket);
          await rm(inside(dir, `${objectFileStem(key)}.json`), { force: true });
          if (previous.bodyFile !== undefined) {
            await rm(inside(dir, previous.bodyFile), { force: true });
          }
        }
        found.objects.delete(key);
        found.sorted = undefined;
      }),
    flush: () => serial(async () => {}),
  };
}

function bucketDir(root: string, bucket: string): string {
  return inside(root, bucket);
}

function objectsDir(root: string, bucket: string): string {
  return path.join(bucketDir(root, bucket), 'objects');
}

/**
 * `dir/name`, refusing any name that would leave `dir`. Every name the
 * store builds is a bucket name or hex, so this is a second line of
 * defence, not the first.
 */
export function inside(dir: string, name: string): string {
  const full = path.resolve(dir, name);
  if (path.dirname(full) !== path.resolve(dir) || name.includes('/')) {
    throw new Error(`Refusing a path outside ${dir}: ${name}`);
  }
  return full;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function loadBuckets(
  root: string,
  log: (line: string) => void,
): Promise<BucketState[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const buckets: BucketState[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !isValidBucketName(entry.name)) continue;
    const dir = bucketDir(root, entry.name);
    let record: BucketRecord;
    try {
      record = JSON.parse(
        await readFile(path.join(dir, 'bucket.json'), 'utf8'),
      ) as BucketRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (record.version !== 1 || record.name !== entry.name) {
      throw new Error(`${dir}/bucket.json: not a bucket record of version 1`);
    }
    buckets.push({
      info: { name: record.name, createdAt: new Date(record.createdAt) },
      objects: await loadObjects(objectsDir(root, entry.name), log),
      sorted: undefined,
    });
  }
  return buckets;
}

async function loadObjects(
  dir: string,
  log: (line: string) => void,
): Promise<BucketState['objects']> {
  const objects: BucketState['objects'] = new Map();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return objects;
    throw error;
  }
  const referenced = new Set<string>();
  for (const name of names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n))) {
    const record = JSON.parse(
      await readFile(inside(dir, name), 'utf8'),
    ) as ObjectRecord;
    if (
      record.version !== 1 ||
      `${objectFileStem(record.key)}.json` !== name ||
      !/^[0-9a-f]{64}\.[0-9a-f-]{36}\.body$/.test(record.bodyFile)
    ) {
      log(`skipping ${path.join(dir, name)}: not an object record`);
      continue;
    }
    let body: Buffer;
    try {
      body = await readFile(inside(dir, record.bodyFile));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      log(`skipping ${record.key}: its body file is missing`);
      continue;
    }
    if (body.length !== record.size) {
      log(`skipping ${record.key}: its body is not ${record.size} bytes`);
      continue;
    }
    referenced.add(record.bodyFile);
    objects.set(record.key, {
      key: record.key,
      body,
      etag: record.etag,
      lastModified: new Date(record.lastModified),
      contentType: record.contentType,
      metadata: record.metadata,
      headers: record.headers,
      checksums: record.checksums,
      bodyFile: record.bodyFile,
    });
  }
  // Leftovers of writes a crash interrupted.
  for (const name of names) {
    const orphan =
      name.endsWith('.tmp') ||
      (name.endsWith('.body') && !referenced.has(name));
    if (orphan) await rm(inside(dir, name), { force: true });
  }
  return objects;
}
