import type { NoteClock, ScheduleIntent } from '@hearth/domain';
import * as z from 'zod';
import { clockFireSchema } from './complaint-state.schema.js';
import type { Exact } from './drift.js';
import { idSchema, instantSchema, isoDateSchema } from './primitives.js';

/**
 * What an EventBridge Scheduler one-time schedule delivers to the
 * `deadline` function: the schedule's `Input`, exactly as the schedules job
 * wrote it (STYLE rec. 2). One contract for the producer and the consumer.
 *
 * Not strict: a schedule may fire weeks after it was written, under a newer
 * deployment. A key an older producer wrote and this version no longer
 * knows is dropped, not a failure; a key this version needs and the
 * payload lacks still fails.
 */
export const scheduleInputSchema = z.object({
  organisationId: idSchema,
  complaintId: idSchema,
  clockId: idSchema,
  dueOn: isoDateSchema,
  fire: clockFireSchema,
  /** The schedule's own name, so the deadline job can say which fired. */
  scheduleName: idSchema,
  /**
   * When Scheduler meant it to fire (its `<aws.scheduler.scheduled-time>`
   * context attribute, filled in by Scheduler, not by us).
   */
  scheduledTime: instantSchema.optional(),
});

export type ScheduleInput = z.infer<typeof scheduleInputSchema>;

// ── drift checks: built from a ScheduleIntent, read as a NoteClock ──────

true satisfies Exact<
  Pick<ScheduleInput, 'complaintId' | 'clockId' | 'dueOn' | 'fire'>,
  Pick<ScheduleIntent, 'complaintId' | 'clockId' | 'dueOn' | 'fire'>
>;
true satisfies Exact<ScheduleInput['fire'], NoteClock['kind']>;
