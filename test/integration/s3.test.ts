import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../functions/shared/adapters/s3/object-store.js';
import {
  type RunningS3,
  type S3Options,
  startS3,
} from '../../infra/local/s3/index.js';

const BUCKET = 'hearth-mail';

interface Harness {
  readonly s3: RunningS3;
  readonly client: S3Client;
  /** Headers of every request the client sent, in order. */
  readonly sent: Record<string, string>[];
}

const running: Harness[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const { client } of running) client.destroy();
  await Promise.all(running.splice(0).map((h) => h.s3.stop()));
  await Promise.all(
    folders.splice(0).map((f) => rm(f, { recursive: true, force: true })),
  );
});

/** A stand-in on a free port with the bucket, and a real S3Client on it. */
async function start(options: Partial<S3Options> = {}): Promise<Harness> {
  const s3 = await startS3({
    port: 0,
    buckets: [BUCKET],
    log: () => {},
    ...options,
  });
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    forcePathStyle: true,
  });
  const sent: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) sent.push({ ...request.headers });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordHeaders' },
  );
  const harness = { s3, client, sent };
  running.push(harness);
  return harness;
}

async function tempDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'hearth-s3-'));
  folders.push(folder);
  return folder;
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** A PDF-like buffer: a header, then every byte value 0–255, twice. */
function pdfLike(): Buffer {
  const bytes = Buffer.alloc(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), bytes]);
}

