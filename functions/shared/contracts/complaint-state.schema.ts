import type {
  AccessibleFormat,
  Adjustment,
  Attachment,
  Clarification,
  Classification,
  ClockMark,
  ComplaintDefinition,
  ComplaintState,
  ContactMethod,
  Correspondence,
  Decision,
  Declination,
  EscalationRefusal,
  EscalationRequest,
  EvidenceRequest,
  Extension,
  Issue,
  IssueDecision,
  LetterRecord,
  LetterStatus,
  OutstandingAction,
  Remedy,
  RemedyKind,
  Representative,
  Resident,
  Restriction,
  RestrictionKind,
  StageRecord,
  StageResponse,
  Status,
  Tenure,
} from '@hearth/domain';
import * as z from 'zod';
import { allOf, type Exact } from './drift.js';
import {
  channelSchema,
  idSchema,
  instantSchema,
  isoDateSchema,
  stageSchema,
} from './primitives.js';

/**
 * The complaint's state as stored on its state item (DESIGN §3), and every
 * piece of it. Strict objects throughout: a DocumentClient round trip adds
 * and drops nothing, so an unknown key is a bug, not a newer writer.
 */

// ── enums, each listed once and checked both ways against the domain ────

export const classifications = allOf<Classification>()([
  'complaint',
  'service-request',
  'compliment',
  'comment',
]);

export const statuses = allOf<Status>()([
  'recorded',
  'informal',
  'stage1-received',
  'stage1-acknowledged',
  'stage1-responded',
  'stage2-received',
  'stage2-acknowledged',
  'stage2-responded',
  'escalation-refused',
  'declined',
  'withdrawn',
  'closed',
]);

export const contactMethods = allOf<ContactMethod>()([
  'email',
  'post',
  'phone',
]);

export const accessibleFormats = allOf<AccessibleFormat>()([
  'large-print',
  'easy-read',
  'braille',
  'audio',
  'translation',
]);

export const tenures = allOf<Tenure>()([
  'LCRA',
  'LCHO',
  'leaseholder',
  'other',
]);

export const decisions = allOf<Decision>()([
  'upheld',
  'partly-upheld',
  'not-upheld',
]);

export const remedyKinds = allOf<RemedyKind>()([
  'apology',
  'acknowledgement',
  'explanation',
  'action-on-delay',
  'reconsider-decision',
  'amend-record',
  'financial',
  'policy-change',
  'other',
]);

export const restrictionKinds = allOf<RestrictionKind>()([
  'single-point-of-contact',
  'set-contact-times',
  'written-contact-only',
  'appointment-only',
  'other',
]);

export const classificationSchema = z.enum(classifications);
export const statusSchema = z.enum(statuses);
export const directionSchema = z.enum(
  allOf<Correspondence['direction']>()(['in', 'out']),
);
export const clockFireSchema = z.enum(
  allOf<ClockMark['kind']>()(['reminder', 'breach']),
);

// ── people ──────────────────────────────────────────────────────────────

const contactShape = {
  name: z.string(),
  email: z.string().exactOptional(),
  phone: z.string().exactOptional(),
  address: z.array(z.string()).exactOptional(),
};

export const residentSchema = z.strictObject({
  ...contactShape,
  preferredContact: z.enum(contactMethods),
  formats: z.array(z.enum(accessibleFormats)),
  language: z.string().exactOptional(),
  tenure: z.enum(tenures).exactOptional(),
});

export const representativeSchema = z.strictObject({
  ...contactShape,
  relationship: z.string(),
  consentOn: isoDateSchema.exactOptional(),
});

export const adjustmentSchema = z.strictObject({
  description: z.string(),
  reviewOn: isoDateSchema.exactOptional(),
});

// ── the complaint and its stages ────────────────────────────────────────

export const issueSchema = z.strictObject({
  id: idSchema,
  summary: z.string(),
  inScope: z.boolean(),
  signpost: z.string().exactOptional(),
});

export const complaintDefinitionSchema = z.strictObject({
  issues: z.array(issueSchema),
  outcomesSought: z.array(z.string()),
});

export const issueDecisionSchema = z.strictObject({
  issueId: idSchema,
  decision: z.enum(decisions),
  reasons: z.string(),
});

