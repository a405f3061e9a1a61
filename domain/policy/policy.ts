import type { IsoDate, Nation } from '../calendar/index.js';

/**
 * A landlord's complaints process as data. Every rule carries a citation to
 * the paragraph it came from, so the lint, the published policy page and the
 * self-assessment can say where a value came from.
 *
 * Values the 2024 Code leaves unsettled (REGULATION.md rows tagged C or U)
 * are policy values here, never constants in the engine.
 */
export interface Policy {
  /** Stable preset id, e.g. `code-2024`, `livewest-2025`. */
  readonly id: string;
  /** Version of this policy text, e.g. `2025-07` or `v7`. */
  readonly version: string;
  readonly landlord: string;
  readonly title: string;
  /** The document this policy was taken from. */
  readonly source: Citation;
  readonly nation: Nation;
  /** Days the landlord is closed on top of bank holidays (not working days). */
  readonly closureDays: readonly IsoDate[];
  readonly definition: DefinitionRule;
  readonly timeLimit: TimeLimitRule;
  readonly exclusions: readonly Exclusion[];
  /**
   * A stage before stage 1 that the 2024 Code forbids (5.2). Kept so an old
   * policy runs as written; the lint reports it.
   */
  readonly informalStage?: InformalStage;
  readonly receiptConfirmation?: ReceiptConfirmationRule;
  readonly stage1: StagePolicy;
  readonly stage2: StagePolicy;
  readonly escalation: EscalationRule;
  readonly contact: ContactRule;
  readonly closure: ClosureRule;
  readonly remedies: RemedyRule;
  readonly ombudsman: OmbudsmanRule;
  readonly restrictions: RestrictionRule;
  readonly governance: GovernanceRule;
  readonly channels: readonly ChannelName[];
  /** How long a finished case keeps its personal data (UK GDPR). */
  readonly retention: RetentionRule;
}

/** Where a value came from: a document and the paragraph in it. */
export interface Citation {
  /** e.g. `Complaint Handling Code 2024` or `LiveWest policy (July 2025)`. */
  readonly source: string;
  /** e.g. `6.2`, `§5 Stage 1 ¶1`, `para 17`. */
  readonly ref: string;
  /** A short verbatim quote, when it helps a reader check the value. */
  readonly quote?: string;
  /**
   * The document says nothing here: the value is the Code's default, put in
   * so the policy runs. The lint reports a silent statutory timescale.
   */
  readonly silent?: true;
}

export type ChannelName =
  | 'web'
  | 'email'
  | 'phone'
  | 'in-person'
  | 'letter'
  | 'social-media';

/**
 * What a clock counts from.
 * - `receipt`: the stage's own receipt (the complaint at stage 1, the
 *   escalation request at stage 2).
 * - `acknowledgement`: the date the stage was acknowledged.
 * - `original-complaint`: the date the complaint was first received.
 * - `meeting`: the stage's review meeting (a panel).
 */
export type ClockStart =
  | 'receipt'
  | 'acknowledgement'
  | 'original-complaint'
  | 'meeting';

/** "Within N working days of <start>". */
export interface Clock {
  readonly workingDays: number;
  readonly from: ClockStart;
  readonly cite: Citation;
}

export interface DefinitionRule {
  readonly text: string;
  readonly cite: Citation;
}

export interface TimeLimitRule {
  /** Complaints are accepted within this many months. */
  readonly months: number;
  /** Whether the awareness date can start the period (Code 2.3) or only the issue date. */
  readonly from: 'issue-or-awareness' | 'issue';
  /** Whether older complaints may still be accepted with good reason. */
  readonly discretion: boolean;
  /** Subjects the limit never applies to (e.g. safeguarding). */
  readonly exceptions: readonly string[];
  readonly cite: Citation;
}

/**
 * The Code's own examples of acceptable exclusions (2.2), plus the
 * matters that are not complaints by definition (1.4). Anything else is
 * `other`: allowed, but it must be fair and reasonable and the lint says so.
 */
export type ExclusionGround =
  | 'outside-time-limit'
  | 'legal-proceedings'
  | 'previously-considered'
  | 'service-request'
  | 'other';

export interface Exclusion {
  /** Stable code used on declined complaints, e.g. `legal-proceedings`. */
  readonly code: string;
  readonly label: string;
  readonly ground: ExclusionGround;
  readonly cite: Citation;
}

export interface InformalStage {
  readonly name: string;
  /** Target to resolve informally, in working days from receipt; null if none stated. */
  readonly targetWorkingDays: number | null;
  readonly description: string;
  readonly cite: Citation;
}

