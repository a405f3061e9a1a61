import {
  type GetObjectCommand,
  type ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../functions/shared/adapters/s3/object-store.js';

type Command = PutObjectCommand | GetObjectCommand | ListObjectsV2Command;

/** A client whose `send` records each command and answers from `reply`. */
function fakeClient(reply: (command: Command) => unknown) {
  const commands: Command[] = [];
  const client = {
    send: async (command: Command) => {
      commands.push(command);
      return reply(command);
    },
  } as unknown as Pick<S3Client, 'send'>;
  return { client, commands };
}

const metadata = { httpStatusCode: 404 };

describe('S3ObjectStore', () => {
  it('puts the body whole, with content type and metadata', async () => {
    const { client, commands } = fakeClient(() => ({}));
    const body = Buffer.from([0, 1, 2, 255]);

    await new S3ObjectStore(client, 'hearth-letters').put(
      'letters/C-1.pdf',
      body,
      'application/pdf',
      { complaint: 'C-1' },
    );

    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(PutObjectCommand);
    expect(commands[0]?.input).toEqual({
      Bucket: 'hearth-letters',
      Key: 'letters/C-1.pdf',
      Body: body,
      ContentType: 'application/pdf',
      Metadata: { complaint: 'C-1' },
    });
  });

  it('refuses metadata S3 would not return as given', async () => {
    const { client, commands } = fakeClient(() => ({}));
    const store = new S3ObjectStore(client, 'b');

    for (const bad of [
      { Complaint: 'x' },
      { complaint: 'caf\u00e9' },
      { complaint: 'a\nb' },
      { big: 'x'.repeat(2048) },
    ]) {
      await expect(store.put('k', 'x', 'text/plain', bad)).rejects.toThrow(
        TypeError,
      );
    }
    expect(commands).toHaveLength(0);
  });

  it('gets the bytes, content type and metadata', async () => {
    const { client } = fakeClient(() => ({
      Body: { transformToByteArray: async () => new Uint8Array([104, 105]) },
      ContentType: 'text/plain',
      Metadata: { complaint: 'C-1' },
    }));

    const got = await new S3ObjectStore(client, 'b').get('k');

    expect(got).toEqual({
      body: Buffer.from('hi'),
      contentType: 'text/plain',
      metadata: { complaint: 'C-1' },
    });
  });

  it('defaults a missing content type and metadata', async () => {
    const { client } = fakeClient(() => ({
      Body: { transformToByteArray: async () => new Uint8Array() },
    }));

    const got = await new S3ObjectStore(client, 'b').get('k');

    expect(got).toEqual({
      body: Buffer.alloc(0),
      contentType: 'application/octet-stream',
      metadata: {},
    });
  });

  it('gives undefined for NoSuchKey and rethrows anything else', async () => {
    const missingKey = fakeClient(() => {
      throw new NoSuchKey({ message: 'gone', $metadata: metadata });
    });
    const missingBucket = fakeClient(() => {
      throw new NoSuchBucket({ message: 'gone', $metadata: metadata });
    });

    expect(
      await new S3ObjectStore(missingKey.client, 'b').get('k'),
    ).toBeUndefined();
    await expect(
      new S3ObjectStore(missingBucket.client, 'b').get('k'),
    ).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('lists across pages by continuation token', async () => {
    const pages: Record<string, unknown> = {
      first: {
        Contents: [{ Key: 'r/1' }, { Key: 'r/2' }],
        IsTruncated: true,
        NextContinuationToken: 't1',
      },
      t1: { Contents: [{ Key: 'r/3' }], IsTruncated: false },
    };
    const { client, commands } = fakeClient(
      (command) =>
        pages[
          (command as ListObjectsV2Command).input.ContinuationToken ?? 'first'
        ],
    );

    const keys = await new S3ObjectStore(client, 'b').list('r/');

    expect(keys).toEqual(['r/1', 'r/2', 'r/3']);
    expect(commands.map((c) => c.input)).toEqual([
      { Bucket: 'b', Prefix: 'r/', ContinuationToken: undefined },
      { Bucket: 'b', Prefix: 'r/', ContinuationToken: 't1' },
    ]);
  });

  it('fails rather than loop on a truncated page without a token', async () => {
    const { client } = fakeClient(() => ({ IsTruncated: true }));

    await expect(new S3ObjectStore(client, 'b').list('')).rejects.toThrow(
      /no continuation token/,
    );
  });
});
