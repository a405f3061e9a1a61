import type { Instant, IsoDate } from '../calendar/index.js';
import type {
  Adjustment,
  Attachment,
  Channel,
  Classification,
  ComplaintDefinition,
  Declination,
  EscalationRefusal,
  EscalationRequest,
  EvidenceRequest,
  Extension,
  Issue,
  LetterRecord,
  OutstandingAction,
  Remedy,
  Representative,
  Resident,
  Restriction,
  Stage,
  StageResponse,
  Status,
} from './model.js';

/**
 * Events that record what was done about a decision already made (a
 * letter sent or posted, a clock's reminder or breach), not a decision
 * about the complaint: someone who read the case just before one of these
 * still acts on what they saw, so it is no conflict.
 */
export const bookkeepingEvents: ReadonlySet<string> = new Set([
  'letter-recorded',
  'letter-posted',
  'clock-reminded',
  'clock-breached',
]);

/** Who did it, and when: every event carries both (Code 5.12, full record). */
export interface EventMeta {
  readonly at: Instant;
  readonly by: string;
}

type Event<T extends string, B = object> = { readonly type: T } & EventMeta &
  Readonly<B>;

export type ComplaintReceived = Event<
  'complaint-received',
  {
    id: string;
    reference: string;
    policy: { id: string; version: string };
    classification: Classification;
    channel: Channel;
    receivedAt: Instant;
    receivedOn: IsoDate;
    summary: string;
    issueDate?: IsoDate;
    awareDate?: IsoDate;
    timeLimitEndsOn?: IsoDate;
    outcomeSought?: string;
    category?: string;
    resident: Resident;
    representative?: Representative;
    adjustments: readonly Adjustment[];
    vulnerability?: string;
    serviceRequestId?: string;
    linkedFromComplaintId?: string;
    messageId?: string;
    attachments: readonly Attachment[];
    /** Starts in the policy's informal stage rather than stage 1. */
    informal: boolean;
  }
>;

export type Classified = Event<
  'classified',
  {
    from: Classification;
    to: Classification;
    reason: string;
    /** A complaint under a policy with an informal stage starts there. */
    informal: boolean;
  }
>;

export type ComplaintRaisedFromRequest = Event<
  'complaint-raised-from-request',
  { complaintId: string }
>;

export type LoggedAtStage1 = Event<
  'logged-at-stage-1',
  { receivedOn: IsoDate; reason: string }
>;

export type ResolvedInformally = Event<
  'resolved-informally',
  { resolution: string; on: IsoDate }
>;

export type Declined = Event<'declined', Declination>;

export type ClarificationRequested = Event<
  'clarification-requested',
  { stage: Stage; questions: string }
>;

export type Acknowledged = Event<
  'acknowledged',
  {
    stage: Stage;
    on: IsoDate;
    definition: ComplaintDefinition;
    /** After the acknowledgement clock's due date. */
    late: boolean;
  }
>;

export type Extended = Event<'extended', { stage: Stage } & Extension>;

export type IssueAdded = Event<'issue-added', { stage: Stage; issue: Issue }>;

export type IssueLoggedAsNewComplaint = Event<
  'issue-logged-as-new-complaint',
  { issue: Issue; complaintId: string }
>;

export type Responded = Event<
  'responded',
  {
    stage: Stage;
    response: StageResponse;
    remedies: readonly Remedy[];
    actions: readonly OutstandingAction[];
  }
>;

export type EscalationRequested = Event<
  'escalation-requested',
  EscalationRequest
>;

export type EscalationRefused = Event<'escalation-refused', EscalationRefusal>;

export type HandlerAssigned = Event<
  'handler-assigned',
  { stage: Stage; handler: string }
>;

export type MeetingRecorded = Event<
  'meeting-recorded',
  { stage: Stage; heldOn: IsoDate }
>;

export type RemedyRecorded = Event<'remedy-recorded', { remedy: Remedy }>;

export type RemedyCompleted = Event<
  'remedy-completed',
  { remedyId: string; on: IsoDate }
>;

export type ActionAdded = Event<'action-added', { action: OutstandingAction }>;

export type ActionCompleted = Event<
  'action-completed',
  { actionId: string; on: IsoDate }
>;

export type Withdrawn = Event<'withdrawn', { reason: string; on: IsoDate }>;

export type Closed = Event<
  'closed',
  { reason: string; learning?: string; on: IsoDate }
>;

export type Reopened = Event<'reopened', { reason: string; to: Status }>;

export type EvidenceRequested = Event<
  'evidence-requested',
  { request: EvidenceRequest }
>;

export type EvidenceProvided = Event<
  'evidence-provided',
  { requestId: string; on: IsoDate; late: boolean }
>;

export type ContactRestricted = Event<
  'contact-restricted',
  { restriction: Restriction }
>;

export type RestrictionReviewed = Event<
  'restriction-reviewed',
  {
    restrictionId: string;
    outcome: 'continue' | 'lift';
    nextReviewOn?: IsoDate;
    notes: string;
    on: IsoDate;
  }
>;

export type CorrespondenceRecorded = Event<
  'correspondence-recorded',
  {
    id: string;
    direction: 'in' | 'out';
    channel: Channel;
    correspondenceAt: Instant;
    summary: string;
    letterId?: string;
    messageId?: string;
    attachments: readonly Attachment[];
  }
>;

export type LetterRecorded = Event<'letter-recorded', { letter: LetterRecord }>;

export type LetterPosted = Event<
  'letter-posted',
  { letterId: string; on: IsoDate }
>;

/** A running clock reached its reminder date. */
export type ClockReminded = Event<
  'clock-reminded',
  { clockId: string; dueOn: IsoDate }
>;

/** A running clock passed its due date without the step being done. */
export type ClockBreached = Event<
  'clock-breached',
  { clockId: string; dueOn: IsoDate }
>;

export type ComplaintEvent =
  | ComplaintReceived
  | Classified
  | ComplaintRaisedFromRequest
  | LoggedAtStage1
  | ResolvedInformally
  | Declined
  | ClarificationRequested
  | Acknowledged
  | Extended
  | IssueAdded
  | IssueLoggedAsNewComplaint
  | Responded
  | EscalationRequested
  | EscalationRefused
  | HandlerAssigned
  | MeetingRecorded
  | RemedyRecorded
  | RemedyCompleted
  | ActionAdded
  | ActionCompleted
  | Withdrawn
  | Closed
  | Reopened
  | EvidenceRequested
  | EvidenceProvided
  | ContactRestricted
  | RestrictionReviewed
  | CorrespondenceRecorded
  | LetterRecorded
  | LetterPosted
  | ClockReminded
  | ClockBreached;

export type ComplaintEventType = ComplaintEvent['type'];
