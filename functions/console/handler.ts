/**
 * The staff console (GET and POST /console/…): the work queue, a case and
 * the actions its state allows, logging a phone or letter complaint, the
 * print queue, and the Board's reports for managers and the MRC. Staff sign in through the user pool (Cognito's hosted
 * UI in AWS, the local user pool locally); the session is the ID token,
 * verified here on every request because an HTTP API's JWT authorizer
 * cannot read a cookie. Pages are server-rendered and need no script.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { DynamoDbSelfAssessmentRepository } from '../shared/adapters/dynamodb/self-assessment-repository.js';
import { S3ObjectStore } from '../shared/adapters/s3/object-store.js';
import { documents } from '../shared/clients/dynamodb.js';
import { s3 } from '../shared/clients/s3.js';
import { functionLogger } from '../shared/logger.js';
import { repositoryFor } from '../shared/wiring.js';
import { consoleConfig } from './config.js';
import { type ConsoleDeps, route } from './router.js';
import { sessionVerifier } from './session.js';

const logger = functionLogger('console');
const config = consoleConfig();
const deps: ConsoleDeps = {
  config,
  repository: repositoryFor(config.tableName),
  letters: new S3ObjectStore(s3, config.lettersBucket),
  reports: new S3ObjectStore(s3, config.reportsBucket),
  assessments: new DynamoDbSelfAssessmentRepository({
    client: documents,
    tableName: config.tableName,
  }),
  sessions: sessionVerifier(config),
  newId: randomUUID,
  logger,
};

export const handler = middy<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>()
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .handler((event) => route(deps, event));
