import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../../infra/local/dynamodb-local.js';
import { freePort } from '../../../infra/local/listen.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** The integration project's one DynamoDB Local, in memory, on a free port. */
export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamodbEndpoint', db.endpoint);
  return () => db.stop();
}

export { freePort };
