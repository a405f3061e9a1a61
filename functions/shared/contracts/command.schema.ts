import type {
  ActionInput,
  Channel,
  Command,
  Receive,
  RemedyInput,
  ReviewRestriction,
} from '@hearth/domain';
import * as z from 'zod';
import {
  adjustmentSchema,
  attachmentSchema,
  classificationSchema,
  complaintDefinitionSchema,
  directionSchema,
  issueDecisionSchema,
  issueSchema,
  remedyKinds,
  representativeSchema,
  residentSchema,
  restrictionKinds,
} from './complaint-state.schema.js';
import {
  allOf,
  type DriftedVariants,
  type Exact,
  type NoneDrifted,
  type Normalize,
} from './drift.js';
import {
  channelSchema,
  idSchema,
  instantSchema,
  isoDateSchema,
  stageSchema,
} from './primitives.js';

/**
 * What staff send over HTTP (STYLE rec. 2: zod at the edge): the domain's
 * commands as JSON bodies, and the body of POST /staff/complaints.
 *
 * The domain owns the rules (a definition needs an issue, a financial
 * remedy an amount, a blank reason is refused); these schemas add the
 * limits it does not know: text trimmed and capped, arrays capped, amounts
 * bounded, dates and instants well formed, unknown keys refused. Each is
 * checked at compile time against the domain type it carries (`drift.ts`),
 * so the field a 400 names is the field the domain would name.
 */

// ── limits ──────────────────────────────────────────────────────────────

/** Summaries, reasons, descriptions, notes: anything written in prose. */
const MAX_TEXT = 10_000;
/** Names, handlers, signposts, categories: a line, not a paragraph. */
const MAX_LABEL = 500;
/** The most pence a financial remedy may carry (£100,000). */
const MAX_AMOUNT_PENCE = 10_000_000;

const text = z.string().trim().min(1).max(MAX_TEXT);
const label = z.string().trim().min(1).max(MAX_LABEL);
/** An identifier someone typed or copied: never blank, never a paragraph. */
const id = idSchema.max(MAX_LABEL);

// ── the pieces commands carry, the stored schemas with edge limits ──────

const issueInputSchema = issueSchema.extend({
  id,
  summary: text,
  signpost: label.exactOptional(),
});

const definitionInputSchema = complaintDefinitionSchema.extend({
  issues: z.array(issueInputSchema).max(50),
  outcomesSought: z.array(text).max(20),
});

const decisionInputSchema = issueDecisionSchema.extend({
  issueId: id,
  reasons: text,
});

const attachmentInputSchema = attachmentSchema.extend({
  key: idSchema.max(1024), // an S3 object key's own limit
  filename: label,
  contentType: label,
});

/** A remedy as offered in a response or recorded later (domain `RemedyInput`). */
export const remedyInputSchema = z.strictObject({
  kind: z.enum(remedyKinds),
  description: text,
  amountPence: z
    .number()
    .int()
    .nonnegative()
    .max(MAX_AMOUNT_PENCE)
    .exactOptional(),
  dueOn: isoDateSchema.exactOptional(),
});

/** An outstanding action promised in a response (domain `ActionInput`). */
export const actionInputSchema = z.strictObject({
  description: text,
  owner: label.exactOptional(),
  dueOn: isoDateSchema.exactOptional(),
});

const attachments = z.array(attachmentInputSchema).max(20);

// ── the commands staff send ─────────────────────────────────────────────

/** One command's schema: its `type`, then its own fields; strict. */
function command<const T extends string, S extends z.ZodRawShape>(
  type: T,
  shape: S,
) {
  return z.strictObject({ type: z.literal(type), ...shape });
}

const reviewOutcomes = allOf<ReviewRestriction['outcome']>()([
  'continue',
  'lift',
]);

/**
 * Every command staff may send to a complaint, discriminated on `type`.
 * Not `receive` (POST /staff/complaints, `staffReceiveSchema`) and not the
 * jobs' own `note-clock` and `record-letter`.
 */
