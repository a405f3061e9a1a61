/**
 * The outbox consumers' common shape (DESIGN §2): a DynamoDB stream batch
 * of event items, each read back validated, handled one at a time in
 * stream order, with failures reported per record (ReportBatchItemFailures)
 * so a good record is never retried for a bad one.
 *
 * Once a record of a complaint fails, that complaint's later records in
 * the batch fail too without being tried: they are retried after it, in
 * order, so a schedule's delete can never overtake its create.
 */
import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import {
  type StoredDecision,
  storedDecision,
} from './adapters/dynamodb/complaint-repository.js';

export type DecisionHandler = (decision: StoredDecision) => Promise<void>;

/**
 * A Lambda handler body for an outbox consumer.
 *
 * @example
 * export const main = outboxConsumer(async (decision) => { … });
 */
export function outboxConsumer(handle: DecisionHandler) {
  return async (
    event: DynamoDBStreamEvent,
    context: Context,
  ): Promise<DynamoDBBatchResponse> => {
    const failed = new Set<string>();
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const image = record.dynamodb?.NewImage;
        if (image === undefined) return; // not an insert: nothing to do
        const item = unmarshall(image as Record<string, AttributeValue>);
        const caseKey = `${String(item.organisationId)}/${String(item.complaintId)}`;
        if (failed.has(caseKey)) {
          throw new Error(`an earlier record of ${caseKey} failed`);
        }
        try {
          await handle(storedDecision(item));
        } catch (error) {
          failed.add(caseKey);
          throw error;
        }
      },
      processor,
      { context, processInParallel: false },
    );
  };
}
