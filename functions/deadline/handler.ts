/**
 * The deadline job, invoked by a one-time EventBridge Scheduler schedule
 * with the Input the schedules job wrote. It re-reads the case: if the
 * clock still runs with that due date, it records the reminder or the
 * breach (once) and tells staff of a breach; if not, it does nothing.
 */

import { randomUUID } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { ses } from '../shared/clients/ses.js';
import {
  type ScheduleInput,
  scheduleInputSchema,
} from '../shared/contracts/index.js';
import { idempotencyStore } from '../shared/idempotency.js';
import { functionLogger } from '../shared/logger.js';
import { execute } from '../shared/service.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { clockOf, firedAt } from './firing.js';
import { type BreachNotice, notifyBreach, officerAddress } from './notify.js';

const logger = functionLogger('deadline');
const repository = repositoryFor(config.tableName);

// Each breach's notice is sent once, by whichever delivery finds the breach
// recorded. Sending only from the delivery that recorded it lost the notice
// when SES failed just then: Scheduler's retry found nothing left to record
// and sent nothing (test/integration/faults-scheduler.test.ts).
const noticeConfig = new IdempotencyConfig({
  eventKeyJmesPath: '[organisationId, complaintId, clockId, dueOn]',
  throwOnNoIdempotencyKey: true,
  // Longer than Scheduler retries a delivery (24 hours).
  expiresAfterSeconds: 7 * 24 * 60 * 60,
});
const sendNoticeOnce = makeIdempotent(
  async (firing: ScheduleInput & { notice: BreachNotice }) => {
    await notifyBreach(ses, firing.notice);
    return { sent: true };
  },
  {
    persistenceStore: idempotencyStore(
      config.tableName,
      config.organisationId,
      'breach-notices',
    ),
    config: noticeConfig,
    keyPrefix: 'breach-notice',
  },
);

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
  const breached = state.clockMarks.some(
    (m) =>
      m.clockId === input.clockId &&
      m.dueOn === input.dueOn &&
      m.kind === 'breach',
  );
  if (input.fire === 'breach' && clock !== undefined && breached) {
    const to = officerAddress(state) ?? config.team;
    try {
      await sendNoticeOnce({
        ...input,
        notice: { state, clock, from: config.sender, to },
      });
    } catch (error) {
      // A repeated delivery while the first is sending: that one is
      // retried by Scheduler if its send fails.
      if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
    }
  }
  return { recorded: changed };
}

export const handler = middy()
  .use(injectLambdaContext(logger))
  .before((request) => noticeConfig.registerLambdaContext(request.context))
  .use(parser({ schema: scheduleInputSchema }))
  .handler((input: ScheduleInput) => main(input, firedAt(input)));