export const remedySchema = z.strictObject({
  id: idSchema,
  stage: stageSchema,
  recordedOn: isoDateSchema,
  kind: z.enum(remedyKinds),
  description: z.string(),
  amountPence: z.number().int().nonnegative().exactOptional(),
  dueOn: isoDateSchema.exactOptional(),
  completedOn: isoDateSchema.exactOptional(),
});

export const outstandingActionSchema = z.strictObject({
  id: idSchema,
  stage: stageSchema,
  recordedOn: isoDateSchema,
  description: z.string(),
  owner: z.string().exactOptional(),
  dueOn: isoDateSchema.exactOptional(),
  completedOn: isoDateSchema.exactOptional(),
});

export const extensionSchema = z.strictObject({
  fromDueOn: isoDateSchema,
  toDueOn: isoDateSchema,
  reasons: z.string(),
  goodReason: z.string().exactOptional(),
  on: isoDateSchema,
});

export const stageResponseSchema = z.strictObject({
  on: isoDateSchema,
  by: idSchema,
  decisions: z.array(issueDecisionSchema),
  summary: z.string(),
  onTime: z.boolean(),
  withinBaseTimescale: z.boolean(),
});

export const stageRecordSchema = z.strictObject({
  receivedOn: isoDateSchema,
  acknowledgedOn: isoDateSchema.exactOptional(),
  definition: complaintDefinitionSchema.exactOptional(),
  handler: z.string().exactOptional(),
  meetingOn: isoDateSchema.exactOptional(),
  extensions: z.array(extensionSchema),
  response: stageResponseSchema.exactOptional(),
});

export const escalationRequestSchema = z.strictObject({
  receivedOn: isoDateSchema,
  channel: channelSchema,
  reasons: z.string().exactOptional(),
  late: z.boolean(),
});

export const escalationRefusalSchema = z.strictObject({
  groundCode: idSchema,
  reasons: z.string(),
  on: isoDateSchema,
});

export const declinationSchema = z.strictObject({
  exclusionCode: idSchema,
  reasons: z.string(),
  discretion: z.string().exactOptional(),
  on: isoDateSchema,
});

// ── the Ombudsman, restrictions, correspondence, clocks ─────────────────

export const evidenceRequestSchema = z.strictObject({
  id: idSchema,
  receivedOn: isoDateSchema,
  dueOn: isoDateSchema,
  description: z.string(),
  providedOn: isoDateSchema.exactOptional(),
});

export const restrictionSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(restrictionKinds),
  reasons: z.string(),
  equalityActConsideration: z.string(),
  approvedBy: z.string(),
  startOn: isoDateSchema,
  reviewOn: isoDateSchema,
  liftedOn: isoDateSchema.exactOptional(),
});

export const correspondenceSchema = z.strictObject({
  id: idSchema,
  direction: directionSchema,
  channel: channelSchema,
  at: instantSchema,
  summary: z.string(),
  letterId: idSchema.exactOptional(),
  messageId: idSchema.exactOptional(),
});

export const attachmentSchema = z.strictObject({
  key: idSchema,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  receivedAt: instantSchema,
});

export const letterStatuses = allOf<LetterStatus>()([
  'sent',
  'queued-for-post',
  'posted',
  'blocked',
]);

export const letterRecordSchema = z.strictObject({
  id: idSchema,
  kind: idSchema,
  status: z.enum(letterStatuses),
  on: isoDateSchema,
  messageId: idSchema.exactOptional(),
  pdfKey: idSchema.exactOptional(),
  missing: z.array(z.string()).exactOptional(),
});

export const clarificationSchema = z.strictObject({
  stage: stageSchema,
  questions: z.string(),
  on: isoDateSchema,
});

export const clockMarkSchema = z.strictObject({
  clockId: idSchema,
  dueOn: isoDateSchema,
  kind: clockFireSchema,
});

// ── the state item ──────────────────────────────────────────────────────

/** `ComplaintState` as stored on a complaint's state item. */
/**
 * What the complaint says about its receipt, the same on the
 * `complaint-received` event and on the state it starts.
 */
