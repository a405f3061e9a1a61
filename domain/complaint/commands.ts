import type { Instant, IsoDate } from '../calendar/index.js';
import type {
  Adjustment,
  Attachment,
  Channel,
  Classification,
  ComplaintDefinition,
  Issue,
  IssueDecision,
  RemedyKind,
  Representative,
  Resident,
  RestrictionKind,
  Stage,
} from './model.js';

/** A remedy as offered in a response or recorded later (Code 7.1–7.3). */
export interface RemedyInput {
  readonly kind: RemedyKind;
  readonly description: string;
  readonly amountPence?: number;
  readonly dueOn?: IsoDate;
}

export interface ActionInput {
  readonly description: string;
  readonly owner?: string;
  readonly dueOn?: IsoDate;
}

/** Log a contact with its true received time (Code 3.2, 5.12). */
export interface Receive {
  readonly type: 'receive';
  readonly id: string;
  readonly reference: string;
  readonly channel: Channel;
  readonly receivedAt: Instant;
  readonly summary: string;
  readonly classification?: Classification;
  readonly issueDate?: IsoDate;
  readonly awareDate?: IsoDate;
  readonly outcomeSought?: string;
  readonly category?: string;
  readonly resident: Resident;
  readonly representative?: Representative;
  readonly adjustments?: readonly Adjustment[];
  readonly vulnerability?: string;
  /** The service request this complaint was raised from (Code 1.5). */
  readonly serviceRequestId?: string;
  /** The complaint this one was raised from (an issue after its response, Code 6.8). */
  readonly linkedFromComplaintId?: string;
  /** For an email: its Message-ID and what came with it. */
  readonly messageId?: string;
  readonly attachments?: readonly Attachment[];
}

/** Decide what a contact is (Code 1.2–1.5) before the stage 1 acknowledgement. */
export interface Classify {
  readonly type: 'classify';
  readonly classification: Classification;
  readonly reason: string;
}

/** Note on a service request that a complaint was raised from it; the request stays open (Code 1.5). */
export interface RaiseComplaint {
  readonly type: 'raise-complaint';
  readonly complaintId: string;
}

/** Move an informal-stage case into stage 1 (only under a policy with an informal stage). */
export interface LogAtStage1 {
  readonly type: 'log-at-stage-1';
  readonly reason: string;
}

export interface ResolveInformally {
  readonly type: 'resolve-informally';
  readonly resolution: string;
}

/** Not accept a complaint, on one of the policy's exclusions (Code 2.1–2.4). */
export interface Decline {
  readonly type: 'decline';
  readonly exclusionCode: string;
  readonly reasons: string;
  readonly discretion?: string;
}

/** Ask the resident to clarify the complaint (Code 5.6). */
export interface RequestClarification {
  readonly type: 'request-clarification';
  readonly stage: Stage;
  readonly questions: string;
}

/** Acknowledge, define and log a stage (Code 6.2, 6.11). */
export interface Acknowledge {
  readonly type: 'acknowledge';
  readonly stage: Stage;
  readonly definition: ComplaintDefinition;
}

/** Extend a stage's response date (Code 6.4–6.5, 6.15–6.16). */
export interface Extend {
  readonly type: 'extend';
  readonly stage: Stage;
  readonly newDueOn: IsoDate;
  readonly reasons: string;
  /** Recorded good reason for going past the policy's cap. */
  readonly goodReason?: string;
}

/** Add a point raised after the definition (Code 6.7–6.8). */
export interface AddIssue {
  readonly type: 'add-issue';
  readonly issue: Issue;
  /** Log as a linked new complaint even before the response (it would unreasonably delay). */
  readonly asNewComplaint?: boolean;
}

/** Send a stage response (Code 6.6–6.9, 6.17–6.19). */
export interface Respond {
  readonly type: 'respond';
  readonly stage: Stage;
  readonly decisions: readonly IssueDecision[];
  readonly summary: string;
  readonly remedies?: readonly RemedyInput[];
  readonly actions?: readonly ActionInput[];
}

/** The resident asks for stage 2 (Code 6.10–6.12): reasons are optional. */
export interface RequestEscalation {
  readonly type: 'request-escalation';
  readonly receivedAt: Instant;
  readonly channel: Channel;
  readonly reasons?: string;
}

