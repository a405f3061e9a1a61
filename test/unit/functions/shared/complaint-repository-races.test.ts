/**
 * How the repository reads DynamoDB's refusal of a save. DynamoDB Local
 * never cancels a transaction for a conflicting one in flight, so that
 * answer is given here by a stand-in client (a unit test of the adapter).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { anAcknowledgedComplaint } from '../../domain/letters/support/builders.js';

function refusedWith(...codes: string[]) {
  const client = {
    send: async () => {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: codes.map((Code) => ({ Code })),
      });
    },
  } as unknown as DynamoDBDocumentClient;
  return new DynamoDbComplaintRepository({ client, tableName: 'hearth' });
}

const state = anAcknowledgedComplaint();
const decision = {
  state,
  expectedVersion: state.version - 1,
  events: [],
  intents: [],
};

describe('a save DynamoDB cancels', () => {
  it.each([
    ['its version check failed', ['ConditionalCheckFailed', 'None']],
    ['another transaction held the item', ['TransactionConflict', 'None']],
  ])('is a lost race when %s', async (_why, codes) => {
    await expect(
      refusedWith(...codes).save('org', decision),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('is not a lost race for any other reason', async () => {
    const saving = refusedWith('ValidationError', 'None').save('org', decision);
    await expect(saving).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
