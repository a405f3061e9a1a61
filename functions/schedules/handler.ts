/**
 * The schedules job: keeps EventBridge Scheduler in step with the domain's
 * clocks. Each decision's create-schedule and delete-schedule intents,
 * from the stream's outbox records, in order; idempotent by name, so a
 * redelivered record changes nothing.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { DeadlineSchedules } from '../shared/adapters/scheduler/deadline-schedules.js';
import { scheduler } from '../shared/clients/scheduler.js';
import { functionLogger } from '../shared/logger.js';
import { outboxConsumer } from '../shared/outbox.js';
import { config } from './config.js';

const logger = functionLogger('schedules');
const schedules = new DeadlineSchedules({
  client: scheduler,
  ...config.scheduling,
});

export const main = outboxConsumer(async (decision) => {
  for (const intent of decision.intents) {
    if (intent.type === 'create-schedule') {
      const outcome = await schedules.create(
        decision.organisationId,
        intent.schedule,
        new Date(),
      );
      logger.info('Schedule', {
        reference: decision.complaintId,
        clock: intent.schedule.clockId,
        fire: intent.schedule.fire,
        outcome,
      });
    } else if (intent.type === 'delete-schedule') {
      const outcome = await schedules.delete(
        decision.organisationId,
        intent.schedule,
      );
      logger.info('Schedule', {
        reference: decision.complaintId,
        clock: intent.schedule.clockId,
        outcome,
      });
    }
  }
});

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler(main);
