import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { table } from '../../functions/shared/table.js';
import { ensureTable } from '../../infra/local/create-table.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const client = dynamoDbClient();
afterAll(() => client.destroy());

describe('the table on DynamoDB Local, created from functions/shared/table.ts', () => {
  it('has the keys, every index, the stream and TTL', async () => {
    const name = await freshTable(client);

    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: name }),
    );
    const ttl = await client.send(
      new DescribeTimeToLiveCommand({ TableName: name }),
    );

    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(
      Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort(),
    ).toEqual(
      Object.values(table.indexes)
        .map((i) => i.name)
        .sort(),
    );
    expect(Table?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_IMAGE',
    });
    expect(Table?.LatestStreamArn).toBeDefined();
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('leaves an existing table alone when asked again', async () => {
    const name = await freshTable(client);

    await expect(ensureTable(client, name)).resolves.toBeUndefined();
  });

  it('adds the index a table from the previous version lacks', async () => {
    const name = `hearth-old-${randomUUID()}`;
    // The table as the previous version made it: without the by-resident
    // index. (One missing index: DynamoDB builds one at a time, and
    // DynamoDB Local under the whole suite's load takes minutes over it.)
    const earlier = [
      table.indexes.workQueue,
      table.indexes.reporting,
      table.indexes.printQueue,
    ];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          ...earlier.flatMap((i) => [
            { AttributeName: i.partitionKey.name, AttributeType: 'S' as const },
            { AttributeName: i.sortKey.name, AttributeType: 'S' as const },
          ]),
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: earlier.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey.name, KeyType: 'HASH' as const },
            { AttributeName: i.sortKey.name, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' as const },
        })),
      }),
    );

    await ensureTable(client, name);

    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: name }),
    );
    expect(
      Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort(),
    ).toEqual(
      Object.values(table.indexes)
        .map((i) => i.name)
        .sort(),
    );
  });
});
