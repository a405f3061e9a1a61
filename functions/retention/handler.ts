/**
 * The retention job, run daily by an EventBridge Scheduler cron (its
 * input carries the time it was scheduled for), or invoked with
 * `{ "fromMonth": "2019-01" }` to read further back than the usual 36
 * months before the cutoff: finished cases past the policy's retention
 * period are anonymised and their files deleted (./erase.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { InvalidInputError, londonDate } from '@hearth/domain';
import middy from '@middy/core';
import * as z from 'zod';
import { s3 } from '../shared/clients/s3.js';
import { functionLogger } from '../shared/logger.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { runRetention } from './erase.js';
import { S3ObjectEraser } from './object-eraser.js';

const logger = functionLogger('retention');
const deps = {
  repository: repositoryFor(config.tableName),
  mail: new S3ObjectEraser(s3, config.mailBucket),
  letters: new S3ObjectEraser(s3, config.lettersBucket),
  organisationId: config.organisationId,
  policy: config.policy,
  logger,
};

const eventSchema = z
  .object({
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
    fromMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  })
  .loose();

export async function main(event: unknown = {}) {
  const parsed = eventSchema.safeParse(event ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(
      String(issue?.path[0] ?? 'event'),
      'scheduledTime must be an ISO instant and fromMonth a YYYY-MM month',
    );
  }
  const { scheduledTime, fromMonth } = parsed.data;
  const today = londonDate(scheduledTime ?? new Date().toISOString());
  return runRetention(deps, today, fromMonth);
}

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler((event: unknown) => main(event));
