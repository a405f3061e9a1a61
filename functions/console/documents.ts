/**
 * The self-assessment and the annual report as printable documents: one
 * list of blocks (headings, paragraphs, lists, tables) made once from the
 * domain's values, from which both the print view (HTML) and the PDF are
 * drawn, so the two always say the same thing in the same order.
 */
import type {
  AnnualReport,
  SelfAssessment,
  SelfAssessmentAnswer,
  SelfAssessmentRow,
} from '@hearth/domain';
import { formatDate, formatInstant } from '../shared/pages/render.js';
import type { Block, PrintableDocument } from '../shared/pdf/document.js';

export type { Block, PrintableDocument };

/** The Code's section titles (Complaint Handling Code 2024). */
export const CODE_SECTIONS: Readonly<Record<number, string>> = {
  1: 'Definitions',
  2: 'Exclusions',
  3: 'Accessibility and awareness',
  4: 'Complaint handling staff',
  5: 'The complaint handling process',
  6: 'Complaint stages',
  7: 'Putting things right',
  8: 'Self-assessment, reporting and compliance',
  9: 'Scrutiny and oversight: continuous learning and improvement',
};

export const ANSWER_TEXT: Readonly<Record<SelfAssessmentAnswer, string>> = {
  comply: 'Complies',
  partly: 'Partly complies',
  'does not comply': 'Does not comply',
  'needs evidence': 'Needs evidence',
};

/** The rows of each Code section, in the form's order. */
export function bySection(
  rows: readonly SelfAssessmentRow[],
): { section: number; title: string; rows: SelfAssessmentRow[] }[] {
  const sections = new Map<number, SelfAssessmentRow[]>();
  for (const row of rows) {
    const list = sections.get(row.section) ?? [];
    list.push(row);
    sections.set(row.section, list);
  }
  return [...sections.entries()]
    .sort(([a], [b]) => a - b)
    .map(([section, list]) => ({
      section,
      title: CODE_SECTIONS[section] ?? `Section ${section}`,
      rows: list,
    }));
}

/** Who approved it and when, as a sentence; or that it is not approved. */
export interface ApprovalLine {
  readonly by: string;
  readonly role: string;
  readonly at: string;
}

export function approvalSentence(approval: ApprovalLine | undefined): string {
  return approval === undefined
    ? 'Not yet approved for the governing body.'
    : `Approved for the governing body by ${approval.by} (${approval.role}) on ${formatInstant(approval.at)}.`;
}

/** What the figures cover: the whole year, or the year so far. */
export function periodSentence(
  period: SelfAssessment['period'],
  complete: boolean,
): string {
  return complete
    ? `Reporting year ${period.label}: ${formatDate(period.from)} to ${formatDate(period.to)}.`
    : `Reporting year ${period.label}, so far: figures from ${formatDate(period.from)} to ${formatDate(period.to)}.`;
}

const draftText = (draft: number | undefined) =>
  draft === undefined ? 'no draft saved yet' : `draft ${draft}`;

export function summarySentence(summary: SelfAssessment['summary']): string {
  return `${summary.comply} complies, ${summary.partly} partly complies, ${summary['does not comply']} does not comply, ${summary['needs evidence']} needs evidence.`;
}

/** The self-assessment as the governing body reads it (Code 8, item 57). */
export function selfAssessmentDocument(
  sa: SelfAssessment,
  meta: {
    /** The landlord as it signs its letters (a preset's name is generic). */
    readonly landlord: string;
    /** Undefined before the first save. */
    readonly draft: number | undefined;
    readonly complete: boolean;
    readonly approval?: ApprovalLine;
  },
): PrintableDocument {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `${meta.landlord}. ${periodSentence(sa.period, meta.complete)}`,
    },
    {
      kind: 'paragraph',
      text: `Assessed against policy ${sa.policy.id} ${sa.policy.version}, ${draftText(meta.draft)}. ${approvalSentence(meta.approval)}`,
    },
    { kind: 'paragraph', text: summarySentence(sa.summary) },
  ];
  for (const { section, title, rows } of bySection(sa.rows)) {
    blocks.push({ kind: 'heading', text: `Section ${section}: ${title}` });
    for (const row of rows) {
      blocks.push(
        {
          kind: 'subheading',
          text: `Clause ${row.clause}: ${ANSWER_TEXT[row.answer]}`,
        },
        { kind: 'paragraph', text: row.requirement },
      );
      if (row.generated.length > 0) {
        blocks.push({ kind: 'list', items: row.generated });
      }
      blocks.push({
        kind: 'paragraph',
        text: `Evidence: ${row.evidence ?? 'none given.'}`,
      });
    }
  }
  return {
    title: `Complaint Handling Code self-assessment ${sa.period.label}`,
    author: meta.landlord,
    short: `Self-assessment ${sa.period.label}`,
    blocks,
  };
}

const DECISION_TEXT = {
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
} as const;

/**
 * The annual complaints performance and service improvement report (Code
 * 8.1–8.2, item 58), section by section as the domain lays it out.
 */
