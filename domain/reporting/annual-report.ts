import type { Decision, Stage } from '../complaint/model.js';
import { formatPounds } from '../letters/format.js';
import type {
  BoardFigures,
  ClockName,
  ClockTimeliness,
  EvidenceFigures,
  ReasonCount,
  StageCounts,
} from './model.js';
import type { ReportingPeriod } from './rules.js';
import {
  clockSentence,
  number,
  percent,
  type SelfAssessment,
  share,
} from './self-assessment.js';

/** A service improvement staff recorded from complaints (Code 9.1–9.3). */
export interface LearningItem {
  /** The complaint category it came from; absent for wider learning. */
  readonly category?: string;
  readonly improvement: string;
}

/** An Ombudsman determination or finding on the landlord in the year. */
export interface OmbudsmanDetermination {
  readonly reference: string;
  readonly finding: string;
}

export interface AnnualReportInput {
  readonly figures: BoardFigures;
  readonly assessment: SelfAssessment;
  readonly learning: readonly LearningItem[];
  readonly determinations?: readonly OmbudsmanDetermination[];
  /** The governing body's response, published alongside (item 57). */
  readonly boardResponse?: string;
}

export interface TsmLine {
  readonly measure: 'CH01' | 'CH02';
  readonly stage: Stage;
  readonly value: string;
  readonly basis: string;
}

export interface LearningTheme {
  readonly category: string;
  readonly complaints: number;
  readonly improvements: readonly string[];
}

export interface AnnualReport {
  readonly title: string;
  readonly landlord: string;
  readonly period: ReportingPeriod;
  readonly selfAssessment: SelfAssessment;
  readonly tsm: {
    readonly lines: readonly TsmLine[];
    /** Which CH02 figure is published and the timescales it was measured against. */
    readonly basis: string;
    readonly rules: { readonly id: string; readonly version: string };
  };
  readonly volumes: {
    readonly byStage: StageCounts;
    readonly byChannel: BoardFigures['volumes']['byChannel'];
    readonly byCategory: BoardFigures['volumes']['byCategory'];
    /** Code 3.3: volumes are shown without a rating. */
    readonly note: string;
  };
  readonly outcomes: BoardFigures['outcomes'];
  readonly refusals: {
    readonly declined: readonly ReasonCount[];
    readonly escalationsRefused: readonly ReasonCount[];
  };
  readonly timeliness: readonly {
    readonly clock: ClockName;
    readonly sentence: string;
  }[];
  readonly ombudsman: {
    readonly evidence: EvidenceFigures;
    readonly evidenceSentence: string;
    readonly determinations: readonly OmbudsmanDetermination[];
  };
  readonly improvements: {
    readonly themes: readonly LearningTheme[];
    readonly wider: readonly string[];
  };
  readonly boardResponse: string | null;
  /** Plain-text rendering for export. */
  readonly printable: string;
}

const CLOCK_LEAD: Record<ClockName, string> = {
  'stage1.acknowledge': 'Stage 1 acknowledged on time',
  'stage1.respond': 'Stage 1 responses on time',
  'stage2.acknowledge': 'Stage 2 acknowledged on time',
  'stage2.respond': 'Stage 2 responses on time',
};

const DECISIONS: readonly Decision[] = [
  'upheld',
  'partly-upheld',
  'not-upheld',
];

/**
 * The annual complaints performance and service improvement report (Code
 * 8.1–8.2; REGULATION item 58): the self-assessment, CH01 and CH02 with
 * the basis they are published on, neutral volumes (3.3), outcomes,
 * refusals by reason, timeliness, the Ombudsman's requests and
 * determinations, and the service improvements learnt — as data, with a
 * plain-text rendering.
 *
 * @example
 * const report = annualReport({ figures, assessment, learning: [] });
 * report.printable; // 'Annual complaints performance and service improvement report …'
 */
