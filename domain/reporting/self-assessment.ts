import type { IsoDate } from '../calendar/index.js';
import type { Rejection } from '../complaint/decide.js';
import { formatPounds } from '../letters/format.js';
import { type Departure, lintPolicy } from '../policy/lint.js';
import type { Policy } from '../policy/policy.js';
import type {
  BoardFigures,
  ClockName,
  ClockTimeliness,
  OverdueItem,
  Share,
} from './model.js';
import type { ReportingPeriod } from './rules.js';

/**
 * The answer a self-assessment row gives (Code 8, REGULATION items 1 and
 * 57): the Livin 2020 form's "Yes / No" with the two states the data can
 * add — `partly` (a gap in the policy, or breaches in practice) and
 * `needs evidence` (nothing in the data or the policy check shows it and
 * staff have not said how it is met).
 */
export type SelfAssessmentAnswer =
  | 'comply'
  | 'partly'
  | 'does not comply'
  | 'needs evidence';

/** Who approved the self-assessment for the governing body, and when (item 57). */
export interface Approval {
  readonly by: string;
  readonly role: string;
  readonly on: IsoDate;
}

export interface SelfAssessmentRow {
  /** REGULATION.md clause numbering, e.g. `6.2`. */
  readonly clause: string;
  readonly section: number;
  readonly requirement: string;
  readonly answer: SelfAssessmentAnswer;
  /** Sentences generated from the figures and the policy check. */
  readonly generated: readonly string[];
  /** The policy check's departures on this clause. */
  readonly departures: readonly Departure[];
  /** What staff supplied for what the data cannot show; null if nothing. */
  readonly evidence: string | null;
}

export interface SelfAssessment {
  readonly policy: {
    readonly id: string;
    readonly version: string;
    readonly landlord: string;
  };
  readonly period: ReportingPeriod;
  readonly rows: readonly SelfAssessmentRow[];
  readonly summary: Readonly<Record<SelfAssessmentAnswer, number>>;
  readonly approval: Approval | null;
}

export interface SelfAssessmentInput {
  readonly policy: Policy;
  readonly figures: BoardFigures;
  /** Staff evidence by clause (`'3.1'` → text), for what data cannot show. */
  readonly evidence: Readonly<Record<string, string>>;
  readonly approval?: Approval;
}

/** Why one row stops the approval (item 57; item 1 for a departure). */
export interface ApprovalProblem {
  readonly clause: string;
  readonly code:
    | 'SELF_ASSESSMENT.EVIDENCE_MISSING'
    | 'SELF_ASSESSMENT.EXPLANATION_MISSING';
  readonly message: string;
}

export type ApproveResult =
  | { readonly ok: true; readonly assessment: SelfAssessment }
  | {
      readonly ok: false;
      readonly rejection: Rejection;
      /** Every row that stops the approval, so a form can mark each. */
      readonly problems: readonly ApprovalProblem[];
    };

/** A testable Code clause the form asks about (REGULATION.md §1). */
interface ClauseSpec {
  readonly clause: string;
  readonly requirement: string;
  /** The policy check has a rule for this clause: a clean check is evidence. */
  readonly linted?: boolean;
  readonly data?: (f: BoardFigures, p: Policy) => Finding;
}

/** A generated sentence and whether it shows the Code's rule being missed. */
interface Finding {
  readonly sentence: string;
  readonly shortfall: boolean;
}

/**
 * The clauses of the 2024 Code REGULATION.md §1 marks testable, sections
 * 1–9, with the figure each can be evidenced by. The order is the form's.
 */
