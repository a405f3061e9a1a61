import type { Instant, IsoDate } from '../calendar/index.js';
import type { ChannelName } from '../policy/policy.js';

/** How a contact reached the landlord (Code 3.1–3.2: any way, any staff). */
export type Channel = ChannelName;

/** What a contact is (Code 1.2–1.5). Only complaints run the stage clocks. */
export type Classification =
  | 'complaint'
  | 'service-request'
  | 'compliment'
  | 'comment';

export type Stage = 1 | 2;

/**
 * Where a record is in the Code's process.
 * `recorded` is a service request, compliment or comment: logged, no clocks.
 * `informal` exists only under a policy with an informal stage (a Code
 * departure the lint reports).
 */
export type Status =
  | 'recorded'
  | 'informal'
  | 'stage1-received'
  | 'stage1-acknowledged'
  | 'stage1-responded'
  | 'stage2-received'
  | 'stage2-acknowledged'
  | 'stage2-responded'
  | 'escalation-refused'
  | 'declined'
  | 'withdrawn'
  | 'closed';

export type ContactMethod = 'email' | 'post' | 'phone';

export type AccessibleFormat =
  | 'large-print'
  | 'easy-read'
  | 'braille'
  | 'audio'
  | 'translation';

export type Tenure = 'LCRA' | 'LCHO' | 'leaseholder' | 'other';

export interface Contact {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: readonly string[];
}

export interface Resident extends Contact {
  readonly preferredContact: ContactMethod;
  readonly formats: readonly AccessibleFormat[];
  readonly language?: string;
  readonly tenure?: Tenure;
}

/** Someone acting for the resident (Code 1.3, 3.6): letters go to them only with consent. */
export interface Representative extends Contact {
  readonly relationship: string;
  /** The date the resident's consent was recorded; absent means not yet given. */
  readonly consentOn?: IsoDate;
}

/** A reasonable adjustment (Equality Act 2010; Code 5.10, C), kept under review. */
export interface Adjustment {
  readonly description: string;
  readonly reviewOn?: IsoDate;
}

/** One point the resident raised, as the landlord understands it (Code 5.6–5.7). */
export interface Issue {
  readonly id: string;
  readonly summary: string;
  /** Whether this aspect is the landlord's responsibility (Code 5.7). */
  readonly inScope: boolean;
  /** Where an out-of-scope aspect is signposted to. */
  readonly signpost?: string;
}

/** "The complaint definition" (Code 5.6): the issues and the outcomes sought. */
export interface ComplaintDefinition {
  readonly issues: readonly Issue[];
  readonly outcomesSought: readonly string[];
}

export type Decision = 'upheld' | 'partly-upheld' | 'not-upheld';

export interface IssueDecision {
  readonly issueId: string;
  readonly decision: Decision;
  readonly reasons: string;
}

/** The remedies the Code lists (7.1), plus other. */
export type RemedyKind =
  | 'apology'
  | 'acknowledgement'
  | 'explanation'
  | 'action-on-delay'
  | 'reconsider-decision'
  | 'amend-record'
  | 'financial'
  | 'policy-change'
  | 'other';

/** Remedies given by the response letter itself: "by when" is its date (7.3). */
export const remediesGivenInLetter: ReadonlySet<RemedyKind> = new Set([
  'apology',
  'acknowledgement',
  'explanation',
]);

export interface Remedy {
  readonly id: string;
  readonly stage: Stage;
  readonly recordedOn: IsoDate;
  readonly kind: RemedyKind;
  readonly description: string;
  /** Pence, for financial remedies. */
  readonly amountPence?: number;
  /** What will happen by when (Code 7.3). */
  readonly dueOn?: IsoDate;
  readonly completedOn?: IsoDate;
}

/** An outstanding action promised in a response (Code 6.6), tracked to completion. */
export interface OutstandingAction {
  readonly id: string;
  readonly stage: Stage;
  readonly recordedOn: IsoDate;
  readonly description: string;
  readonly owner?: string;
  readonly dueOn?: IsoDate;
  readonly completedOn?: IsoDate;
}

export interface Extension {
  readonly fromDueOn: IsoDate;
  readonly toDueOn: IsoDate;
  readonly reasons: string;
  /** Recorded when the extension goes past the policy's cap. */
  readonly goodReason?: string;
  readonly on: IsoDate;
}

export interface StageResponse {
  readonly on: IsoDate;
  readonly by: string;
  readonly decisions: readonly IssueDecision[];
  readonly summary: string;
  /** Whether it went out by the due date in force at the time. */
  readonly onTime: boolean;
  /** Whether it went out by the unextended due date. */
  readonly withinBaseTimescale: boolean;
}

/** Everything about one stage of a complaint. */
export interface StageRecord {
  /** The stage's receipt: the complaint (stage 1) or the escalation request (stage 2). */
  readonly receivedOn: IsoDate;
  readonly acknowledgedOn?: IsoDate;
  readonly definition?: ComplaintDefinition;
  readonly handler?: string;
  readonly meetingOn?: IsoDate;
  readonly extensions: readonly Extension[];
  readonly response?: StageResponse;
}

export interface EscalationRequest {
  readonly receivedOn: IsoDate;
  readonly channel: Channel;
  /** The resident's reasons, if they chose to give any (Code 6.12). */
  readonly reasons?: string;
  /** Received after the policy's escalation window closed. */
  readonly late: boolean;
}

