/**
 * The sweep, run daily by an EventBridge Scheduler cron: re-creates any
 * deadline schedule an open case needs and Scheduler no longer has, and
 * reports how many it repaired.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DeadlineSchedules } from '../shared/adapters/scheduler/deadline-schedules.js';
import { scheduler } from '../shared/clients/scheduler.js';
import { functionLogger } from '../shared/logger.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { sweep } from './repair.js';

const logger = functionLogger('sweep');
const repository = repositoryFor(config.tableName);
const schedules = new DeadlineSchedules({
  client: scheduler,
  ...config.scheduling,
});

export async function main() {
  const report = await sweep({
    repository,
    schedules,
    organisationId: config.organisationId,
    policy: config.policy,
    now: new Date(),
  });
  const { repairedCases, ...counts } = report;
  (report.repaired > 0 ? logger.warn : logger.info).call(logger, 'Sweep', {
    ...counts,
    references: repairedCases,
  });
  return report;
}

export const handler = middy().use(injectLambdaContext(logger)).handler(main);
