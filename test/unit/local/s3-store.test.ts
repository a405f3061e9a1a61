import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inside,
  isValidBucketName,
  objectFileStem,
  openBucketStore,
  type StoredObject,
} from '../../../infra/local/s3/store.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((f) => rm(f, { recursive: true, force: true })),
  );
});

async function tempDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'hearth-s3-store-'));
  folders.push(folder);
  return folder;
}

function object(key: string, body = key): StoredObject {
  return {
    key,
    body: Buffer.from(body),
    etag: '"x"',
    lastModified: new Date('2026-01-05T10:00:00.000Z'),
    contentType: 'text/plain',
    metadata: { complaint: 'C-1' },
    headers: { 'cache-control': 'no-store' },
    checksums: {},
  };
}

describe('names on disk', () => {
  it('accepts S3 bucket names and refuses anything path-like', () => {
    expect(isValidBucketName('hearth-mail')).toBe(true);
    expect(isValidBucketName('hearth.mail.2026')).toBe(true);
    for (const name of [
      '..',
      'a..b',
      '../x',
      'a/b',
      'Upper',
      'ab',
      '-ab',
      '192.168.0.1',
    ]) {
      expect(isValidBucketName(name)).toBe(false);
    }
  });

  it('names a key by its SHA-256, whatever the key holds', () => {
    expect(objectFileStem('../../etc/passwd')).toMatch(/^[0-9a-f]{64}$/);
    expect(objectFileStem('a'.repeat(1024))).toHaveLength(64);
  });

  it('refuses a name that would leave the folder', () => {
    expect(inside('/data/b', 'x.json')).toBe(path.resolve('/data/b/x.json'));
    for (const name of ['..', '.', '../x', 'a/b', '']) {
      expect(() => inside('/data/b', name)).toThrow(/outside/);
    }
  });
});

describe('openBucketStore', () => {
  it('keeps objects in memory without a data folder', async () => {
    const store = await openBucketStore(undefined);
    await store.createBucket('hearth-mail');

    await store.put('hearth-mail', object('b'));
    await store.put('hearth-mail', object('a'));
    await store.delete('hearth-mail', 'b');

    expect(store.keys('hearth-mail')).toEqual(['a']);
    expect(store.get('hearth-mail', 'a')?.body.toString()).toBe('a');
    expect(await store.createBucket('hearth-mail')).toBe(false);
  });

  it('loads what an earlier store wrote, metadata included', async () => {
    const dataDir = await tempDir();
    const first = await openBucketStore(dataDir);
    await first.createBucket('hearth-mail');
    await first.put('hearth-mail', object('letters/../x', 'one'));
    await first.put('hearth-mail', object('letters/../x', 'two'));
    await first.flush();

    const second = await openBucketStore(dataDir);

    expect(second.keys('hearth-mail')).toEqual(['letters/../x']);
    expect(second.get('hearth-mail', 'letters/../x')).toEqual(
      object('letters/../x', 'two'),
    );
    expect(second.buckets().map((b) => b.name)).toEqual(['hearth-mail']);
  });

  it('clears what an interrupted write left behind', async () => {
    const dataDir = await tempDir();
    const first = await openBucketStore(dataDir);
    await first.createBucket('hearth-mail');
    await first.put('hearth-mail', object('kept'));
    const objects = path.join(dataDir, 'hearth-mail', 'objects');
    const stem = objectFileStem('lost');
    await writeFile(
      path.join(
        objects,
        `${stem}.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.body`,
      ),
      'half',
    );
    await writeFile(path.join(objects, `${stem}.json.123.tmp`), '{');

    const second = await openBucketStore(dataDir);

    expect(second.keys('hearth-mail')).toEqual(['kept']);
    expect(await readdir(objects)).toHaveLength(2);
  });

  it('commits a write by renaming its record into place', async () => {
    const dataDir = await tempDir();
    const store = await openBucketStore(dataDir);
    await store.createBucket('hearth-mail');

    await store.put('hearth-mail', object('k', 'body'));

    const objects = path.join(dataDir, 'hearth-mail', 'objects');
    const record = JSON.parse(
      await readFile(path.join(objects, `${objectFileStem('k')}.json`), 'utf8'),
    ) as { key: string; bodyFile: string; size: number };
    expect(record.key).toBe('k');
    expect(record.size).toBe(4);
    expect(await readFile(path.join(objects, record.bodyFile), 'utf8')).toBe(
      'body',
    );
  });

  it('lets a write be refused by its check', async () => {
    const store = await openBucketStore(undefined);
    await store.createBucket('hearth-mail');
    await store.put('hearth-mail', object('k', 'first'));

    const refused = store.put('hearth-mail', object('k', 'second'), (p) => {
      if (p !== undefined) throw new Error('exists');
    });

    await expect(refused).rejects.toThrow('exists');
    expect(store.get('hearth-mail', 'k')?.body.toString()).toBe('first');
  });

  it('ignores folders that are not buckets', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'scheduler.json'), '{}');

    const store = await openBucketStore(dataDir);

    expect(store.buckets()).toEqual([]);
  });
});
