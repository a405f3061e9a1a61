/**
 * Finding a complaint by its reference and the resident's tracking token.
 * Only the token's SHA-256 is stored (at receipt); the comparison is in
 * constant time, and an unknown reference costs the same comparison, so
 * neither the answer nor its timing says which of the two was wrong.
 */
import type { ComplaintState } from '@hearth/domain';
import type { DynamoDbComplaintRepository } from '../shared/adapters/dynamodb/complaint-repository.js';
import { tokenMatches } from '../shared/tracking-token.js';

const REFERENCE = /^HTH-\d{4}-\d{6,}$/;
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** `hth-2026-000123 ` → `HTH-2026-000123`: what a person might type. */
export function normaliseReference(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export class TrackedComplaints {
  readonly #repository: Pick<DynamoDbComplaintRepository, 'loadTracked'>;

  constructor(repository: Pick<DynamoDbComplaintRepository, 'loadTracked'>) {
    this.#repository = repository;
  }

  /** The complaint, if the reference exists and the token is its own. */
  async find(
    organisationId: string,
    reference: string,
    token: string,
  ): Promise<ComplaintState | undefined> {
    const wellFormed = REFERENCE.test(reference) && TOKEN.test(token);
    const found = wellFormed
      ? await this.#repository.loadTracked(organisationId, reference)
      : undefined;
    // One constant-time comparison whatever was found (tracking-token.ts);
    // a stored hash that is not one no longer throws (a 500) but misses.
    return tokenMatches(token, found?.trackingTokenHash)
      ? found?.state
      : undefined;
  }
}