export interface ReceiptConfirmationRule {
  readonly withinHours: number;
  readonly cite: Citation;
}

export interface ExtensionRule {
  /** Most further working days past the original due date; null where the policy sets no cap. */
  readonly maxWorkingDays: number | null;
  /** The resident must be told (with reasons and the new date) before the original due date. */
  readonly noticeBeforeDue: boolean;
  /** The extension notice carries the Ombudsman's contact details (Code 6.5). */
  readonly ombudsmanDetailsInNotice: boolean;
  /** A longer extension is possible with a recorded good reason. */
  readonly goodReasonOverride: boolean;
  readonly cite: Citation;
}

export interface StagePolicy {
  readonly name: string;
  readonly acknowledge: Clock;
  readonly respond: Clock;
  readonly extension: ExtensionRule;
  /** A review meeting (a panel) the response is timed from. */
  readonly meeting?: Clock;
  /** Early-resolution target inside the stage ("Fix in Five"). */
  readonly earlyResolution?: Clock;
  /** Written progress updates every N working days while the stage runs long. */
  readonly updateIntervalWorkingDays?: number;
  /**
   * Who decides, and whether the policy says it is someone other than the
   * stage 1 handler. Hearth keeps the stage 1 handler off stage 2 whatever
   * this says (Code 6.13); the flag feeds the lint.
   */
  readonly handler: {
    readonly description: string;
    readonly mustDifferFromStage1: boolean;
    readonly cite: Citation;
  };
}

export interface EscalationRule {
  /** Time to ask for stage 2 after the stage 1 response; null if unlimited. */
  readonly window: {
    readonly days: number;
    readonly unit: 'calendar-days' | 'working-days';
    readonly cite: Citation;
  } | null;
  /** Reasons demanded before escalating (the Code says never: 6.12). */
  readonly reasonsRequired: boolean;
  /** What the landlord accepts as grounds for stage 2. */
  readonly acceptedGrounds:
    | 'any'
    | 'reasons-or-new-information'
    | 'procedure-not-followed';
  readonly refusalGrounds: readonly RefusalGround[];
  readonly cite: Citation;
}

export interface RefusalGround {
  readonly code: string;
  readonly label: string;
  /** The section 2 exclusion this ground rests on, or null if it rests on none. */
  readonly exclusion: ExclusionGround | null;
  readonly cite: Citation;
}

export interface ContactRule {
  /** Attempts to reach the resident before acting on silence; null if not stated. */
  readonly attempts: number | null;
  /** Progress updates every N working days while a complaint is open; null if not stated. */
  readonly updateIntervalWorkingDays: number | null;
  readonly representativesAllowed: boolean;
  readonly representativeConsentRequired: boolean;
  readonly anonymousMayBeDeclined: boolean;
  readonly cite: Citation;
}

export interface ClosureRule {
  /** Close after this long without contact once a stage has responded; null if never automatic. */
  readonly autoCloseAfterNoContact: {
    readonly days: number;
    readonly unit: 'calendar-days' | 'working-days';
    readonly cite: Citation;
  } | null;
  readonly cite: Citation;
}

export interface RemedyRule {
  readonly guidance: string;
  /** Compensation may be paid to a rent account in arrears. */
  readonly offsetAgainstArrears: boolean;
  readonly cite: Citation;
}

export interface OmbudsmanRule {
  /**
   * Working days to answer an Ombudsman evidence request when the request
   * gives no date. A landlord-policy default, not a 2024 Code clause
   * (REGULATION item 70).
   */
  readonly evidenceWorkingDays: number;
  /** A designated-person step after the final response (abolished Oct 2023). */
  readonly designatedPerson: boolean;
  /** Weeks the resident must wait after the final response before going to the Ombudsman. */
  readonly waitWeeks: number | null;
  readonly cite: Citation;
}

export interface RestrictionRule {
  readonly reasonsEvidenced: boolean;
  readonly reviewed: boolean;
  readonly equalityActRegard: boolean;
  readonly cite: Citation;
}

export interface GovernanceRule {
  readonly memberResponsibleForComplaints: boolean;
  /** How often the governing body hears about complaints, in months; null if not stated. */
  readonly boardReportingMonths: number | null;
  readonly annualReport: boolean;
  readonly cite: Citation;
}

/**
 * How long a finished case (closed, withdrawn, declined or refused
 * escalation) keeps its personal data before the retention job anonymises
 * it (UK GDPR Art. 5(1)(e), storage limitation). The 2024 Code sets no
 * period: this is the landlord's own choice, cited as such.
 */
export interface RetentionRule {
  /** Whole years after the case ended. */
  readonly closedCaseYears: number;
  readonly citation: Citation;
}