/** Refuse to escalate, on a policy ground, with reasons (Code 5.11, C). */
export interface RefuseEscalation {
  readonly type: 'refuse-escalation';
  readonly groundCode: string;
  readonly reasons: string;
}

/** Assign a stage's handler (Code 6.13: stage 2 is someone else). */
export interface Assign {
  readonly type: 'assign';
  readonly stage: Stage;
  readonly handler: string;
}

/** A review meeting (a panel) held for a stage. */
export interface RecordMeeting {
  readonly type: 'record-meeting';
  readonly stage: Stage;
  readonly heldOn: IsoDate;
}

export interface RecordRemedy {
  readonly type: 'record-remedy';
  readonly remedy: RemedyInput;
}

export interface CompleteRemedy {
  readonly type: 'complete-remedy';
  readonly remedyId: string;
}

export interface AddAction {
  readonly type: 'add-action';
  readonly action: ActionInput;
}

export interface CompleteAction {
  readonly type: 'complete-action';
  readonly actionId: string;
}

export interface Withdraw {
  readonly type: 'withdraw';
  readonly reason: string;
}

export interface Close {
  readonly type: 'close';
  readonly reason: string;
  /** What the landlord learned (Code 9.1). */
  readonly learning?: string;
}

export interface Reopen {
  readonly type: 'reopen';
  readonly reason: string;
}

/** The Ombudsman asks for evidence; the request's own date wins over the policy default (REGULATION item 70). */
export interface RecordEvidenceRequest {
  readonly type: 'record-evidence-request';
  readonly receivedOn: IsoDate;
  readonly description: string;
  readonly dueOn?: IsoDate;
}

export interface ProvideEvidence {
  readonly type: 'provide-evidence';
  readonly requestId: string;
}

/** Restrict contact (Code 5.14–5.15); never blocks a new complaint. */
export interface RestrictContact {
  readonly type: 'restrict-contact';
  readonly kind: RestrictionKind;
  readonly reasons: string;
  readonly equalityActConsideration: string;
  readonly approvedBy: string;
  readonly reviewOn: IsoDate;
}

export interface ReviewRestriction {
  readonly type: 'review-restriction';
  readonly restrictionId: string;
  readonly outcome: 'continue' | 'lift';
  readonly nextReviewOn?: IsoDate;
  readonly notes: string;
}

/** Correspondence either way (Code 5.12): emails in, calls, letters out. */
export interface RecordCorrespondence {
  readonly type: 'record-correspondence';
  readonly direction: 'in' | 'out';
  readonly channel: Channel;
  readonly at: Instant;
  readonly summary: string;
  readonly letterId?: string;
  readonly messageId?: string;
  readonly attachments?: readonly Attachment[];
}

/** The letters job reports what it did with a letter (once per letter id). */
export interface RecordLetter {
  readonly type: 'record-letter';
  readonly letterId: string;
  readonly kind: string;
  readonly outcome: 'sent' | 'queued-for-post' | 'blocked';
  readonly messageId?: string;
  readonly pdfKey?: string;
  readonly missing?: readonly string[];
}

/** Staff mark a printed letter as posted (the print queue). */
export interface MarkLetterPosted {
  readonly type: 'mark-letter-posted';
  readonly letterId: string;
}

/** The deadline job reports a reminder or breach time for a clock. */
export interface NoteClock {
  readonly type: 'note-clock';
  readonly clockId: string;
  readonly dueOn: IsoDate;
  readonly kind: 'reminder' | 'breach';
}

export type Command =
  | Receive
  | Classify
  | RaiseComplaint
  | LogAtStage1
  | ResolveInformally
  | Decline
  | RequestClarification
  | Acknowledge
  | Extend
  | AddIssue
  | Respond
  | RequestEscalation
  | RefuseEscalation
  | Assign
  | RecordMeeting
  | RecordRemedy
  | CompleteRemedy
  | AddAction
  | CompleteAction
  | Withdraw
  | Close
  | Reopen
  | RecordEvidenceRequest
  | ProvideEvidence
  | RestrictContact
  | ReviewRestriction
  | RecordCorrespondence
  | RecordLetter
  | MarkLetterPosted
  | NoteClock;

export type CommandType = Command['type'];
