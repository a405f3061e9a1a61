/**
 * POST /complaints: the public web form's JSON API (Code 3.1). Validates
 * the body, then receives the complaint the same way the HTML form does
 * (shared/intake). A retry with the same Idempotency-Key gets the first
 * answer, never a second complaint.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { RateLimiter } from '../shared/adapters/dynamodb/rate-limiter.js';
import { clientAddress } from '../shared/client-address.js';
import { documents } from '../shared/clients/dynamodb.js';
import { idempotency } from '../shared/idempotency.js';
import { receiveComplaint } from '../shared/intake/receive.js';
import { functionLogger } from '../shared/logger.js';
import { problemJson } from '../shared/middleware/problem-json.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { receipt } from './receive.js';
import { type IntakeEvent, intakeEventSchema } from './schema.js';

const logger = functionLogger('intake');
const deps = {
  repository: repositoryFor(config.tableName),
  limiter: new RateLimiter(documents, config.tableName, {
    perHour: config.perHour,
  }),
  organisationId: config.organisationId,
  policy: config.policy,
};

export async function main(
  event: IntakeEvent,
  now = new Date().toISOString(),
): Promise<ReturnType<typeof receipt>> {
  const { state, token } = await receiveComplaint(
    deps,
    event.body,
    clientAddress(event),
    now,
  );
  logger.info('Complaint received', {
    reference: state.reference,
    channel: 'web',
  });
  return receipt(state, token, config.policy);
}

export const handler = middy()
  .use(problemJson(logger))
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .use(parser({ schema: intakeEventSchema }))
  .use(idempotency(config.tableName, config.organisationId, 'intake'))
  .handler((event: IntakeEvent) => main(event));
