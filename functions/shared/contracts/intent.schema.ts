import { type Intent, letterKinds, type ScheduleIntent } from '@hearth/domain';
import * as z from 'zod';
import { clockFireSchema, issueSchema } from './complaint-state.schema.js';
import type { DriftedVariants, Exact, NoneDrifted } from './drift.js';
import { idSchema, isoDateSchema, stageSchema } from './primitives.js';

/**
 * The outbox: the side effects a decision implies, stored on its event
 * item beside the events (DESIGN §2) and carried out by the letters and
 * schedules jobs from the stream.
 */

export const letterKindSchema = z.enum(letterKinds);

/** One one-time schedule a running clock needs (domain `ScheduleIntent`). */
export const scheduleIntentSchema = z.strictObject({
  name: idSchema,
  complaintId: idSchema,
  clockId: idSchema,
  dueOn: isoDateSchema,
  fire: clockFireSchema,
  fireOn: isoDateSchema,
});

export const intentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('send-letter'),
    letterId: idSchema,
    kind: letterKindSchema,
    stage: stageSchema.exactOptional(),
  }),
  z.strictObject({
    type: z.literal('create-schedule'),
    schedule: scheduleIntentSchema,
  }),
  z.strictObject({
    type: z.literal('delete-schedule'),
    schedule: scheduleIntentSchema,
  }),
  z.strictObject({
    type: z.literal('open-linked-complaint'),
    complaintId: idSchema,
    fromComplaintId: idSchema,
    issue: issueSchema,
  }),
]);

// ── drift checks ────────────────────────────────────────────────────────

true satisfies Exact<z.infer<typeof scheduleIntentSchema>, ScheduleIntent>;
true satisfies NoneDrifted<
  DriftedVariants<z.infer<typeof intentSchema>, Intent>
>;
true satisfies Exact<z.infer<typeof intentSchema>, Intent>;
