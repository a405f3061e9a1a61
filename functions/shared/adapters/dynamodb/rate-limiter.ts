/**
 * A fixed-window rate limit per caller address: one counter item per
 * address and hour, bumped atomically, expired by TTL. The address is
 * kept only as a keyed hash, never as itself (it is personal data).
 */
import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { table } from '../../table.js';
import { itemKinds, keys } from './keys.js';

export interface RateLimit {
  readonly perHour: number;
}

export class TooManyRequestsError extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('Too many complaints from this address in the last hour');
    this.name = 'TooManyRequestsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class RateLimiter {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #limit: RateLimit;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    limit: RateLimit,
  ) {
    this.#client = client;
    this.#table = tableName;
    this.#limit = limit;
  }

  /** Counts one request; throws TooManyRequestsError past the limit. */
  async hit(organisationId: string, address: string, now: Date): Promise<void> {
    const hour = now.toISOString().slice(0, 13);
    const hash = createHash('sha256')
      .update(`${organisationId}|${address}`)
      .digest('hex')
      .slice(0, 32);
    const windowEnd = Date.parse(`${hour}:00:00Z`) + 3_600_000;
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.rateWindow(organisationId, hash, hour),
        UpdateExpression: 'ADD #n :one SET kind = :kind, #ttl = :ttl',
        ExpressionAttributeNames: { '#n': 'n', '#ttl': table.ttlAttribute },
        ExpressionAttributeValues: {
          ':one': 1,
          ':kind': itemKinds.rate,
          ':ttl': Math.floor(windowEnd / 1000) + 3_600,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if (Number(Attributes?.n) > this.#limit.perHour) {
      throw new TooManyRequestsError(
        Math.ceil((windowEnd - now.getTime()) / 1000),
      );
    }
  }
}