export function annualReportDocument(
  report: AnnualReport,
  meta: {
    /** The landlord as it signs its letters (a preset's name is generic). */
    readonly landlord: string;
    readonly complete: boolean;
    readonly draft: number | undefined;
    readonly approval?: ApprovalLine;
  },
): PrintableDocument {
  const sa = report.selfAssessment;
  const decisions = Object.keys(
    DECISION_TEXT,
  ) as (keyof typeof DECISION_TEXT)[];
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `${meta.landlord}. ${periodSentence(report.period, meta.complete)}`,
    },
    {
      kind: 'heading',
      text: '1. Self-assessment against the Complaint Handling Code',
    },
    {
      kind: 'paragraph',
      text: `Policy ${sa.policy.id} ${sa.policy.version}, ${draftText(meta.draft)}. ${approvalSentence(meta.approval)} ${summarySentence(sa.summary)}`,
    },
    {
      kind: 'table',
      caption: 'Self-assessment by clause',
      header: ['Clause', 'Answer', 'Requirement'],
      widths: [0.1, 0.22, 0.68],
      rows: sa.rows.map((r) => [
        r.clause,
        ANSWER_TEXT[r.answer],
        r.requirement,
      ]),
    },
    { kind: 'heading', text: '2. Tenant Satisfaction Measures' },
    {
      kind: 'table',
      caption: 'CH01 and CH02',
      header: ['Measure', 'Stage', 'Value', 'Basis'],
      widths: [0.15, 0.1, 0.3, 0.45],
      rows: report.tsm.lines.map((l) => [
        l.measure,
        String(l.stage),
        l.value,
        l.basis,
      ]),
    },
    { kind: 'paragraph', text: report.tsm.basis },
    {
      kind: 'paragraph',
      text: `Counting rules: ${report.tsm.rules.id} ${report.tsm.rules.version}.`,
    },
    { kind: 'heading', text: '3. Complaints received' },
    { kind: 'paragraph', text: report.volumes.note },
    {
      kind: 'paragraph',
      text: `Stage 1: ${report.volumes.byStage.stage1}; stage 2: ${report.volumes.byStage.stage2}.`,
    },
    {
      kind: 'table',
      caption: 'By channel',
      header: ['Channel', 'Stage 1', 'Stage 2'],
      widths: [0.5, 0.25, 0.25],
      rows: report.volumes.byChannel.map((c) => [
        c.channel,
        String(c.stage1),
        String(c.stage2),
      ]),
    },
    {
      kind: 'table',
      caption: 'By category',
      header: ['Category', 'Stage 1', 'Stage 2'],
      widths: [0.5, 0.25, 0.25],
      rows: report.volumes.byCategory.map((c) => [
        c.category,
        String(c.stage1),
        String(c.stage2),
      ]),
    },
    { kind: 'heading', text: '4. Outcomes and refusals' },
    {
      kind: 'table',
      caption: 'Complaint outcomes by stage',
      header: ['Stage', ...decisions.map((d) => DECISION_TEXT[d])],
      widths: [0.25, 0.25, 0.25, 0.25],
      rows: report.outcomes.map((o) => [
        `Stage ${o.stage}`,
        ...decisions.map((d) => String(o.byComplaint[d])),
      ]),
    },
    {
      kind: 'table',
      caption: 'Complaints and escalations refused, by reason',
      header: ['Refused', 'Reason', 'Count'],
      widths: [0.25, 0.6, 0.15],
      rows: [
        ...report.refusals.declined.map((r) => [
          'Complaint',
          r.label,
          String(r.count),
        ]),
        ...report.refusals.escalationsRefused.map((r) => [
          'Escalation',
          r.label,
          String(r.count),
        ]),
      ],
    },
    { kind: 'heading', text: '5. Timeliness' },
    { kind: 'list', items: report.timeliness.map((t) => t.sentence) },
    { kind: 'heading', text: '6. The Housing Ombudsman' },
    { kind: 'paragraph', text: report.ombudsman.evidenceSentence },
    {
      kind: 'table',
      caption: 'Determinations and findings',
      header: ['Reference', 'Finding'],
      widths: [0.25, 0.75],
      rows: report.ombudsman.determinations.map((d) => [
        d.reference,
        d.finding,
      ]),
    },
    { kind: 'heading', text: '7. Service improvements' },
    {
      kind: 'table',
      caption: 'Learning by complaint category',
      header: ['Category', 'Complaints', 'Improvements'],
      widths: [0.25, 0.15, 0.6],
      rows: report.improvements.themes.map((t) => [
        t.category,
        String(t.complaints),
        t.improvements.join('; ') || 'None recorded',
      ]),
    },
    ...(report.improvements.wider.length === 0
      ? []
      : [
          { kind: 'subheading', text: 'Wider learning' } as const,
          { kind: 'list', items: report.improvements.wider } as const,
        ]),
    { kind: 'heading', text: '8. The governing body’s response' },
    {
      kind: 'paragraph',
      text: report.boardResponse ?? 'Not yet given.',
    },
  ];
  return {
    title: report.title,
    author: meta.landlord,
    short: `Annual report ${report.period.label}`,
    blocks,
  };
}
