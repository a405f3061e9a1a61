import type { IsoDate, WorkingCalendar } from '../calendar/index.js';
import type { ComplaintEvent } from '../complaint/events.js';
import type {
  Channel,
  ComplaintState,
  Decision,
  RemedyKind,
  Stage,
} from '../complaint/model.js';
import type { ClockStart, Policy } from '../policy/policy.js';
import type {
  Ch02Basis,
  FigureSourcing,
  ReportingCitation,
  ReportingPeriod,
  ReportingRuleKey,
} from './rules.js';

/**
 * One complaint to report on: its folded state with the policy and the
 * working calendar its clocks ran under, and optionally its history.
 *
 * Folded states first: nearly every fact the figures count carries its
 * own date in the state (received, acknowledged, responded, extended,
 * remedy and action dates, evidence dates), so a past period's figures
 * come from today's state without replaying events up to a cut-off.
 *
 * Three facts do not survive in the state: a reopened complaint loses its
 * declination, its escalation refusal and its closure (with the learning
 * recorded at closure), and an escalation after closure loses the
 * closure. The history (every event, oldest first) keeps them, so when
 * it is given the refusals and the learning are read from it; without
 * it, from the state as it stands.
 */
export interface ReportingComplaint {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  /** Every event of the complaint, oldest first. */
  readonly history?: readonly ComplaintEvent[];
}

/** Homes owned, by tenure, for one reporting year (the CH01 denominator). */
export interface StockCount {
  /** The first day of the reporting year the count is for. */
  readonly yearFrom: IsoDate;
  /** The date the homes were counted (normally the year end). */
  readonly asAt: IsoDate;
  readonly LCRA: number;
  readonly LCHO: number;
}

export interface ReportInput {
  readonly complaints: readonly ReportingComplaint[];
  readonly stock: readonly StockCount[];
  readonly period: ReportingPeriod;
  /**
   * The first day the complaints given are complete from (the store was
   * read from then). The themes compare with the previous period only
   * when it starts on or after this day and after the first complaint
   * held; without it, only the first complaint held is the limit.
   */
  readonly recordsFrom?: IsoDate;
}

/** `numerator / denominator × 1,000`; null when there are no homes. */
export interface PerThousand {
  readonly numerator: number;
  readonly denominator: number;
  readonly perThousand: number | null;
}

/** `count / of × 100`; null when `of` is 0. */
export interface Share {
  readonly count: number;
  readonly of: number;
  readonly percent: number | null;
}

export interface Ch01Part {
  readonly stage: Stage;
  readonly overall: PerThousand;
  readonly LCRA: PerThousand;
  readonly LCHO: PerThousand;
  /** In the overall numerator but in neither tenure line (leaseholder, other, unknown). */
  readonly otherTenure: number;
}

export interface Ch02Part {
  readonly stage: Stage;
  readonly responded: number;
  readonly withinBase: Share;
  readonly withinExtension: Share;
  /** The figure the rules publish: one of the two above. */
  readonly published: Share;
}

/** The timescales CH02 was generated with, which are published with it. */
export interface TargetTimescale {
  readonly policy: { readonly id: string; readonly version: string };
  readonly stage: Stage;
  readonly acknowledgeWorkingDays: number;
  readonly respondWorkingDays: number;
  readonly respondFrom: ClockStart;
  /** Further working days a Code-permitted extension may add; null if uncapped. */
  readonly extensionMaxWorkingDays: number | null;
}

export interface Tsm {
  readonly ch01: readonly [Ch01Part, Ch01Part];
  readonly ch02: readonly [Ch02Part, Ch02Part];
  readonly ch02Publishes: Ch02Basis;
  readonly targetTimescales: readonly TargetTimescale[];
  readonly stock: StockCount;
  /**
   * How firmly each figure's counting rules are sourced (the weakest
   * rule's status): only `verified` is safe to publish as it stands.
   */
  readonly sourcing: {
    readonly ch01: FigureSourcing;
    /** CH01's LCRA and LCHO lines, which also rest on the tenure split. */
    readonly ch01Tenure: FigureSourcing;
    readonly ch02: FigureSourcing;
  };
}

export interface StageCounts {
  readonly stage1: number;
  readonly stage2: number;
}

export interface Volumes {
  readonly byStage: StageCounts;
  readonly byChannel: readonly ({ readonly channel: Channel } & StageCounts)[];
  readonly byCategory: readonly ({ readonly category: string } & StageCounts)[];
  /** Every month of the period, in order, zero-filled, `YYYY-MM`. */
  readonly byMonth: readonly ({ readonly month: string } & StageCounts)[];
}

export type DecisionCounts = Readonly<Record<Decision, number>>;

export interface StageOutcomes {
  readonly stage: Stage;
  readonly byIssue: DecisionCounts;
  readonly byComplaint: DecisionCounts;
}

export type ClockName =
  | 'stage1.acknowledge'
  | 'stage1.respond'
  | 'stage2.acknowledge'
  | 'stage2.respond';

