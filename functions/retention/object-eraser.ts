/**
 * Deleting a case's files from one bucket: the keys under a prefix, and
 * one key at a time (DeleteObject, which S3 answers the same whether or
 * not the key exists, so a re-run deletes nothing twice). Kept beside the
 * retention job, the only function that deletes objects.
 *
 * In a versioned bucket a delete leaves the old versions; the bucket's
 * lifecycle rule expires them (infra/stacks/stateful-stack.ts).
 */
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../shared/adapters/s3/object-store.js';

export interface ObjectEraser {
  /** Every key starting with `prefix`. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}

export class S3ObjectEraser implements ObjectEraser {
  readonly #client: Pick<S3Client, 'send'>;
  readonly #bucket: string;
  readonly #store: S3ObjectStore;

  constructor(client: Pick<S3Client, 'send'>, bucket: string) {
    this.#client = client;
    this.#bucket = bucket;
    this.#store = new S3ObjectStore(client, bucket);
  }

  list(prefix: string): Promise<string[]> {
    return this.#store.list(prefix);
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }),
    );
  }
}