const CLAUSES: readonly ClauseSpec[] = [
  {
    clause: '1.2',
    requirement:
      'The policy uses the Code’s definition of a complaint, "an expression of dissatisfaction, however made".',
    linted: true,
  },
  {
    clause: '1.3',
    requirement:
      'Residents who express dissatisfaction are given the choice to make a complaint, whether or not they use the word.',
  },
  {
    clause: '1.4',
    requirement:
      'Service requests are told apart from complaints, recorded, monitored and reviewed.',
  },
  {
    clause: '2.1',
    requirement:
      'Complaints are accepted unless there is a valid reason not to, with the reasoning evidenced.',
    data: (f) => {
      const r = f.refusals;
      return {
        sentence: `Complaints not accepted in ${f.period.label}: ${r.declined}${reasons(r.declinedByReason)}.`,
        shortfall: false,
      };
    },
  },
  {
    clause: '2.2',
    requirement:
      'The policy lists fair and reasonable circumstances in which a matter is not treated as a complaint.',
    linted: true,
  },
  {
    clause: '2.3',
    requirement:
      'Complaints are accepted within 12 months of the issue or of the resident becoming aware of it.',
    linted: true,
  },
  {
    clause: '3.1',
    requirement:
      'Residents can complain through different channels; reasonable adjustments are anticipated.',
    data: (f) => {
      const used = f.volumes.byChannel.filter((c) => c.stage1 + c.stage2 > 0);
      return {
        sentence:
          used.length === 0
            ? `Complaints received in ${f.period.label}: none.`
            : `Complaints received in ${f.period.label} through ${plural(used.length, 'channel')}: ${used
                .map((c) => `${c.channel} ${c.stage1 + c.stage2}`)
                .join(', ')}.`,
        shortfall: false,
      };
    },
  },
  {
    clause: '3.2',
    requirement:
      'Residents can complain to any member of staff, and all staff can pass a complaint on.',
  },
  {
    clause: '3.3',
    requirement:
      'High volumes are not seen as negative; volumes are reported neutrally.',
    data: (f) => {
      const [s1, s2] = f.tsm.ch01;
      return {
        sentence: `Received in ${f.period.label}: ${s1.overall.numerator} stage 1 and ${s2.overall.numerator} stage 2 complaints (${number(s1.overall.perThousand)} and ${number(s2.overall.perThousand)} per 1,000 homes), reported without a rating.`,
        shortfall: false,
      };
    },
  },
  {
    clause: '4.1',
    requirement:
      'A person or team is responsible for complaint handling, Ombudsman liaison and reporting to the governing body.',
  },
  {
    clause: '5.1',
    requirement:
      'A single policy for complaints covered by the Code; residents are not treated differently for complaining.',
  },
  {
    clause: '5.2',
    requirement: 'No extra named stages such as "informal" or "stage 0".',
    linted: true,
  },
  {
    clause: '5.3',
    requirement: 'No more than two stages.',
    linted: true,
  },
  {
    clause: '5.4',
    requirement:
      'Complaints handled by third parties are part of the two-stage process; the landlord stays responsible.',
  },
  {
    clause: '5.5',
    requirement:
      'Contractors and others acting for the landlord follow the landlord’s complaints process.',
  },
  {
    clause: '5.6',
    requirement:
      'At stage 1 and stage 2 the landlord sets out its understanding of the complaint and the outcomes sought.',
  },
  {
    clause: '5.11',
    requirement:
      'Escalation is refused only for valid reasons set out to the resident, in line with section 2.',
    linted: true,
    data: (f) => {
      const r = f.refusals;
      return {
        sentence: `Escalations refused in ${f.period.label}: ${r.escalationsRefused}${reasons(r.escalationsRefusedByGround)}.`,
        shortfall: false,
      };
    },
  },
  {
    clause: '5.14',
    requirement:
      'A policy for managing unacceptable behaviour when pursuing a complaint.',
    linted: true,
  },
  {
    clause: '5.15',
    requirement:
      'Any restriction on contact is proportionate and has regard to the Equality Act 2010.',
    linted: true,
  },
  {
    clause: '6.1',
    requirement:
      'Complaints are triaged for early resolution or investigation, considering complexity and vulnerability.',
  },
  {
    clause: '6.2',
    requirement:
      'Stage 1 complaints are acknowledged, defined and logged within 5 working days of receipt.',
    linted: true,
    data: clock('stage1.acknowledge'),
  },
  {
    clause: '6.3',
    requirement:
      'The stage 1 response is sent within 10 working days of the acknowledgement.',
    linted: true,
    data: clock('stage1.respond'),
  },
  {
    clause: '6.4',
    requirement:
      'A stage 1 extension is no more than 10 working days without good reason, explained to the resident.',
    linted: true,
    data: extension(0),
  },
  {
    clause: '6.5',
    requirement:
      'The resident told of an extension is given the Ombudsman’s contact details.',
    linted: true,
  },
  {
    clause: '6.6',
    requirement:
      'The response is sent when the answer is known; outstanding actions are tracked and done promptly.',
    data: (f) => overdue('Actions', f.overdue.actions, f.period),
  },
  {
    clause: '6.7',
    requirement:
      'The response addresses all points raised, with clear reasons referring to policy, law and good practice.',
  },
  {
    clause: '6.8',
    requirement:
      'New related issues raised before the response are included; others are logged as new complaints.',
  },
  {
    clause: '6.9',
    requirement:
      'The stage 1 response states the stage, the decision, the reasons, any remedy, outstanding actions and how to escalate.',
  },
  {
    clause: '6.10',
    requirement:
      'An unresolved complaint progresses to stage 2 when the resident asks; stage 2 is the final response.',
    linted: true,
    data: (f) => {
      const e = f.escalationRate;
      return {
        sentence: `Stage 2 requests in ${f.period.label}: ${e.stage2Requests} against ${e.stage1Responses} stage 1 responses (${percent(e.rate === null ? null : e.rate * 100)}).`,
        shortfall: false,
      };
    },
  },
  {
    clause: '6.11',
    requirement:
      'Stage 2 is acknowledged, defined and logged within 5 working days of the escalation request.',
    linted: true,
    data: clock('stage2.acknowledge'),
  },
  {
    clause: '6.12',
    requirement: 'Residents are not required to explain why they want stage 2.',
    linted: true,
  },
  {
    clause: '6.13',
    requirement:
      'The stage 2 decision-maker is not the person who considered stage 1.',
    linted: true,
  },
  {
    clause: '6.14',
    requirement:
      'The stage 2 response is sent within 20 working days of the escalation acknowledgement.',
    linted: true,
    data: clock('stage2.respond'),
  },
  {
    clause: '6.15',
    requirement:
      'A stage 2 extension is no more than 20 working days without good reason, explained to the resident.',
    linted: true,
    data: extension(1),
  },
  {
    clause: '6.16',
    requirement:
      'The resident told of a stage 2 extension is given the reasons, the new date and the Ombudsman’s contact details.',
    linted: true,
  },
  {
    clause: '7.1',
    requirement:
      'Where something has gone wrong the landlord acknowledges it and puts it right with a suitable remedy.',
    data: (f) => {
      const kinds = f.remedies.byKind.filter((k) => k.count > 0);
      return {
        sentence: `Remedies given in ${f.period.label}: ${
          kinds.length === 0
            ? 'none'
            : kinds.map((k) => `${k.kind} ${k.count}`).join(', ')
        }; compensation ${f.remedies.compensation.count} (${formatPounds(f.remedies.compensation.totalPence)}).`,
        shortfall: false,
      };
    },
  },
  {
    clause: '7.2',
    requirement:
      'Any remedy reflects the impact on the resident of the fault found.',
  },
  {
    clause: '7.3',
    requirement:
      'A remedy says what will happen and by when, and is followed through to completion.',
    data: (f) => overdue('Remedies', f.overdue.remedies, f.period),
  },
  {
    clause: '7.4',
    requirement: 'The Ombudsman’s remedies guidance is taken into account.',
  },
  {
    clause: '8.1',
    requirement:
      'An annual complaints performance and service improvement report, with this self-assessment, goes to the governing body and is published.',
    linted: true,
  },
  {
    clause: '8.2',
    requirement:
      'The annual report is published with the governing body’s response and submitted to the Ombudsman.',
  },
  {
    clause: '8.3',
    requirement:
      'A new self-assessment follows a significant restructure, merger or change in procedures.',
  },
  {
    clause: '9.1',
    requirement:
      'The landlord looks beyond the individual complaint for service improvements.',
    data: (f) => {
      const top = [...f.volumes.byCategory]
        .sort(
          (a, b) =>
            b.stage1 + b.stage2 - (a.stage1 + a.stage2) ||
            a.category.localeCompare(b.category),
        )
        .slice(0, 3);
      return {
        sentence: `Most frequent complaint categories in ${f.period.label}: ${
          top.length === 0
            ? 'none'
            : top.map((c) => `${c.category} ${c.stage1 + c.stage2}`).join(', ')
        }.`,
        shortfall: false,
      };
    },
  },
  {
    clause: '9.2',
    requirement:
      'Complaints are used as a source of intelligence to identify issues and introduce changes.',
  },
  {
    clause: '9.3',
    requirement:
      'Wider learning and improvements are reported to residents, staff and relevant committees.',
  },
  {
    clause: '9.5',
    requirement:
      'The governing body has appointed a Member Responsible for Complaints.',
    linted: true,
  },
  {
    clause: '9.6',
    requirement:
      'The Member Responsible for Complaints can access all of the complaint function.',
  },
  {
    clause: '9.7',
    requirement:
      'The governing body receives regular updates on volumes, categories, outcomes and complaint handling performance.',
    linted: true,
  },
];

