/**
 * Finding a complaint by its reference and the resident's tracking token.
 * Only the token's SHA-256 is stored (at receipt); the comparison is in
 * constant time, and an unknown reference costs the same comparison, so
 * neither the answer nor its timing says which of the two was wrong.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplaintState } from '@hearth/domain';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { complaintStateSchema, parseRow } from '../shared/contracts/index.js';

const REFERENCE = /^HTH-\d{4}-\d{6,}$/;
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** `hth-2026-000123 ` → `HTH-2026-000123`: what a person might type. */
export function normaliseReference(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

// Compared against when there is no stored hash, so every miss costs the same.
const NO_HASH = sha256('no complaint has this hash');

export class TrackedComplaints {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  /** The complaint, if the reference exists and the token is its own. */
  async find(
    organisationId: string,
    reference: string,
    token: string,
  ): Promise<ComplaintState | undefined> {
    const wellFormed = REFERENCE.test(reference) && TOKEN.test(token);
    const item = wellFormed
      ? (
          await this.#client.send(
            new GetCommand({
              TableName: this.#table,
              Key: keys.complaint(organisationId, reference),
              ConsistentRead: true,
              ProjectionExpression: '#state, trackingTokenHash',
              ExpressionAttributeNames: { '#state': 'state' },
            }),
          )
        ).Item
      : undefined;
    const stored =
      typeof item?.trackingTokenHash === 'string' &&
      /^[0-9a-f]{64}$/.test(item.trackingTokenHash)
        ? Buffer.from(item.trackingTokenHash, 'hex')
        : undefined;
    const matches = timingSafeEqual(sha256(token), stored ?? NO_HASH);
    if (!matches || stored === undefined || item === undefined) {
      return undefined;
    }
    return parseRow(complaintStateSchema, item.state, `complaint ${reference}`);
  }
}