export const commandSchema = z.discriminatedUnion('type', [
  command('classify', { classification: classificationSchema, reason: text }),
  command('raise-complaint', { complaintId: id }),
  command('log-at-stage-1', { reason: text }),
  command('resolve-informally', { resolution: text }),
  command('decline', {
    exclusionCode: id,
    reasons: text,
    discretion: text.exactOptional(),
  }),
  command('request-clarification', { stage: stageSchema, questions: text }),
  command('acknowledge', {
    stage: stageSchema,
    definition: definitionInputSchema,
  }),
  command('extend', {
    stage: stageSchema,
    newDueOn: isoDateSchema,
    reasons: text,
    goodReason: text.exactOptional(),
  }),
  command('add-issue', {
    issue: issueInputSchema,
    asNewComplaint: z.boolean().exactOptional(),
  }),
  command('respond', {
    stage: stageSchema,
    decisions: z.array(decisionInputSchema).max(50),
    summary: text,
    remedies: z.array(remedyInputSchema).max(20).exactOptional(),
    actions: z.array(actionInputSchema).max(20).exactOptional(),
  }),
  command('request-escalation', {
    receivedAt: instantSchema,
    channel: channelSchema,
    reasons: text.exactOptional(),
  }),
  command('refuse-escalation', { groundCode: id, reasons: text }),
  command('assign', { stage: stageSchema, handler: label }),
  command('record-meeting', { stage: stageSchema, heldOn: isoDateSchema }),
  command('record-remedy', { remedy: remedyInputSchema }),
  command('complete-remedy', { remedyId: id }),
  command('add-action', { action: actionInputSchema }),
  command('complete-action', { actionId: id }),
  command('withdraw', { reason: text }),
  command('close', { reason: text, learning: text.exactOptional() }),
  command('reopen', { reason: text }),
  command('record-evidence-request', {
    receivedOn: isoDateSchema,
    description: text,
    dueOn: isoDateSchema.exactOptional(),
  }),
  command('provide-evidence', { requestId: id }),
  command('restrict-contact', {
    kind: z.enum(restrictionKinds),
    reasons: text,
    equalityActConsideration: text,
    approvedBy: label,
    reviewOn: isoDateSchema,
  }),
  command('review-restriction', {
    restrictionId: id,
    outcome: z.enum(reviewOutcomes),
    nextReviewOn: isoDateSchema.exactOptional(),
    notes: text,
  }),
  command('record-correspondence', {
    direction: directionSchema,
    channel: channelSchema,
    at: instantSchema,
    summary: text,
    letterId: id.exactOptional(),
    messageId: id.exactOptional(),
    attachments: attachments.exactOptional(),
  }),
  command('mark-letter-posted', { letterId: id }),
]);

export type StaffCommand = z.infer<typeof commandSchema>;
export type StaffCommandType = StaffCommand['type'];

/** The domain's commands that staff send over HTTP: all but these three. */
type StaffDomainCommand = Exclude<
  Command,
  { type: 'receive' | 'note-clock' | 'record-letter' }
>;

// ── POST /staff/complaints ──────────────────────────────────────────────

/**
 * The channels staff may log a contact from. All six: a complaint made by
 * web form or email to a colleague's inbox, rather than to the system, is
 * still logged by staff with its true channel and time (Code 3.2, 5.12).
 * Not `allOf`: the list may be narrower than the domain's, never wider.
 */
export const staffChannels = [
  'phone',
  'letter',
  'in-person',
  'social-media',
  'email',
  'web',
] as const satisfies readonly Channel[];

const contactInput = {
  // One line: a line break typed into a name would add lines to letters.
  name: label.regex(/^\P{Cc}*$/u, 'A name must be on one line'),
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'Invalid email address' }).max(254))
    .exactOptional(),
  phone: z.string().trim().min(1).max(50).exactOptional(),
  address: z.array(label).min(1).max(8).exactOptional(),
};

/**
 * The body of POST /staff/complaints: staff log a phone call, letter,
 * visit or post with its TRUE received time (Code 5.12). The domain's
 * `receive` without `type`, and without `id` and `reference`, which the
 * server allocates.
 */
export const staffReceiveSchema = z.strictObject({
  channel: z.enum(staffChannels),
  receivedAt: instantSchema,
  summary: text,
  classification: classificationSchema.exactOptional(),
  issueDate: isoDateSchema.exactOptional(),
  awareDate: isoDateSchema.exactOptional(),
  outcomeSought: text.exactOptional(),
  category: label.exactOptional(),
  resident: residentSchema.extend({
    ...contactInput,
    formats: residentSchema.shape.formats.max(5).default([]),
    language: label.exactOptional(),
  }),
  representative: representativeSchema
    .extend({ ...contactInput, relationship: label })
    .exactOptional(),
  adjustments: z
    .array(adjustmentSchema.extend({ description: text }))
    .max(20)
    .exactOptional(),
  vulnerability: text.exactOptional(),
  serviceRequestId: id.exactOptional(),
  messageId: id.exactOptional(),
  attachments: attachments.exactOptional(),
});

