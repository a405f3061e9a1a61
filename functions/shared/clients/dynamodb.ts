/**
 * The DynamoDB clients, built once per container at module scope (STYLE
 * rec. 9). Each AWS client has its own module so a function bundles only
 * the clients it imports. Endpoints come from the SDK's own environment
 * variables (AWS_ENDPOINT_URL_DYNAMODB, …), which the local stack sets; in
 * AWS they are unset and the SDK's defaults apply.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const dynamoDb = new DynamoDBClient({});

export const documents = DynamoDBDocumentClient.from(dynamoDb, {
  marshallOptions: { removeUndefinedValues: true },
});
