/**
 * Adapters as every handler builds them, once, at module scope.
 */
import { DynamoDbComplaintRepository } from './adapters/dynamodb/complaint-repository.js';
import { documents } from './clients/dynamodb.js';

export function repositoryFor(tableName: string): DynamoDbComplaintRepository {
  return new DynamoDbComplaintRepository({ client: documents, tableName });
}
