/**
 * Idempotency records as every idempotent job keeps them: Powertools'
 * DynamoDB persistence layer on the one table. Apart from ./wiring.ts so a
 * function that never deduplicates does not bundle Powertools idempotency
 * and its JMESPath engine.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keys } from './adapters/dynamodb/keys.js';
import { dynamoDb } from './clients/dynamodb.js';
import { table } from './table.js';

/**
 * Where Powertools keeps idempotency records: the one table, under the
 * organisation's idempotency partition for one job (`scope`), expired by
 * TTL. Every idempotent job uses this layout.
 */
export function idempotencyStore(
  tableName: string,
  organisationId: string,
  scope: string,
  client: DynamoDBClient = dynamoDb,
): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: client,
    keyAttr: table.partitionKey.name,
    sortKeyAttr: table.sortKey.name,
    staticPkValue: `${keys.idempotency(organisationId)}#${scope}`,
    expiryAttr: table.ttlAttribute,
  });
}

/** A day is long enough for any client's retries of one request. */
const IDEMPOTENCY_SECONDS = 24 * 60 * 60;

/**
 * Powertools idempotency on the Idempotency-Key header, its records in the
 * one table under the organisation's prefix, expired by TTL. A request
 * without the header is processed normally; the same key with a different
 * body is refused.
 */
export function idempotency(
  tableName: string,
  organisationId: string,
  functionName: string,
) {
  return makeHandlerIdempotent({
    persistenceStore: idempotencyStore(tableName, organisationId, functionName),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'headers."idempotency-key"',
      payloadValidationJmesPath: 'body',
      throwOnNoIdempotencyKey: false,
      expiresAfterSeconds: IDEMPOTENCY_SECONDS,
    }),
  });
}
