/**
 * What the fault and concurrency tests do to make letters and clocks: web
 * complaints, each from an address of its own (so the per-address limit
 * never refuses one), acknowledged at stage 1 by an officer.
 */
import type { ComplaintState } from '@hearth/domain';
import { expect } from 'vitest';
import type { DynamoDbComplaintRepository } from '../../../functions/shared/adapters/dynamodb/complaint-repository.js';
import type { LocalStack } from '../../../infra/local/start.js';

export function casework(
  stack: () => LocalStack,
  options: {
    /** The officer's ID token (read when used: it is issued in beforeAll). */
    readonly officer: () => string;
    /** The viewer addresses' /24, e.g. `198.51.100`. */
    readonly network: string;
  },
) {
  let viewer = 0;
  return {
    /** A new web complaint; its reference. */
    async complain(): Promise<string> {
      viewer += 1;
      const response = await fetch(`${stack().urls.api}/complaints`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cloudfront-viewer-address': `${options.network}.${viewer}:443`,
        },
        body: JSON.stringify({
          summary: `Water is coming through the ceiling of flat ${viewer}.`,
          resident: {
            name: `Resident ${viewer}`,
            email: `resident.${viewer}@example.org`,
            preferredContact: 'email',
          },
        }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { reference: string }).reference;
    },

    /** The stage 1 acknowledgement, answered 200. */
    async acknowledge(reference: string): Promise<void> {
      const response = await fetch(
        `${stack().urls.api}/staff/complaints/${reference}/acknowledgment`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.officer()}`,
          },
          body: JSON.stringify({
            type: 'acknowledge',
            stage: 1,
            definition: {
              issues: [{ id: 'leak', summary: 'The leak', inScope: true }],
              outcomesSought: ['A dry ceiling'],
            },
          }),
        },
      );
      expect(response.status).toBe(200);
    },
  };
}

/** The complaint as stored; a test fails if there is none. */
export async function storedState(
  repository: DynamoDbComplaintRepository,
  organisationId: string,
  reference: string,
): Promise<ComplaintState> {
  const state = await repository.load(organisationId, reference);
  if (state === undefined) throw new Error(`No complaint ${reference}`);
  return state;
}
