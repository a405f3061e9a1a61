/**
 * Creates Hearth's table from the one definition in functions/shared/table.ts,
 * as the CDK app does in AWS: keys, both indexes, the stream and TTL.
 * Idempotent: an existing table is left as it is.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { table } from '../../functions/shared/table.js';

export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  const indexes = Object.values(table.indexes);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          table.partitionKey,
          table.sortKey,
          ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
        ].map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
        KeySchema: [
          { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map(
          (i): GlobalSecondaryIndex => ({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
              { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
            ],
            Projection: {
              ProjectionType: 'INCLUDE',
              NonKeyAttributes: [...i.projection],
            },
          }),
        ),
        StreamSpecification: {
          StreamEnabled: true,
          StreamViewType: table.streamViewType,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 30 },
    { TableName: tableName },
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: {
        AttributeName: table.ttlAttribute,
        Enabled: true,
      },
    }),
  );
}

/** The table's stream ARN (for the stream poller). */
export async function streamArnOf(
  client: DynamoDBClient,
  tableName: string,
): Promise<string> {
  const { Table } = await client.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  const arn = Table?.LatestStreamArn;
  if (arn === undefined) throw new Error(`${tableName} has no stream`);
  return arn;
}