export type StaffReceive = z.infer<typeof staffReceiveSchema>;

// ── which commands each staff function accepts ──────────────────────────

/**
 * The command types each staff function accepts; a handler refuses any
 * other `type` with a 400 naming `type`. Together the groups list every
 * staff command once (checked below, at compile time).
 */
export const commandGroups = {
  acknowledgment: [
    'classify',
    'decline',
    'request-clarification',
    'acknowledge',
    'extend',
    'add-issue',
    'assign',
    'record-meeting',
  ],
  escalation: ['request-escalation', 'refuse-escalation'],
  closure: ['respond', 'close', 'withdraw', 'reopen'],
  'case-record': [
    'raise-complaint',
    'log-at-stage-1',
    'resolve-informally',
    'record-remedy',
    'complete-remedy',
    'add-action',
    'complete-action',
    'record-evidence-request',
    'provide-evidence',
    'restrict-contact',
    'review-restriction',
    'record-correspondence',
    'mark-letter-posted',
  ],
} as const satisfies Record<string, readonly StaffCommandType[]>;

export type CommandGroup = keyof typeof commandGroups;

/**
 * The command types a staff function accepts.
 *
 * @example
 * if (!commandTypesFor('escalation').includes(command.type)) // 400 on `type`
 */
export function commandTypesFor(
  group: CommandGroup,
): readonly StaffCommandType[] {
  return commandGroups[group];
}

// ── drift checks: `tsc -b` fails naming the command that changed ────────

true satisfies NoneDrifted<DriftedVariants<StaffCommand, StaffDomainCommand>>;
true satisfies Exact<StaffCommand, StaffDomainCommand>;
true satisfies Exact<z.infer<typeof remedyInputSchema>, RemedyInput>;
true satisfies Exact<z.infer<typeof actionInputSchema>, ActionInput>;

/**
 * The staff body against the domain's `receive` less what the server adds.
 * `channel` may be narrower than the domain's `Channel` (staff need not be
 * offered every channel the domain knows), so it is checked for
 * assignability, not equality: a channel the domain lacks fails, one the
 * domain gains is not forced on staff. Every other field must be exact,
 * and the whole body must be a valid domain body.
 */
type ReceiveBody = Omit<
  Receive,
  'type' | 'id' | 'reference' | 'linkedFromComplaintId'
>;

true satisfies Exact<
  Omit<StaffReceive, 'channel'>,
  Omit<ReceiveBody, 'channel'>
>;
true satisfies Narrows<StaffReceive['channel'], ReceiveBody['channel']>;
true satisfies Narrows<Normalize<StaffReceive>, Normalize<ReceiveBody>>;

/** `true` when every `Narrow` is a `Wide`, else naming what is not. */
type Narrows<Narrow, Wide> = [Narrow] extends [Wide]
  ? true
  : { notInDomain: Exclude<Narrow, Wide> };

/**
 * `true` when the groups of `Groups` list every staff command type exactly
 * once, else an object naming the types `missing` or listed `twice`.
 * (A type that is not a staff command fails `commandGroups`' `satisfies`.)
 */
export type CommandGroupsCover<
  Groups extends Record<string, readonly StaffCommandType[]>,
> = [Exclude<StaffCommandType, Groups[keyof Groups][number]>] extends [never]
  ? [Twice<Groups>] extends [never]
    ? true
    : { twice: Twice<Groups> }
  : { missing: Exclude<StaffCommandType, Groups[keyof Groups][number]> };

/** Types in more than one group, or twice in one. */
type Twice<Groups extends Record<string, readonly StaffCommandType[]>> =
  | {
      [T in StaffCommandType]: IsUnion<GroupsListing<T, Groups>> extends true
        ? T
        : never;
    }[StaffCommandType]
  | { [G in keyof Groups]: Repeated<Groups[G]> }[keyof Groups];

type GroupsListing<T, Groups extends Record<string, readonly unknown[]>> = {
  [G in keyof Groups]: T extends Groups[G][number] ? G : never;
}[keyof Groups];

type IsUnion<U, All = U> = [U] extends [never]
  ? false
  : U extends unknown
    ? [All] extends [U]
      ? false
      : true
    : never;

type Repeated<L> = L extends readonly [infer Head, ...infer Rest]
  ? (Head extends Rest[number] ? Head : never) | Repeated<Rest>
  : never;

true satisfies CommandGroupsCover<typeof commandGroups>;
