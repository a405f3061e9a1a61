/**
 * The deadline job, invoked by a one-time EventBridge Scheduler schedule
 * with the Input the schedules job wrote. It re-reads the case: if the
 * clock still runs with that due date, it records the reminder or the
 * breach (once) and tells staff of a breach; if not, it does nothing.
 */

import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { runningClocks } from '@hearth/domain';
import middy from '@middy/core';
import { ses } from '../shared/clients.js';
import {
  type ScheduleInput,
  scheduleInputSchema,
} from '../shared/contracts/index.js';
import { calendarFor, executeWithRetry } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { notifyBreach, officerAddress } from './notify.js';

const logger = new Logger({ serviceName: 'hearth-deadline' });
const repository = repositoryFor(config.tableName);

export async function main(
  input: ScheduleInput,
  now = new Date().toISOString(),
) {
  const before = await repository.load(input.organisationId, input.complaintId);
  const clock =
    before &&
    runningClocks(before, config.policy, calendarFor(config.policy)).find(
      (c) => c.id === input.clockId && c.dueOn === input.dueOn,
    );
  const { state, changed } = await executeWithRetry({
    repository,
    organisationId: input.organisationId,
    policy: config.policy,
    actor: { kind: 'system', id: 'deadline' },
    now,
    newId: randomUUID,
    complaintId: input.complaintId,
    command: {
      type: 'note-clock',
      clockId: input.clockId,
      dueOn: input.dueOn,
      kind: input.fire,
    },
  });
  logger.info('Clock', {
    reference: input.complaintId,
    clock: input.clockId,
    fire: input.fire,
    recorded: changed,
  });
  if (changed && input.fire === 'breach' && clock !== undefined) {
    await notifyBreach(ses, {
      state,
      clock,
      from: config.sender,
      to: officerAddress(state) ?? config.team,
    });
  }
  return { recorded: changed };
}

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(parser({ schema: scheduleInputSchema }))
  .handler((input: ScheduleInput) => main(input, firedAt(input)));

/**
 * The moment the firing stands for: Scheduler's scheduled time, or our
 * clock if that is later (a late delivery is recorded when it arrives).
 * The local Scheduler's clock can run ahead for demos and tests.
 */
function firedAt(input: ScheduleInput): string {
  const now = new Date().toISOString();
  const scheduled = input.scheduledTime;
  return scheduled !== undefined && Date.parse(scheduled) > Date.parse(now)
    ? new Date(scheduled).toISOString()
    : now;
}
