/**
 * Objects in one S3 bucket (raw inbound mail, letter PDFs, reports), behind
 * a small interface the functions use and tests can fake.
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** An object's bytes and what was stored with them. */
export interface ObjectContent {
  readonly body: Buffer;
  readonly contentType: string;
  /** User metadata; S3 returns the names lower-case. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ObjectStore {
  /**
   * Stores `body` under `key`, replacing any object there.
   *
   * @param metadata names of lower-case letters, digits and `-`; values of
   * printable ASCII (they travel as `x-amz-meta-*` headers), 2 KB in all.
   * @throws TypeError for metadata S3 could not return as given.
   */
  put(
    key: string,
    body: Buffer | string,
    contentType: string,
    metadata?: Readonly<Record<string, string>>,
  ): Promise<void>;
  /** The object under `key`; undefined when there is none. */
  get(key: string): Promise<ObjectContent | undefined>;
  /** Every key starting with `prefix`, in S3's order, across all pages. */
  list(prefix: string): Promise<string[]>;
}

/**
 * The S3 implementation. Bodies are sent whole (a Buffer or string, never
 * a stream), so the SDK signs them with a plain payload hash and a CRC32
 * header rather than `aws-chunked` framing.
 *
 * @example
 * const letters = new S3ObjectStore(s3, config.lettersBucket);
 * await letters.put('letters/C-1/ack.pdf', pdf, 'application/pdf', { complaint: 'C-1' });
 */
export class S3ObjectStore implements ObjectStore {
  readonly #client: Pick<S3Client, 'send'>;
  readonly #bucket: string;

  constructor(client: Pick<S3Client, 'send'>, bucket: string) {
    this.#client = client;
    this.#bucket = bucket;
  }

  async put(
    key: string,
    body: Buffer | string,
    contentType: string,
    metadata: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    checkMetadata(metadata);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        Metadata: { ...metadata },
      }),
    );
  }

  async get(key: string): Promise<ObjectContent | undefined> {
    try {
      const output = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: key }),
      );
      const bytes = (await output.Body?.transformToByteArray()) ?? [];
      return {
        body: Buffer.from(bytes),
        contentType: output.ContentType ?? 'application/octet-stream',
        metadata: output.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) keys.push(object.Key);
      }
      continuationToken = page.IsTruncated
        ? page.NextContinuationToken
        : undefined;
      if (page.IsTruncated && continuationToken === undefined) {
        throw new Error(
          `ListObjectsV2 on ${this.#bucket} is truncated but gave no continuation token`,
        );
      }
    } while (continuationToken !== undefined);
    return keys;
  }
}

const METADATA_NAME = /^[a-z0-9][a-z0-9-]*$/;
const METADATA_VALUE = /^[\x20-\x7e]*$/;
const MAX_METADATA_BYTES = 2048;

/**
 * Refuses metadata S3 would not give back as it was put: upper-case names
 * (S3 lower-cases them), characters HTTP headers cannot carry, and more
 * than S3's 2 KB.
 */
function checkMetadata(metadata: Readonly<Record<string, string>>): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_NAME.test(name)) {
      throw new TypeError(
        `S3 metadata name ${JSON.stringify(name)}: use lower-case letters, digits and '-'`,
      );
    }
    if (!METADATA_VALUE.test(value)) {
      throw new TypeError(
        `S3 metadata ${name}: the value must be printable ASCII`,
      );
    }
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new TypeError(
      `S3 metadata is ${bytes} bytes; S3 allows ${MAX_METADATA_BYTES}`,
    );
  }
}