async function put(client: S3Client, key: string, body = key) {
  return client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }),
  );
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('local S3 with the real S3Client', () => {
  describe('objects', () => {
    it('round-trips body, content type, metadata and ETag', async () => {
      const { client } = await start();

      const putOutput = await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'inbound/2026/msg-1.eml',
          Body: 'Subject: Damp\r\n\r\nThe wall is wet.',
          ContentType: 'message/rfc822',
          Metadata: { complaint: 'C-0001', 'received-at': '2026-01-05' },
        }),
      );
      const output = await client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'inbound/2026/msg-1.eml' }),
      );

      expect(await output.Body?.transformToString()).toBe(
        'Subject: Damp\r\n\r\nThe wall is wet.',
      );
      expect(output.ContentType).toBe('message/rfc822');
      expect(output.ContentLength).toBe(33);
      expect(output.Metadata).toEqual({
        complaint: 'C-0001',
        'received-at': '2026-01-05',
      });
      // md5('Subject: Damp\r\n\r\nThe wall is wet.')
      expect(output.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(output.ETag).toBe(putOutput.ETag);
      expect(output.LastModified).toBeInstanceOf(Date);
      // The CRC32 the SDK sent comes back and the SDK checked it.
      expect(output.ChecksumCRC32).toBe(putOutput.ChecksumCRC32);
      expect(output.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    });

    it('returns a binary body byte for byte', async () => {
      const { client, s3 } = await start();
      const pdf = pdfLike();

      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'letters/C-0001/ack.pdf',
          Body: pdf,
          ContentType: 'application/pdf',
        }),
      );
      const output = await client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'letters/C-0001/ack.pdf' }),
      );

      const bytes = Buffer.from(
        (await output.Body?.transformToByteArray()) ?? [],
      );
      expect(bytes.equals(pdf)).toBe(true);
      expect(s3.objects(BUCKET)[0]?.body.equals(pdf)).toBe(true);
    });

    it('verifies and returns a CRC32C checksum the SDK computed', async () => {
      const { client } = await start();
      const written = await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'c',
          Body: pdfLike(),
          ChecksumAlgorithm: 'CRC32C',
        }),
      );

      const output = await client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'c' }),
      );
      await output.Body?.transformToByteArray();

      expect(output.ChecksumCRC32C).toBe(written.ChecksumCRC32C);
      expect(output.ChecksumCRC32C).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    });

    it('decodes an aws-chunked stream upload to the bytes streamed', async () => {
      const { client, sent } = await start();
      const parts = [Buffer.from('first part, '), pdfLike()];
      const whole = Buffer.concat(parts);

      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'streamed',
          Body: Readable.from(parts),
          ContentLength: whole.length,
        }),
      );
      const output = await client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed' }),
      );

      expect(sent[0]?.['content-encoding']).toBe('aws-chunked');
      expect(sent[0]?.['x-amz-content-sha256']).toBe(
        'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      );
      const bytes = Buffer.from(
        (await output.Body?.transformToByteArray()) ?? [],
      );
      expect(bytes.equals(whole)).toBe(true);
      expect(output.ContentEncoding).toBeUndefined();
    });

    it('keeps keys with spaces, plus signs, percent signs and Unicode', async () => {
      const { client } = await start();
      const keys = [
        'a b+c',
        'per%2Fcent/x',
        'caf\u00e9/\u00fcber.txt',
        'q?x=1#y',
      ];

      for (const key of keys) await put(client, key);
      const listed = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET }),
      );
      const bodies = await Promise.all(
        keys.map(async (key) => {
          const output = await client.send(
            new GetObjectCommand({ Bucket: BUCKET, Key: key }),
          );
          return output.Body?.transformToString();
        }),
      );

      expect(bodies).toEqual(keys);
      expect(listed.Contents?.map((c) => c.Key).sort()).toEqual(
        [...keys].sort(),
      );
    });

    it('answers HeadObject with the headers and no body', async () => {
      const { client } = await start();
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'report.csv',
          Body: 'a,b\n1,2\n',
          ContentType: 'text/csv',
          Metadata: { period: '2026-q1' },
        }),
      );

      const head = await client.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: 'report.csv' }),
      );
      const missing = await errorOf(
        client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'nope' })),
      );

      expect(head.ContentLength).toBe(8);
      expect(head.ContentType).toBe('text/csv');
      expect(head.Metadata).toEqual({ period: '2026-q1' });
      expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(missing).toBeInstanceOf(NotFound);
      expect((missing as NotFound).$metadata.httpStatusCode).toBe(404);
    });

    it('surfaces a missing key as the SDK NoSuchKey exception', async () => {
      const { client } = await start();

      const error = await errorOf(
        client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'no/such' })),
      );

      expect(error).toBeInstanceOf(NoSuchKey);
      expect((error as NoSuchKey).$metadata.httpStatusCode).toBe(404);
      expect((error as NoSuchKey).message).toBe(
        'The specified key does not exist.',
      );
    });

    it('surfaces a missing bucket as NoSuchBucket', async () => {
      const { client } = await start();

      const error = await errorOf(
        client.send(new GetObjectCommand({ Bucket: 'no-bucket', Key: 'k' })),
      );

      expect(error).toBeInstanceOf(NoSuchBucket);
    });

    it('deletes with 204, and deleting again still succeeds', async () => {
      const { client } = await start();
      await put(client, 'gone');

      const first = await client.send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone' }),
      );
      const second = await client.send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone' }),
      );
      const after = await errorOf(
        client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'gone' })),
      );

      expect(first.$metadata.httpStatusCode).toBe(204);
      expect(second.$metadata.httpStatusCode).toBe(204);
      expect(after).toBeInstanceOf(NoSuchKey);
    });

    it('serves a byte range', async () => {
      const { client } = await start();
      await put(client, 'range', '0123456789');

      const output = await client.send(
        new GetObjectCommand({
          Bucket: BUCKET,
          Key: 'range',
          Range: 'bytes=2-5',
        }),
      );

      expect(await output.Body?.transformToString()).toBe('2345');
      expect(output.ContentRange).toBe('bytes 2-5/10');
    });

    it('refuses a create-only put over an existing key', async () => {
      const { client } = await start();
      const createOnly = () =>
        client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: 'once',
            Body: 'x',
            IfNoneMatch: '*',
          }),
        );
      await createOnly();

      const error = await errorOf(createOnly());

      expect((error as S3ServiceException).name).toBe('PreconditionFailed');
      expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(412);
    });
  });

  describe('ListObjectsV2', () => {
    async function withKeys(keys: readonly string[]) {
      const harness = await start();
      for (const key of keys) await put(harness.client, key);
      return harness;
    }

    it('lists by prefix, in order', async () => {
      const { client } = await withKeys(['b/2', 'a/1', 'b/1', 'c']);

      const output = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'b/' }),
      );

      expect(output.Contents?.map((c) => c.Key)).toEqual(['b/1', 'b/2']);
      expect(output.KeyCount).toBe(2);
      expect(output.IsTruncated).toBe(false);
      expect(output.Contents?.[0]?.Size).toBe(3);
      expect(output.Contents?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(output.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
    });

    it('rolls keys up into CommonPrefixes with a delimiter', async () => {
      const { client } = await withKeys([
        'mail/2026/01/a',
        'mail/2026/02/b',
        'mail/2026/readme',
        'mail/index',
      ]);

      const top = await client.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: 'mail/',
          Delimiter: '/',
        }),
      );
      const year = await client.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: 'mail/2026/',
          Delimiter: '/',
        }),
      );

      expect(top.Contents?.map((c) => c.Key)).toEqual(['mail/index']);
      expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['mail/2026/']);
      expect(top.KeyCount).toBe(2);
      expect(year.Contents?.map((c) => c.Key)).toEqual(['mail/2026/readme']);
      expect(year.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
        'mail/2026/01/',
        'mail/2026/02/',
      ]);
    });

    it('pages 5 objects 2 at a time with continuation tokens', async () => {
      const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
      const { client } = await withKeys(keys);

      const pages = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: BUCKET,
            MaxKeys: 2,
            ContinuationToken: token,
          }),
        );
        pages.push(page);
        token = page.NextContinuationToken;
      } while (token !== undefined);

      expect(pages.map((p) => p.Contents?.map((c) => c.Key))).toEqual([
        ['k1', 'k2'],
        ['k3', 'k4'],
        ['k5'],
      ]);
      expect(pages.map((p) => p.KeyCount)).toEqual([2, 2, 1]);
      expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, false]);
      expect(pages.map((p) => p.MaxKeys)).toEqual([2, 2, 2]);
      expect(pages[1]?.ContinuationToken).toBe(pages[0]?.NextContinuationToken);
    });

    it("works with the SDK's paginator and StartAfter", async () => {
      const { client } = await withKeys(['k1', 'k2', 'k3', 'k4', 'k5']);

      const keys: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client, pageSize: 2 },
        { Bucket: BUCKET, StartAfter: 'k2' },
      )) {
        keys.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
      }

      expect(keys).toEqual(['k3', 'k4', 'k5']);
    });

    it('pages common prefixes without repeating them', async () => {
      const { client } = await withKeys(['a/1', 'a/2', 'b/1', 'c', 'd/1']);

      const entries: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client, pageSize: 1 },
        { Bucket: BUCKET, Delimiter: '/' },
      )) {
        entries.push(
          ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
          ...(page.Contents ?? []).map((c) => c.Key ?? ''),
        );
      }

      expect(entries).toEqual(['a/', 'b/', 'c', 'd/']);
    });
  });

  describe('buckets', () => {
    it('creates and heads buckets; a second create is BucketAlreadyOwnedByYou', async () => {
      const { client } = await start({ buckets: [] });

      await client.send(new CreateBucketCommand({ Bucket: 'hearth-reports' }));
      const head = await client.send(
        new HeadBucketCommand({ Bucket: 'hearth-reports' }),
      );
      const again = await errorOf(
        client.send(new CreateBucketCommand({ Bucket: 'hearth-reports' })),
      );
      const missing = await errorOf(
        client.send(new HeadBucketCommand({ Bucket: 'hearth-none' })),
      );

      expect(head.BucketRegion).toBe('eu-west-2');
      expect(again).toBeInstanceOf(BucketAlreadyOwnedByYou);
      expect(missing).toBeInstanceOf(NotFound);
    });

    it('creates the buckets it is started with', async () => {
      const { client } = await start({ buckets: ['hearth-a', 'hearth-b'] });

      const heads = await Promise.all(
        ['hearth-a', 'hearth-b'].map((Bucket) =>
          client.send(new HeadBucketCommand({ Bucket })),
        ),
      );

      expect(heads.map((h) => h.$metadata.httpStatusCode)).toEqual([200, 200]);
    });
  });

  describe('persistence', () => {
    it('keeps objects across a restart on the same data folder', async () => {
      const dataDir = await tempDir();
      const first = await start({ dataDir });
      await first.client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'letters/C-9/ack.pdf',
          Body: pdfLike(),
          ContentType: 'application/pdf',
          Metadata: { complaint: 'C-9' },
        }),
      );
      await put(first.client, 'replaced', 'old');
      await put(first.client, 'replaced', 'new');
      await put(first.client, 'deleted');
      await first.client.send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: 'deleted' }),
      );
      first.client.destroy();
      await first.s3.stop();
      running.splice(running.indexOf(first), 1);

      const second = await start({ dataDir });
      const output = await second.client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'letters/C-9/ack.pdf' }),
      );
      const replaced = await second.client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'replaced' }),
      );
      const listed = await second.client.send(
        new ListObjectsV2Command({ Bucket: BUCKET }),
      );

      const bytes = Buffer.from(
        (await output.Body?.transformToByteArray()) ?? [],
      );
      expect(bytes.equals(pdfLike())).toBe(true);
      expect(output.ContentType).toBe('application/pdf');
      expect(output.Metadata).toEqual({ complaint: 'C-9' });
      expect(await replaced.Body?.transformToString()).toBe('new');
      expect(listed.Contents?.map((c) => c.Key)).toEqual([
        'letters/C-9/ack.pdf',
        'replaced',
      ]);
      // One record and one body per object, nothing left over.
      const files = await filesUnder(path.join(dataDir, BUCKET, 'objects'));
      expect(files).toHaveLength(4);
    });

    it('keeps a key with ../ segments inside the data folder', async () => {
      const root = await tempDir();
      const dataDir = path.join(root, 'data');
      const { client, s3 } = await start({ dataDir });
      const keys = ['../../escaped.txt', 'a/../../b', '..', './x'];

      for (const key of keys) await put(client, key);
      const bodies = await Promise.all(
        keys.map(async (key) => {
          const output = await client.send(
            new GetObjectCommand({ Bucket: BUCKET, Key: key }),
          );
          return output.Body?.transformToString();
        }),
      );

      expect(bodies).toEqual(keys);
      expect(s3.objects(BUCKET).map((o) => o.key)).toEqual([
        '..',
        '../../escaped.txt',
        './x',
        'a/../../b',
      ]);
      expect(await readdir(root)).toEqual(['data']);
      const files = await filesUnder(dataDir);
      expect(files.every((f) => f.startsWith(`${BUCKET}${path.sep}`))).toBe(
        true,
      );
      expect(files.some((f) => f.includes('escaped'))).toBe(false);
    });
  });

  describe('local controls', () => {
    it('lists buckets and objects and serves bytes without auth', async () => {
      const { s3, client } = await start();
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'letters/a b.pdf',
          Body: pdfLike(),
          ContentType: 'application/pdf',
        }),
      );

      const buckets = await fetch(`${s3.endpoint}/_local/buckets`);
      const objects = await fetch(`${s3.endpoint}/_local/objects/${BUCKET}`);
      const bytes = await fetch(
        `${s3.endpoint}/_local/objects/${BUCKET}/letters/a%20b.pdf`,
      );

      expect(await buckets.json()).toEqual({
        buckets: [{ name: BUCKET, createdAt: expect.any(String), objects: 1 }],
      });
      expect(await objects.json()).toMatchObject({
        objects: [{ key: 'letters/a b.pdf', size: pdfLike().length }],
      });
      expect(bytes.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await bytes.arrayBuffer()).equals(pdfLike())).toBe(
        true,
      );
    });
  });

  describe('requests S3 would refuse', () => {
    it('refuses a request without an Authorization header with 403 AccessDenied', async () => {
      const { s3, client } = await start();
      await put(client, 'private');

      const get = await fetch(`${s3.endpoint}/${BUCKET}/private`);
      const head = await fetch(`${s3.endpoint}/${BUCKET}/private`, {
        method: 'HEAD',
      });

      expect(get.status).toBe(403);
      expect(await get.text()).toContain('<Code>AccessDenied</Code>');
      expect(head.status).toBe(403);
      expect(await head.text()).toBe('');
    });

    it('refuses a body whose CRC32 does not match (BadDigest)', async () => {
      const { client } = await start();

      const error = await errorOf(
        client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: 'bad',
            Body: 'hello',
            ChecksumCRC32: 'AAAAAA==',
          }),
        ),
      );

      expect((error as S3ServiceException).name).toBe('BadDigest');
      expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(400);
    });

    it('refuses an object over maxObjectBytes with EntityTooLarge', async () => {
      const { client } = await start({ maxObjectBytes: 1024 });

      const error = await errorOf(put(client, 'big', 'x'.repeat(1025)));

      expect((error as S3ServiceException).name).toBe('EntityTooLarge');
    });

    it('accepts a presigned GET, and refuses one that has expired', async () => {
      const { s3, client } = await start();
      await put(client, 'shared', 'hello');
      const url = (signedAt: Date) => {
        const date = signedAt.toISOString().replace(/[-:]|\.\d{3}/g, '');
        const query = new URLSearchParams({
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': `local/${date.slice(0, 8)}/eu-west-2/s3/aws4_request`,
          'X-Amz-Date': date,
          'X-Amz-Expires': '900',
          'X-Amz-SignedHeaders': 'host',
          'X-Amz-Signature': '0'.repeat(64),
        });
        return `${s3.endpoint}/${BUCKET}/shared?${query}`;
      };

      const fresh = await fetch(url(new Date()));
      const stale = await fetch(url(new Date(Date.now() - 3_600_000)));

      expect(fresh.status).toBe(200);
      expect(await fresh.text()).toBe('hello');
      expect(stale.status).toBe(403);
      expect(await stale.text()).toContain('Request has expired');
    });

    it('answers an operation it does not serve with NotImplemented', async () => {
      const { s3 } = await start();

      const response = await fetch(`${s3.endpoint}/${BUCKET}/k?tagging`, {
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-2/s3/aws4_request, SignedHeaders=host, Signature=00',
        },
      });

      expect(response.status).toBe(501);
      expect(await response.text()).toContain('<Code>NotImplemented</Code>');
    });
  });
});