const CLOCK_TEXT: Record<ClockName, string> = {
  'stage1.acknowledge': 'Stage 1 acknowledged',
  'stage1.respond': 'Stage 1 responses sent',
  'stage2.acknowledge': 'Stage 2 acknowledged',
  'stage2.respond': 'Stage 2 responses sent',
};

function clock(name: ClockName): (f: BoardFigures, p: Policy) => Finding {
  return (f, p) => {
    const stage = name.startsWith('stage1') ? 1 : 2;
    const kind = name.endsWith('acknowledge') ? 'acknowledge' : 'respond';
    const days = [
      ...new Set(
        f.tsm.targetTimescales
          .filter((t) => t.stage === stage)
          .map((t) =>
            kind === 'acknowledge'
              ? t.acknowledgeWorkingDays
              : t.respondWorkingDays,
          ),
      ),
    ];
    const own = (stage === 1 ? p.stage1 : p.stage2)[kind].workingDays;
    const within = (days.length === 0 ? [own] : days).join(' or ');
    const t = f.timeliness.find((c) => c.clock === name) as ClockTimeliness;
    return {
      sentence: clockSentence(
        `${CLOCK_TEXT[name]} within ${within} working days`,
        t,
      ),
      shortfall: t.breached > 0,
    };
  };
}

