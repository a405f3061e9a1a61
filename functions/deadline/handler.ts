/**
 * The deadline job, invoked by a one-time EventBridge Scheduler schedule
 * with the Input the schedules job wrote. It re-reads the case: if the
 * clock still runs with that due date, it records the reminder or the
 * breach (once) and tells staff of a breach; if not, it does nothing.
 */

import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { ses } from '../shared/clients/ses.js';
import {
  type ScheduleInput,
  scheduleInputSchema,
} from '../shared/contracts/index.js';
import { functionLogger } from '../shared/logger.js';
import { execute } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { clockOf, firedAt } from './firing.js';
import { notifyBreach, officerAddress } from './notify.js';

const logger = functionLogger('deadline');
const repository = repositoryFor(config.tableName);

export async function main(
  input: ScheduleInput,
  now = new Date().toISOString(),
) {
  const before = await repository.load(input.organisationId, input.complaintId);
  if (before === undefined) return { recorded: false }; // erased since
  const clock = clockOf(before, input, config.policy);
  const { state, changed } = await execute({
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
    const to = officerAddress(state) ?? config.team;
    await notifyBreach(ses, { state, clock, from: config.sender, to });
  }
  return { recorded: changed };
}

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(parser({ schema: scheduleInputSchema }))
  .handler((input: ScheduleInput) => main(input, firedAt(input)));