export interface Lateness {
  readonly complaintId: string;
  readonly reference: string;
  readonly dueOn: IsoDate;
  /** When it was done, or the period end for something still not done. */
  readonly doneOn: IsoDate;
  readonly workingDaysLate: number;
}

export interface ClockTimeliness {
  readonly clock: ClockName;
  readonly met: number;
  readonly breached: number;
  readonly breaches: readonly Lateness[];
}

export interface EscalationRate {
  readonly stage2Requests: number;
  readonly stage1Responses: number;
  readonly rate: number | null;
}

export interface ReasonCount {
  readonly code: string;
  readonly label: string;
  readonly count: number;
}

export interface Refusals {
  readonly declined: number;
  readonly declinedByReason: readonly ReasonCount[];
  readonly escalationsRefused: number;
  readonly escalationsRefusedByGround: readonly ReasonCount[];
}

export interface RemedyFigures {
  readonly byKind: readonly {
    readonly kind: RemedyKind;
    readonly count: number;
    readonly amountPence: number;
  }[];
  readonly compensation: {
    readonly count: number;
    readonly totalPence: number;
  };
}

export interface OverdueItem extends Lateness {
  readonly id: string;
  readonly description: string;
}

export interface OverdueAtPeriodEnd {
  readonly actions: readonly OverdueItem[];
  readonly remedies: readonly OverdueItem[];
}

export interface EvidenceFigures {
  readonly received: number;
  readonly provided: number;
  readonly providedOnTime: number;
  readonly providedLate: readonly Lateness[];
  readonly outstandingAtPeriodEnd: number;
  readonly overdueAtPeriodEnd: readonly Lateness[];
}

export interface OpenAtPeriodEnd {
  readonly stage1: readonly string[];
  readonly stage2: readonly string[];
}

/** The Board's figures for a period: plain data for HTML, CSV or JSON. */
export interface BoardFigures {
  readonly rules: {
    readonly id: string;
    readonly version: string;
    readonly citations: Readonly<Record<ReportingRuleKey, ReportingCitation>>;
  };
  readonly period: ReportingPeriod;
  readonly tsm: Tsm;
  readonly volumes: Volumes;
  readonly outcomes: readonly [StageOutcomes, StageOutcomes];
  readonly timeliness: readonly ClockTimeliness[];
  readonly escalationRate: EscalationRate;
  readonly refusals: Refusals;
  readonly remedies: RemedyFigures;
  readonly overdue: OverdueAtPeriodEnd;
  readonly evidence: EvidenceFigures;
  readonly openAtPeriodEnd: OpenAtPeriodEnd;
  readonly themes: Themes;
  readonly learning: Learning;
}

/** A category's complaints in the period, against the period before (Code 9.4, 9.7). */
export interface Theme {
  readonly category: string;
  /** Accepted complaints received in the period (the CH01 population). */
  readonly received: StageCounts;
  /** The same in the previous period of the same length; null without data for it. */
  readonly previous: StageCounts | null;
  /** `received − previous`, per stage; null without data for the previous period. */
  readonly change: StageCounts | null;
  /**
   * Responses sent in the period upheld in whole or in part, of all the
   * stage's responses sent in it, per stage.
   */
  readonly upheld: readonly [Share, Share];
}

export interface Themes {
  /** The period compared with: the same length, immediately before. */
  readonly previousPeriod: ReportingPeriod;
  /** Whether the complaints held cover the whole previous period. */
  readonly compared: boolean;
  /** Most complaints received first (stage 1, then stage 2), then by name. */
  readonly byCategory: readonly Theme[];
}

export type FollowThroughStatus = 'completed' | 'overdue' | 'open';

/**
 * A service improvement agreed in a response: an outstanding action
 * (Code 6.6) or a remedy changing policies, procedures or practices
 * (Code 7.1), with where it stood at the period end.
 */
export interface ImprovementAction {
  readonly complaintId: string;
  readonly reference: string;
  readonly id: string;
  readonly kind: 'action' | 'policy-change';
  readonly stage: Stage;
  readonly recordedOn: IsoDate;
  readonly description: string;
  readonly dueOn: IsoDate | null;
  /** Completed by the period end: its date; otherwise null. */
  readonly completedOn: IsoDate | null;
  /** `overdue`: due before the period end and not completed by then. */
  readonly status: FollowThroughStatus;
}

/** Learning recorded when a complaint was closed (Code 9.1). */
export interface LearningNote {
  readonly complaintId: string;
  readonly reference: string;
  readonly closedOn: IsoDate;
  readonly text: string;
}

export interface CategoryLearning {
  readonly category: string;
  readonly actions: readonly ImprovementAction[];
  readonly counts: Readonly<Record<FollowThroughStatus, number>>;
  readonly notes: readonly LearningNote[];
}

/**
 * The service improvements from complaints in the period (Code 9.1–9.3):
 * actions agreed in responses recorded in it, and learning recorded at
 * closures in it, by category.
 */
export interface Learning {
  readonly byCategory: readonly CategoryLearning[];
  readonly counts: Readonly<Record<FollowThroughStatus, number>>;
  readonly notes: number;
}