/**
 * "Stage 1 acknowledged within 5 working days: 96.2 % (25 of 26); 1
 * breach: HTH-F02 (1 working day late)".
 */
export function clockSentence(lead: string, t: ClockTimeliness): string {
  const total = t.met + t.breached;
  if (total === 0) return `${lead}: none fell due.`;
  const head = `${lead}: ${percent((t.met / total) * 100)} (${t.met} of ${total})`;
  if (t.breached === 0) return `${head}; no breaches.`;
  return `${head}; ${plural(t.breached, 'breach', 'breaches')}: ${t.breaches
    .map(
      (b) =>
        `${b.reference} (${plural(b.workingDaysLate, 'working day')} late)`,
    )
    .join(', ')}.`;
}

function extension(i: 0 | 1): (f: BoardFigures) => Finding {
  return (f) => {
    const part = f.tsm.ch02[i];
    return {
      sentence: `Stage ${part.stage} responses within the timescale: ${share(part.withinBase)}; within it or a Code-permitted extension: ${share(part.withinExtension)}.`,
      shortfall: false,
    };
  };
}

function overdue(
  what: string,
  items: readonly OverdueItem[],
  period: ReportingPeriod,
): Finding {
  return {
    sentence:
      items.length === 0
        ? `${what} overdue at ${period.to}: none.`
        : `${what} overdue at ${period.to}: ${items.length} (${items
            .map(
              (o) =>
                `${o.reference}, due ${o.dueOn}, ${plural(o.workingDaysLate, 'working day')} late`,
            )
            .join('; ')}).`,
    shortfall: items.length > 0,
  };
}

