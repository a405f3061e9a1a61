/**
 * POST /staff/complaints: any member of staff logs a complaint made by
 * phone, letter, in person or on social media, with its TRUE received
 * time (Code 3.2, 5.12): the clocks run from then, not from logging.
 */
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { z } from 'zod';
import { baseConfig } from '../shared/config.js';
import {
  apiEventSchema,
  jsonString,
  staffReceiveSchema,
} from '../shared/contracts/index.js';
import { functionLogger } from '../shared/logger.js';
import { problemJson } from '../shared/middleware/problem-json.js';
import { receiveNew } from '../shared/service.js';
import { caseSummary, json, requireRole, staffOf } from '../shared/staff.js';
import { repositoryFor } from '../shared/wiring.js';

const logger = functionLogger('staff-intake');
const config = baseConfig();
const repository = repositoryFor(config.tableName);
const eventSchema = apiEventSchema.extend({
  body: jsonString(staffReceiveSchema),
});

export async function main(
  event: z.infer<typeof eventSchema>,
  now = new Date().toISOString(),
) {
  const staff = staffOf(event);
  requireRole(staff, ['officer', 'manager']);
  const { state, token } = await receiveNew({
    repository,
    organisationId: staff.organisationId,
    policy: config.policy,
    actor: { kind: 'staff', id: staff.username },
    now,
    // Numbered in the London year it was received, not logged.
    receivedAt: event.body.receivedAt,
    newId: randomUUID,
    command: (reference) => ({
      ...event.body,
      type: 'receive',
      id: reference,
      reference,
    }),
  });
  logger.info('Complaint logged', {
    reference: state.reference,
    channel: state.channel,
  });
  return json(
    201,
    { ...caseSummary(state, config.policy), trackingToken: token },
    state.version,
  );
}

export const handler = middy()
  .use(problemJson(logger))
  .use(
    injectLambdaContext(logger, {
      correlationIdPath: 'requestContext.requestId',
    }),
  )
  .use(parser({ schema: eventSchema }))
  .handler((event: z.infer<typeof eventSchema>) => main(event));
