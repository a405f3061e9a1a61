/**
 * The letters job (DESIGN §2): each saved decision from the table's stream;
 * every letter it calls for is checked, emailed (SES) and/or printed (a PDF
 * in S3 for the print queue) once, and recorded. A failed send fails that
 * record alone: it is retried, never lost.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { S3ObjectStore } from '../shared/adapters/s3/object-store.js';
import { SesMailer } from '../shared/adapters/ses/mailer.js';
import { dynamoDb } from '../shared/clients/dynamodb.js';
import { s3 } from '../shared/clients/s3.js';
import { ses } from '../shared/clients/ses.js';
import { functionLogger } from '../shared/logger.js';
import { outboxConsumer } from '../shared/outbox.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { deliverLetters, dispatcher } from './deliver.js';
import { sendOnce } from './send-once.js';

const logger = functionLogger('letters');
const once = sendOnce(
  dispatcher({
    mailer: new SesMailer(ses),
    store: new S3ObjectStore(s3, config.lettersBucket),
    from: { name: config.landlord.name, address: config.senderAddress },
    senderDomain: config.senderDomain,
  }),
  {
    client: dynamoDb,
    tableName: config.tableName,
    organisationId: config.organisationId,
  },
);
const deps = {
  repository: repositoryFor(config.tableName),
  policy: config.policy,
  landlord: config.landlord,
  dispatch: once.dispatch,
  logger,
  now: () => new Date().toISOString(),
  newId: randomUUID,
};
const consume = outboxConsumer((decision) => deliverLetters(deps, decision));

export async function main(
  event: DynamoDBStreamEvent,
  context: Context,
): Promise<DynamoDBBatchResponse> {
  once.config.registerLambdaContext(context);
  return consume(event, context);
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(main);