describe('S3ObjectStore against the local S3', () => {
  it('puts and gets a binary body with content type and metadata', async () => {
    const { client, sent } = await start();
    const store = new S3ObjectStore(client, BUCKET);

    await store.put('letters/C-1/ack.pdf', pdfLike(), 'application/pdf', {
      complaint: 'C-1',
    });
    const got = await store.get('letters/C-1/ack.pdf');

    expect(got?.body.equals(pdfLike())).toBe(true);
    expect(got?.contentType).toBe('application/pdf');
    expect(got?.metadata).toEqual({ complaint: 'C-1' });
    // A plain body: hashed and sent whole, not aws-chunked.
    expect(sent[0]?.['content-encoding']).toBeUndefined();
    expect(sent[0]?.['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts a string body as UTF-8', async () => {
    const { client } = await start();
    const store = new S3ObjectStore(client, BUCKET);

    await store.put('notes/n.txt', 'caf\u00e9', 'text/plain; charset=utf-8');
    const got = await store.get('notes/n.txt');

    expect(got?.body.toString('utf8')).toBe('caf\u00e9');
    expect(got?.contentType).toBe('text/plain; charset=utf-8');
    expect(got?.metadata).toEqual({});
  });

  it('stores a 3 MB body, which the SDK sends with Expect: 100-continue', async () => {
    const { client, sent } = await start();
    const store = new S3ObjectStore(client, BUCKET);
    const big = Buffer.alloc(3 * 1024 * 1024, pdfLike());

    await store.put('big.pdf', big, 'application/pdf');
    const got = await store.get('big.pdf');

    expect(sent[0]?.Expect).toBe('100-continue');
    expect(got?.body.equals(big)).toBe(true);
  });

  it('gives undefined for a missing key', async () => {
    const { client } = await start();

    expect(await new S3ObjectStore(client, BUCKET).get('nope')).toBeUndefined();
  });

  it('rethrows other failures, such as a missing bucket', async () => {
    const { client } = await start();

    await expect(
      new S3ObjectStore(client, 'hearth-none').get('k'),
    ).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('lists every key under a prefix across pages', async () => {
    const { client } = await start();
    const store = new S3ObjectStore(client, BUCKET);
    const keys = Array.from(
      { length: 1003 },
      (_, i) => `reports/${String(i).padStart(4, '0')}.csv`,
    );
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map((key) => store.put(key, 'x', 'text/csv')),
      );
    }
    await store.put('other/x', 'x', 'text/plain');

    const listed = await store.list('reports/');

    expect(listed).toEqual(keys);
    expect(await store.list('none/')).toEqual([]);
  });
});