export interface EscalationRefusal {
  readonly groundCode: string;
  readonly reasons: string;
  readonly on: IsoDate;
}

export interface Declination {
  readonly exclusionCode: string;
  readonly reasons: string;
  /** For out-of-time complaints, the discretion the landlord considered (Code 2.3). */
  readonly discretion?: string;
  readonly on: IsoDate;
}

export interface EvidenceRequest {
  readonly id: string;
  readonly receivedOn: IsoDate;
  readonly dueOn: IsoDate;
  readonly description: string;
  readonly providedOn?: IsoDate;
}

export type RestrictionKind =
  | 'single-point-of-contact'
  | 'set-contact-times'
  | 'written-contact-only'
  | 'appointment-only'
  | 'other';

/** A contact restriction (Code 5.14–5.15): evidenced, proportionate, reviewed. */
export interface Restriction {
  readonly id: string;
  readonly kind: RestrictionKind;
  readonly reasons: string;
  readonly equalityActConsideration: string;
  readonly approvedBy: string;
  readonly startOn: IsoDate;
  readonly reviewOn: IsoDate;
  readonly liftedOn?: IsoDate;
}

export interface Correspondence {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly channel: Channel;
  readonly at: Instant;
  readonly summary: string;
  readonly letterId?: string;
  /** An email's Message-ID, so the same email is never recorded twice. */
  readonly messageId?: string;
}

/** A file received with a complaint or a later message, kept in the object store. */
export interface Attachment {
  readonly key: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly receivedAt: Instant;
}

export type LetterStatus = 'sent' | 'queued-for-post' | 'posted' | 'blocked';

/**
 * What happened to a letter the domain asked for: emailed, queued for the
 * print room, posted, or blocked by the letter check (surfaced to staff).
 */
export interface LetterRecord {
  readonly id: string;
  readonly kind: string;
  readonly status: LetterStatus;
  readonly on: IsoDate;
  /** The Message-ID we gave the email, so a reply threads onto this case. */
  readonly messageId?: string;
  /** The PDF in the object store, for post and large print. */
  readonly pdfKey?: string;
  /** For a blocked letter: the elements the check found missing. */
  readonly missing?: readonly string[];
}

export interface Clarification {
  readonly stage: Stage;
  readonly questions: string;
  readonly on: IsoDate;
}

/** A clock event the deadline job has already recorded, so it is recorded once. */
export interface ClockMark {
  readonly clockId: string;
  readonly dueOn: IsoDate;
  readonly kind: 'reminder' | 'breach';
}

/** The current state of one complaint (or other record), folded from its events. */
export interface ComplaintState {
  readonly id: string;
  readonly reference: string;
  /** Optimistic concurrency: one more per saved decision. */
  readonly version: number;
  readonly policy: { readonly id: string; readonly version: string };
  readonly classification: Classification;
  readonly status: Status;
  /** The status a closed, withdrawn or declined case reopens to. */
  readonly reopenTo?: Status;
  readonly channel: Channel;
  readonly receivedAt: Instant;
  readonly receivedOn: IsoDate;
  readonly summary: string;
  readonly issueDate?: IsoDate;
  readonly awareDate?: IsoDate;
  /**
   * The last day a complaint is within the policy's time limit (Code 2.3),
   * when an issue or awareness date was given.
   */
  readonly timeLimitEndsOn?: IsoDate;
  readonly outcomeSought?: string;
  readonly category?: string;
  readonly resident: Resident;
  readonly representative?: Representative;
  readonly adjustments: readonly Adjustment[];
  readonly vulnerability?: string;
  readonly linkedServiceRequestId?: string;
  /** The complaint this one was raised from (Code 6.8). */
  readonly linkedFromComplaintId?: string;
  readonly linkedComplaintIds: readonly string[];
  readonly informal?: {
    readonly startedOn: IsoDate;
    readonly resolution?: string;
  };
  readonly stage1?: StageRecord;
  readonly stage2?: StageRecord;
  readonly escalation?: EscalationRequest;
  readonly escalationRefusal?: EscalationRefusal;
  readonly declination?: Declination;
  readonly remedies: readonly Remedy[];
  readonly actions: readonly OutstandingAction[];
  readonly evidenceRequests: readonly EvidenceRequest[];
  readonly restrictions: readonly Restriction[];
  readonly correspondence: readonly Correspondence[];
  readonly attachments: readonly Attachment[];
  readonly letters: readonly LetterRecord[];
  /** The Message-ID of the email the complaint arrived in. */
  readonly sourceMessageId?: string;
  readonly clockMarks: readonly ClockMark[];
  /** Questions put to the resident to clarify the complaint (Code 5.6). */
  readonly clarifications: readonly Clarification[];
  readonly closedOn?: IsoDate;
  readonly closure?: { readonly reason: string; readonly learning?: string };
  readonly withdrawal?: { readonly reason: string; readonly on: IsoDate };
  /**
   * The day the retention job removed the resident's personal data and
   * every free text (domain/privacy): what is left is what the Board's
   * figures need, and the case takes no further commands.
   */
  readonly anonymisedOn?: IsoDate;
}
