/**
 * The bench's floor: the least a Hearth function could be. It imports only
 * the two DynamoDB packages every function needs and reads one item, so
 * its bundle size and cold start are what any function pays before its
 * own code. `npm run bench` bundles and starts it exactly as it does the
 * functions, in the same run, and compares each function with it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
// Spelled here rather than imported, so the floor holds nothing of ours.
const tableName = process.env.HEARTH_TABLE_NAME;

export async function handler(): Promise<{ statusCode: number }> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: 'BENCH#FLOOR', sk: 'STATE' },
    }),
  );
  return { statusCode: Item === undefined ? 404 : 200 };
}