export function annualReport(input: AnnualReportInput): AnnualReport {
  const { figures: f, assessment } = input;
  const title = `Annual complaints performance and service improvement report ${f.period.label}`;
  const timescales = f.tsm.targetTimescales
    .map(
      (t) =>
        `stage ${t.stage}: acknowledge ${t.acknowledgeWorkingDays}, respond ${t.respondWorkingDays} working days from the ${t.respondFrom} (${t.policy.id} ${t.policy.version})`,
    )
    .join('; ');
  const basis = `CH02 publishes responses ${
    f.tsm.ch02Publishes === 'within-base'
      ? 'within the timescale, without extensions'
      : 'within the timescale or a Code-permitted extension'
  }; homes owned at ${f.tsm.stock.asAt}: ${f.tsm.stock.LCRA + f.tsm.stock.LCHO} (LCRA ${f.tsm.stock.LCRA}, LCHO ${f.tsm.stock.LCHO}); timescales ${timescales === '' ? 'none in force' : timescales}.`;
  const lines: TsmLine[] = [
    ...f.tsm.ch01.map(
      (p): TsmLine => ({
        measure: 'CH01',
        stage: p.stage,
        value: `${number(p.overall.perThousand)} per 1,000 homes`,
        basis: `${p.overall.numerator} complaints / ${p.overall.denominator} homes`,
      }),
    ),
    ...f.tsm.ch02.map(
      (p): TsmLine => ({
        measure: 'CH02',
        stage: p.stage,
        value: percent(p.published.percent),
        basis: `${p.published.count} of ${p.published.of} responses`,
      }),
    ),
  ];
  const e = f.evidence;
  const evidenceSentence = `Ombudsman evidence requests: ${e.received} received, ${e.provided} provided (${e.providedOnTime} on time${
    e.providedLate.length === 0
      ? ''
      : `; late: ${e.providedLate.map((l) => `${l.reference} ${l.workingDaysLate} WD`).join(', ')}`
  }); ${e.outstandingAtPeriodEnd} outstanding at ${f.period.to}${
    e.overdueAtPeriodEnd.length === 0
      ? ''
      : ` (overdue: ${e.overdueAtPeriodEnd.map((l) => `${l.reference} ${l.workingDaysLate} WD`).join(', ')})`
  }.`;
  const themes = [...f.volumes.byCategory]
    .map(
      (c): LearningTheme => ({
        category: c.category,
        complaints: c.stage1 + c.stage2,
        improvements: input.learning
          .filter((l) => l.category === c.category)
          .map((l) => l.improvement),
      }),
    )
    .sort(
      (a, b) =>
        b.complaints - a.complaints || a.category.localeCompare(b.category),
    );
  const categories = new Set(themes.map((t) => t.category));
  const wider = input.learning
    .filter((l) => l.category === undefined || !categories.has(l.category))
    .map((l) =>
      l.category === undefined
        ? l.improvement
        : `${l.category}: ${l.improvement}`,
    );
  const body: Omit<AnnualReport, 'printable'> = {
    title,
    landlord: assessment.policy.landlord,
    period: f.period,
    selfAssessment: assessment,
    tsm: {
      lines,
      basis,
      rules: { id: f.rules.id, version: f.rules.version },
    },
    volumes: {
      byStage: f.volumes.byStage,
      byChannel: f.volumes.byChannel,
      byCategory: f.volumes.byCategory,
      note: 'Volumes are shown without a rating: a high number of complaints can show residents find it easy to complain (Code 3.3).',
    },
    outcomes: f.outcomes,
    refusals: {
      declined: f.refusals.declinedByReason,
      escalationsRefused: f.refusals.escalationsRefusedByGround,
    },
    timeliness: f.timeliness.map((t: ClockTimeliness) => ({
      clock: t.clock,
      sentence: clockSentence(CLOCK_LEAD[t.clock], t),
    })),
    ombudsman: {
      evidence: e,
      evidenceSentence,
      determinations: input.determinations ?? [],
    },
    improvements: { themes, wider },
    boardResponse: input.boardResponse?.trim() || null,
  };
  return { ...body, printable: render(body, f) };
}

