import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
} from '../../../infra/local/dynamodb-local.js';

/** A client on the integration project's DynamoDB Local. */
export function dynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: localRegion,
    credentials: localCredentials,
  });
}

/** A fresh table for one test file, so files never share data. */
export async function freshTable(client: DynamoDBClient): Promise<string> {
  const name = `hearth-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, name);
  return name;
}