export const receiptShape = {
  classification: classificationSchema,
  channel: channelSchema,
  receivedAt: instantSchema,
  receivedOn: isoDateSchema,
  summary: z.string(),
  issueDate: isoDateSchema.exactOptional(),
  awareDate: isoDateSchema.exactOptional(),
  timeLimitEndsOn: isoDateSchema.exactOptional(),
  outcomeSought: z.string().exactOptional(),
  category: z.string().exactOptional(),
  resident: residentSchema,
  representative: representativeSchema.exactOptional(),
  adjustments: z.array(adjustmentSchema),
  vulnerability: z.string().exactOptional(),
};

export const complaintStateSchema = z.strictObject({
  id: idSchema,
  reference: idSchema,
  version: z.number().int().positive(),
  policy: z.strictObject({ id: idSchema, version: z.string().min(1) }),
  ...receiptShape,
  status: statusSchema,
  reopenTo: statusSchema.exactOptional(),
  linkedServiceRequestId: idSchema.exactOptional(),
  linkedFromComplaintId: idSchema.exactOptional(),
  linkedComplaintIds: z.array(idSchema),
  informal: z
    .strictObject({
      startedOn: isoDateSchema,
      resolution: z.string().exactOptional(),
    })
    .exactOptional(),
  stage1: stageRecordSchema.exactOptional(),
  stage2: stageRecordSchema.exactOptional(),
  escalation: escalationRequestSchema.exactOptional(),
  escalationRefusal: escalationRefusalSchema.exactOptional(),
  declination: declinationSchema.exactOptional(),
  remedies: z.array(remedySchema),
  actions: z.array(outstandingActionSchema),
  evidenceRequests: z.array(evidenceRequestSchema),
  restrictions: z.array(restrictionSchema),
  correspondence: z.array(correspondenceSchema),
  clockMarks: z.array(clockMarkSchema),
  clarifications: z.array(clarificationSchema),
  attachments: z.array(attachmentSchema),
  letters: z.array(letterRecordSchema),
  sourceMessageId: idSchema.exactOptional(),
  closedOn: isoDateSchema.exactOptional(),
  closure: z
    .strictObject({
      reason: z.string(),
      learning: z.string().exactOptional(),
    })
    .exactOptional(),
  withdrawal: z
    .strictObject({ reason: z.string(), on: isoDateSchema })
    .exactOptional(),
  anonymisedOn: isoDateSchema.exactOptional(),
});

// ── drift checks: `tsc -b` fails on the line of the type that changed ───

true satisfies Exact<z.infer<typeof residentSchema>, Resident>;
true satisfies Exact<z.infer<typeof representativeSchema>, Representative>;
true satisfies Exact<z.infer<typeof adjustmentSchema>, Adjustment>;
true satisfies Exact<z.infer<typeof issueSchema>, Issue>;
true satisfies Exact<
  z.infer<typeof complaintDefinitionSchema>,
  ComplaintDefinition
>;
true satisfies Exact<z.infer<typeof issueDecisionSchema>, IssueDecision>;
true satisfies Exact<z.infer<typeof remedySchema>, Remedy>;
true satisfies Exact<
  z.infer<typeof outstandingActionSchema>,
  OutstandingAction
>;
true satisfies Exact<z.infer<typeof extensionSchema>, Extension>;
true satisfies Exact<z.infer<typeof stageResponseSchema>, StageResponse>;
true satisfies Exact<z.infer<typeof stageRecordSchema>, StageRecord>;
true satisfies Exact<
  z.infer<typeof escalationRequestSchema>,
  EscalationRequest
>;
true satisfies Exact<
  z.infer<typeof escalationRefusalSchema>,
  EscalationRefusal
>;
true satisfies Exact<z.infer<typeof declinationSchema>, Declination>;
true satisfies Exact<z.infer<typeof evidenceRequestSchema>, EvidenceRequest>;
true satisfies Exact<z.infer<typeof restrictionSchema>, Restriction>;
true satisfies Exact<z.infer<typeof correspondenceSchema>, Correspondence>;
true satisfies Exact<z.infer<typeof clarificationSchema>, Clarification>;
true satisfies Exact<z.infer<typeof clockMarkSchema>, ClockMark>;
true satisfies Exact<z.infer<typeof attachmentSchema>, Attachment>;
true satisfies Exact<z.infer<typeof letterRecordSchema>, LetterRecord>;
true satisfies Exact<z.infer<typeof complaintStateSchema>, ComplaintState>;