/** A plain-text table: columns padded to their widest cell. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly number[] = [],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) =>
    Math.max(...all.map((r) => (r[i] ?? '').length)),
  );
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) =>
        alignRight.includes(i)
          ? cell.padStart(widths[i] ?? 0)
          : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

function heading(text: string, mark: '=' | '-'): string {
  return `${text}\n${mark.repeat(text.length)}`;
}

function render(r: Omit<AnnualReport, 'printable'>, f: BoardFigures): string {
  const sa = r.selfAssessment;
  const approval =
    sa.approval === null
      ? 'Not yet approved by the governing body.'
      : `Approved by ${sa.approval.by} (${sa.approval.role}) on ${sa.approval.on}.`;
  const sections: string[] = [
    heading(r.title, '='),
    `${r.landlord}: ${r.period.from} to ${r.period.to}`,
    heading('1. Self-assessment against the Complaint Handling Code', '-'),
    `Policy ${sa.policy.id} ${sa.policy.version}. ${approval}\nComply ${sa.summary.comply}, partly ${sa.summary.partly}, does not comply ${sa.summary['does not comply']}, needs evidence ${sa.summary['needs evidence']}.`,
    textTable(
      ['Clause', 'Answer', 'Requirement'],
      sa.rows.map((row) => [row.clause, row.answer, row.requirement]),
    ),
    heading('2. Tenant Satisfaction Measures', '-'),
    textTable(
      ['Measure', 'Stage', 'Value', 'Basis'],
      r.tsm.lines.map((l) => [l.measure, String(l.stage), l.value, l.basis]),
      [2],
    ),
    r.tsm.basis,
    heading('3. Complaints received', '-'),
    r.volumes.note,
    textTable(
      ['Channel', 'Stage 1', 'Stage 2'],
      r.volumes.byChannel.map((c) => [
        c.channel,
        String(c.stage1),
        String(c.stage2),
      ]),
      [1, 2],
    ),
    textTable(
      ['Category', 'Stage 1', 'Stage 2'],
      r.volumes.byCategory.map((c) => [
        c.category,
        String(c.stage1),
        String(c.stage2),
      ]),
      [1, 2],
    ),
    heading('4. Outcomes', '-'),
    textTable(
      ['Stage', ...DECISIONS],
      r.outcomes.map((o) => [
        `Stage ${o.stage}`,
        ...DECISIONS.map((d) => String(o.byComplaint[d])),
      ]),
      [1, 2, 3],
    ),
    `Complaints not accepted: ${f.refusals.declined}; escalations refused: ${f.refusals.escalationsRefused}.`,
    textTable(
      ['Refused', 'Reason', 'Count'],
      [
        ...r.refusals.declined.map((x) => [
          'complaint',
          x.label,
          String(x.count),
        ]),
        ...r.refusals.escalationsRefused.map((x) => [
          'escalation',
          x.label,
          String(x.count),
        ]),
      ],
      [2],
    ),
    `Remedies: compensation ${f.remedies.compensation.count} (${formatPounds(f.remedies.compensation.totalPence)}); stage 1 within timescale or extension ${share(f.tsm.ch02[0].withinExtension)}.`,
    heading('5. Timeliness', '-'),
    r.timeliness.map((t) => t.sentence).join('\n'),
    heading('6. The Housing Ombudsman', '-'),
    r.ombudsman.evidenceSentence,
    r.ombudsman.determinations.length === 0
      ? 'Determinations: none recorded.'
      : textTable(
          ['Reference', 'Finding'],
          r.ombudsman.determinations.map((d) => [d.reference, d.finding]),
        ),
    heading('7. Service improvements', '-'),
    textTable(
      ['Category', 'Complaints', 'Improvements'],
      r.improvements.themes.map((t) => [
        t.category,
        String(t.complaints),
        t.improvements.join('; ') || '-',
      ]),
      [1],
    ),
    ...(r.improvements.wider.length === 0
      ? []
      : [
          `Wider learning:\n${r.improvements.wider.map((w) => `- ${w}`).join('\n')}`,
        ]),
    heading('8. Governing body response', '-'),
    r.boardResponse ?? 'Not yet given.',
  ];
  return `${sections.join('\n\n')}\n`;
}