function reasons(
  rows: readonly { readonly code: string; readonly count: number }[],
): string {
  return rows.length === 0
    ? ''
    : ` (${rows.map((r) => `${r.code} ${r.count}`).join(', ')})`;
}

/** `96.2 %`, or `n/a` when there is nothing to divide by. */
export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(1)} %`;
}

/** `12 of 27 (44.4 %)`. */
export function share(s: Share): string {
  return `${s.count} of ${s.of} (${percent(s.percent)})`;
}

/** A figure to at most two decimal places, without trailing zeros. */
export function number(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toFixed(2)));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function answerFor(
  departures: readonly Departure[],
  findings: readonly Finding[],
  linted: boolean,
  evidence: string | null,
): SelfAssessmentAnswer {
  if (departures.some((d) => d.severity === 'breach')) return 'does not comply';
  if (departures.some((d) => d.severity === 'gap')) return 'partly';
  if (findings.some((f) => f.shortfall)) return 'partly';
  // An advisory departure is allowed only if the Board can justify it (2.2).
  if (departures.length > 0 && evidence === null) return 'needs evidence';
  if (findings.length === 0 && !linted && evidence === null) {
    return 'needs evidence';
  }
  return 'comply';
}

/**
 * The Code self-assessment (Code 8; REGULATION items 1 and 57) generated
 * from the policy check and the period's figures: one row per testable
 * clause, each answer the worst of what the policy and the data show, with
 * the staff's own evidence for what data cannot show.
 *
 * A policy departure makes a row `does not comply` (a breach) or `partly`
 * (a gap); breaches of a clock in practice make it `partly`; a clause
 * neither the data nor the policy check covers `needs evidence` until staff
 * supply it.
 *
 * @example
 * const sa = selfAssessment({ policy: code2024, figures, evidence: {} });
 * sa.rows.find((r) => r.clause === '6.2')?.generated[0];
 * // 'Stage 1 acknowledged within 5 working days: 96.2 % (25 of 26); 1 breach: HTH-F02 (1 working day late).'
 */
export function selfAssessment(input: SelfAssessmentInput): SelfAssessment {
  const { policy, figures } = input;
  const lint = lintPolicy(policy);
  const known = new Set(CLAUSES.map((c) => c.clause));
  const extra: ClauseSpec[] = [
    ...new Set(lint.map((d) => d.clause).filter((c) => !known.has(c))),
  ].map((clause) => ({
    clause,
    requirement: 'A rule of the Code the policy check tests.',
    linted: true,
  }));
  const rows = [...CLAUSES, ...extra].map((spec): SelfAssessmentRow => {
    const departures = lint.filter((d) => d.clause === spec.clause);
    const findings =
      spec.data === undefined ? [] : [spec.data(figures, policy)];
    const linted = spec.linted === true;
    const text = input.evidence[spec.clause]?.trim();
    const evidence = text === undefined || text === '' ? null : text;
    const generated = [
      ...(linted && departures.length === 0
        ? [
            `Policy ${policy.id} ${policy.version}: the policy check finds no departure from the Code.`,
          ]
        : []),
      ...departures.map(
        (d) =>
          `Policy ${policy.id} ${policy.version} (${d.severity}): ${d.explanation}`,
      ),
      ...findings.map((f) => f.sentence),
    ];
    return {
      clause: spec.clause,
      section: Number(spec.clause.split('.')[0]),
      requirement: spec.requirement,
      answer: answerFor(departures, findings, linted, evidence),
      generated,
      departures,
      evidence,
    };
  });
  const base: SelfAssessment = {
    policy: {
      id: policy.id,
      version: policy.version,
      landlord: policy.landlord,
    },
    period: figures.period,
    rows,
    summary: summarise(rows),
    approval: null,
  };
  if (input.approval === undefined) return base;
  const approved = approve(base, input.approval);
  return approved.ok ? approved.assessment : base;
}

function summarise(
  rows: readonly SelfAssessmentRow[],
): Record<SelfAssessmentAnswer, number> {
  const summary: Record<SelfAssessmentAnswer, number> = {
    comply: 0,
    partly: 0,
    'does not comply': 0,
    'needs evidence': 0,
  };
  for (const row of rows) summary[row.answer] += 1;
  return summary;
}

/**
 * Every row that stops the approval, in the form's order: a row that
 * `needs evidence`, and a row that `does not comply` with no explanation
 * from staff (item 1: a departure is published with its explanation and
 * the date the landlord intends to comply).
 *
 * @example
 * approvalProblems(draft)[0];
 * // { clause: '1.3', code: 'SELF_ASSESSMENT.EVIDENCE_MISSING', message: 'Clause 1.3 needs evidence: …' }
 */
export function approvalProblems(
  assessment: SelfAssessment,
): ApprovalProblem[] {
  return assessment.rows.flatMap((r): ApprovalProblem[] => {
    if (r.answer === 'needs evidence') {
      return [
        {
          clause: r.clause,
          code: 'SELF_ASSESSMENT.EVIDENCE_MISSING',
          message: `Clause ${r.clause} needs evidence: say how the requirement is met`,
        },
      ];
    }
    if (r.answer === 'does not comply' && r.evidence === null) {
      return [
        {
          clause: r.clause,
          code: 'SELF_ASSESSMENT.EXPLANATION_MISSING',
          message: `Clause ${r.clause} does not comply: explain why, and by when it will`,
        },
      ];
    }
    return [];
  });
}

/**
 * The governing body's approval (item 57), as a new value. Refused while
 * any row `needs evidence`, or while a row that `does not comply` has no
 * explanation from staff (`approvalProblems`).
 */
export function approve(
  assessment: SelfAssessment,
  approval: Approval,
): ApproveResult {
  const problems = approvalProblems(assessment);
  const clauses = (code: ApprovalProblem['code']) =>
    problems.filter((p) => p.code === code).map((p) => p.clause);
  const missing = clauses('SELF_ASSESSMENT.EVIDENCE_MISSING');
  if (missing.length > 0) {
    return {
      ok: false,
      problems,
      rejection: {
        code: 'SELF_ASSESSMENT.EVIDENCE_MISSING',
        message: `The self-assessment cannot be approved while clauses need evidence: ${missing.join(', ')}.`,
        field: 'evidence',
      },
    };
  }
  const unexplained = clauses('SELF_ASSESSMENT.EXPLANATION_MISSING');
  if (unexplained.length > 0) {
    return {
      ok: false,
      problems,
      rejection: {
        code: 'SELF_ASSESSMENT.EXPLANATION_MISSING',
        message: `The self-assessment cannot be approved while clauses that do not comply have no explanation and target date: ${unexplained.join(', ')}.`,
        field: 'evidence',
      },
    };
  }
  for (const [field, value] of Object.entries(approval)) {
    if (String(value).trim() === '') {
      return {
        ok: false,
        problems,
        rejection: {
          code: 'SELF_ASSESSMENT.APPROVAL_INCOMPLETE',
          message: `The approval needs ${field}.`,
          field: `approval.${field}`,
        },
      };
    }
  }
  return { ok: true, assessment: { ...assessment, approval } };
}
