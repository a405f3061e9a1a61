/**
 * The links job: from the outbox, each `open-linked-complaint` intent (an
 * issue raised after a response, Code 6.8) becomes a complaint of its own,
 * under the reference allocated when the issue was raised, received when
 * it was raised, for the same resident, linked back to where it came from.
 * A complaint that already exists is left alone, so redelivery is harmless.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { baseConfig } from '../shared/config.js';
import { functionLogger } from '../shared/logger.js';
import { outboxConsumer } from '../shared/outbox.js';
import { execute } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import { linkedReceipt } from './receipt.js';

const logger = functionLogger('links');
const config = baseConfig();
const repository = repositoryFor(config.tableName);

export const main = outboxConsumer(async (decision) => {
  for (const intent of decision.intents) {
    if (intent.type !== 'open-linked-complaint') continue;
    const org = decision.organisationId;
    if (await repository.load(org, intent.complaintId)) continue;
    const from = await repository.load(org, intent.fromComplaintId);
    if (from === undefined)
      throw new Error(`${intent.fromComplaintId} is missing`);
    await execute({
      repository,
      organisationId: org,
      policy: config.policy,
      actor: { kind: 'system', id: 'links' },
      now: new Date().toISOString(),
      newId: randomUUID,
      command: linkedReceipt(from, intent, decision.at),
    });
    logger.info('Linked complaint opened', {
      reference: intent.complaintId,
      from: from.reference,
    });
  }
});

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler(main);
