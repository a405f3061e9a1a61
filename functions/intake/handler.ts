/**
 * POST /complaints: the public web form (Code 3.1). Validates the body,
 * allocates a reference, receives the complaint through the domain and
 * saves it in one transaction. A retry with the same Idempotency-Key gets
 * the first answer, never a second complaint.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { RateLimiter } from '../shared/adapters/dynamodb/rate-limiter.js';
import { documents } from '../shared/clients.js';
import { functionLogger } from '../shared/logger.js';
import { problemJson } from '../shared/middleware/problem-json.js';
import { allocateReference, execute } from '../shared/service.js';
import { trackingToken } from '../shared/tracking-token.js';
import { idempotency, repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { receipt, receiveCommand } from './receive.js';
import { type IntakeEvent, intakeEventSchema } from './schema.js';

const logger = functionLogger('intake');
const repository = repositoryFor(config.tableName);
const limiter = new RateLimiter(documents, config.tableName, {
  perHour: config.perHour,
});

export async function main(
  event: IntakeEvent,
  now = new Date().toISOString(),
): Promise<ReturnType<typeof receipt>> {
  await limiter.hit(
    config.organisationId,
    event.requestContext.http.sourceIp,
    new Date(now),
  );
  const reference = await allocateReference(
    repository,
    config.organisationId,
    now,
  );
  const { token, hash } = trackingToken();
  const { state } = await execute({
    repository,
    organisationId: config.organisationId,
    policy: config.policy,
    actor: { kind: 'resident', id: 'web-form' },
    now,
    newId: randomUUID,
    command: receiveCommand(reference, event.body, now),
    trackingTokenHash: hash,
  });
  logger.info('Complaint received', { reference, channel: 'web' });
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
