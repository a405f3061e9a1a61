import type { IsoDate, WorkingCalendar } from '../calendar/index.js';
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
  ReportingCitation,
  ReportingPeriod,
  ReportingRuleKey,
} from './rules.js';

/**
 * One complaint to report on: its folded state with the policy and the
 * working calendar its clocks ran under.
 *
 * Folded states, not event histories: every fact the figures count carries
 * its own date in the state (received, acknowledged, responded, extended,
 * declined, remedy and action dates, evidence dates), so a past period's
 * figures come from today's state without replaying events up to a cut-off
 * — and the store already keeps states. A history folds with `evolve`.
 */
export interface ReportingComplaint {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
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
}
