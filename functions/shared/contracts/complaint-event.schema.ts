import type { ComplaintEvent, EventMeta } from '@hearth/domain';
import * as z from 'zod';
import {
  attachmentSchema,
  classificationSchema,
  complaintDefinitionSchema,
  declinationSchema,
  directionSchema,
  escalationRefusalSchema,
  escalationRequestSchema,
  evidenceRequestSchema,
  extensionSchema,
  issueSchema,
  letterRecordSchema,
  outstandingActionSchema,
  receiptShape,
  remedySchema,
  restrictionSchema,
  stageResponseSchema,
  statusSchema,
} from './complaint-state.schema.js';
import {
  allOf,
  type DriftedVariants,
  type Exact,
  type NoneDrifted,
} from './drift.js';
import {
  channelSchema,
  idSchema,
  instantSchema,
  isoDateSchema,
  stageSchema,
} from './primitives.js';

/**
 * The events of one decision, as stored on its append-only event item
 * (DESIGN §3) and read back from the stream by the letters and schedules
 * jobs: a union discriminated on `type`, one strict object per event.
 */

const metaShape = { at: instantSchema, by: idSchema };

true satisfies Exact<z.infer<z.ZodObject<typeof metaShape>>, EventMeta>;

/** One event's schema: its `type`, who and when, then its own fields. */
function event<const T extends string, S extends z.ZodRawShape>(
  type: T,
  shape: S,
) {
  return z.strictObject({ type: z.literal(type), ...metaShape, ...shape });
}

const onShape = { on: isoDateSchema };
const clockShape = { clockId: idSchema, dueOn: isoDateSchema };
const restrictionOutcomes = allOf<
  Extract<ComplaintEvent, { type: 'restriction-reviewed' }>['outcome']
>()(['continue', 'lift']);

export const complaintEventSchema = z.discriminatedUnion('type', [
  event('complaint-received', {
    id: idSchema,
    reference: idSchema,
    policy: z.strictObject({ id: idSchema, version: z.string().min(1) }),
    ...receiptShape,
    serviceRequestId: idSchema.exactOptional(),
    linkedFromComplaintId: idSchema.exactOptional(),
    messageId: idSchema.exactOptional(),
    attachments: z.array(attachmentSchema),
    informal: z.boolean(),
  }),
  event('classified', {
    from: classificationSchema,
    to: classificationSchema,
    reason: z.string(),
    informal: z.boolean(),
  }),
  event('complaint-raised-from-request', { complaintId: idSchema }),
  event('logged-at-stage-1', { receivedOn: isoDateSchema, reason: z.string() }),
  event('resolved-informally', { resolution: z.string(), ...onShape }),
  event('declined', declinationSchema.shape),
  event('clarification-requested', {
    stage: stageSchema,
    questions: z.string(),
  }),
  event('acknowledged', {
    stage: stageSchema,
    ...onShape,
    definition: complaintDefinitionSchema,
    late: z.boolean(),
  }),
  event('extended', { stage: stageSchema, ...extensionSchema.shape }),
  event('issue-added', { stage: stageSchema, issue: issueSchema }),
  event('issue-logged-as-new-complaint', {
    issue: issueSchema,
    complaintId: idSchema,
  }),
  event('responded', {
    stage: stageSchema,
    response: stageResponseSchema,
    remedies: z.array(remedySchema),
    actions: z.array(outstandingActionSchema),
  }),
  event('escalation-requested', escalationRequestSchema.shape),
  event('escalation-refused', escalationRefusalSchema.shape),
  event('handler-assigned', { stage: stageSchema, handler: z.string() }),
  event('meeting-recorded', { stage: stageSchema, heldOn: isoDateSchema }),
  event('remedy-recorded', { remedy: remedySchema }),
  event('remedy-completed', { remedyId: idSchema, ...onShape }),
  event('action-added', { action: outstandingActionSchema }),
  event('action-completed', { actionId: idSchema, ...onShape }),
  event('withdrawn', { reason: z.string(), ...onShape }),
  event('closed', {
    reason: z.string(),
    learning: z.string().exactOptional(),
    ...onShape,
  }),
  event('reopened', { reason: z.string(), to: statusSchema }),
  event('evidence-requested', { request: evidenceRequestSchema }),
  event('evidence-provided', {
    requestId: idSchema,
    ...onShape,
    late: z.boolean(),
  }),
  event('contact-restricted', { restriction: restrictionSchema }),
  event('restriction-reviewed', {
    restrictionId: idSchema,
    outcome: z.enum(restrictionOutcomes),
    nextReviewOn: isoDateSchema.exactOptional(),
    notes: z.string(),
    ...onShape,
  }),
  event('correspondence-recorded', {
    id: idSchema,
    direction: directionSchema,
    channel: channelSchema,
    correspondenceAt: instantSchema,
    summary: z.string(),
    letterId: idSchema.exactOptional(),
    messageId: idSchema.exactOptional(),
    attachments: z.array(attachmentSchema),
  }),
  event('letter-recorded', { letter: letterRecordSchema }),
  event('letter-posted', { letterId: idSchema, ...onShape }),
  event('clock-reminded', clockShape),
  event('clock-breached', clockShape),
]);

type StoredComplaintEvent = z.infer<typeof complaintEventSchema>;

// ── drift checks: `tsc -b` fails naming the event type that changed ─────

true satisfies NoneDrifted<
  DriftedVariants<StoredComplaintEvent, ComplaintEvent>
>;
true satisfies Exact<StoredComplaintEvent, ComplaintEvent>;
