/**
 * Creates Hearth's table from the one definition in functions/shared/table.ts,
 * as the CDK app does in AWS: keys, every index, the stream and TTL.
 * Idempotent: an existing table (a data folder from an earlier version)
 * only gains the indexes it lacks, as a CDK deploy would add them.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  LimitExceededException,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { table } from '../../functions/shared/table.js';

export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  const indexes = Object.values(table.indexes);
  const gsi = (i: (typeof indexes)[number]): GlobalSecondaryIndex => ({
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
    ],
    Projection: {
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: [...i.projection],
    },
  });
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
        GlobalSecondaryIndexes: indexes.map(gsi),
        StreamSpecification: {
          StreamEnabled: true,
          StreamViewType: table.streamViewType,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, tableName, indexes.map(gsi));
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

/** One UpdateTable per missing index (DynamoDB takes one at a time). */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  wanted: readonly GlobalSecondaryIndex[],
): Promise<void> {
  const { Table } = await client.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  const present = new Set(
    (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName),
  );
  for (const index of wanted) {
    if (present.has(index.IndexName)) continue;
    const keys = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await createIndex(client, tableName, index, keys);
  }
}

/**
 * DynamoDB builds one new index at a time: a second waits (retried) until
 * the first is built. The first is usable once DynamoDB has backfilled it.
 */
async function createIndex(
  client: DynamoDBClient,
  tableName: string,
  index: GlobalSecondaryIndex,
  keys: ReadonlySet<string | undefined>,
): Promise<void> {
  for (let waited = 0; ; waited += 500) {
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: Object.values(table.indexes)
            .flatMap((i) => [i.partitionKey, i.sortKey])
            .filter((k) => keys.has(k.name))
            .map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
          GlobalSecondaryIndexUpdates: [{ Create: { ...index } }],
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof LimitExceededException) || waited > 120_000) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
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
