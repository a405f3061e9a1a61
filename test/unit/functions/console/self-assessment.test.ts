import {
  annualReport,
  boardFigures,
  code2024,
  lhp2022,
  reportingYear,
  selfAssessment,
  tsm2024,
} from '@hearth/domain';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  type PDFPage,
  PDFRawStream,
  StandardFonts,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  annualReportRoute,
  readReportInputs,
} from '../../../../functions/console/annual-report.js';
import {
  annualReportDocument,
  bySection,
  selfAssessmentDocument,
} from '../../../../functions/console/documents.js';
import { reportRequest } from '../../../../functions/console/generate-report.js';
import { longFormOf } from '../../../../functions/console/long-form.js';
import {
  slugOf,
  yearOf,
  yearOfSlug,
  yearPeriod,
  yearsToList,
} from '../../../../functions/console/reporting-years.js';
import {
  evidenceField,
  isApprovalPath,
  selfAssessmentRoute,
} from '../../../../functions/console/self-assessment.js';
import { FormError } from '../../../../functions/shared/pages/http.js';
import { renderPdf } from '../../../../functions/shared/pdf/document.js';
import { winAnsiSanitiser } from '../../../../functions/shared/pdf/text.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

const figures = boardFigures(
  {
    complaints: referenceComplaints(),
    stock,
    period: reportingYear(tsm2024, 2026),
  },
  tsm2024,
);
const sa = selfAssessment({
  policy: code2024,
  figures,
  evidence: { '3.2': 'Every team is trained.\nRecords on the intranet.' },
});

/** The strings drawn on a page, in drawing order (pdf-lib writes hex `Tj`). */
function drawnText(page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((ref) => page.doc.context.lookup(ref))
      : [contents];
  return streams.flatMap((stream) => {
    if (!(stream instanceof PDFRawStream)) return [];
    const source = Buffer.from(decodePDFRawStream(stream).decode()).toString(
      'latin1',
    );
    return [...source.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'hex').toString('latin1'),
    );
  });
}

describe('reporting years in the console', () => {
  it('names a year in a path as 2026-27 and reads only a one-year span back', () => {
    expect(slugOf(2026)).toBe('2026-27');
    expect(slugOf(2099)).toBe('2099-00');
    expect(yearOfSlug('2026-27')).toBe(2026);
    expect(yearOfSlug('2099-00')).toBe(2099);
    for (const bad of ['2026-28', '2026-2027', '2026', '26-27', '2026-27x']) {
      expect(yearOfSlug(bad)).toBeUndefined();
    }
  });

  it('puts a day in the year that starts on 1 April', () => {
    expect(yearOf('2026-03-31')).toBe(2025);
    expect(yearOf('2026-04-01')).toBe(2026);
    expect(yearOf('2026-11-25')).toBe(2026);
  });

  it('reports a year still running to today, and a past one whole', () => {
    expect(yearPeriod(2026, '2026-11-25')).toEqual({
      year: 2026,
      slug: '2026-27',
      period: { label: '2026/27', from: '2026-04-01', to: '2026-11-25' },
      complete: false,
    });
    expect(yearPeriod(2025, '2026-11-25')).toEqual({
      year: 2025,
      slug: '2025-26',
      period: { label: '2025/26', from: '2025-04-01', to: '2026-03-31' },
      complete: true,
    });
  });

  it('lists this year, three before it and any stored, never one to come', () => {
    expect(yearsToList('2026-11-25', [2019, 2027, 2025])).toEqual([
      2026, 2025, 2024, 2023, 2019,
    ]);
  });
});

describe('the self-assessment and annual report paths', () => {
  it('reads the year and what is asked of it', () => {
    expect(selfAssessmentRoute('/console/self-assessment')).toEqual({});
    expect(selfAssessmentRoute('/console/self-assessment/2026-27')).toEqual({
      slug: '2026-27',
    });
    expect(
      selfAssessmentRoute('/console/self-assessment/2026-27/approve'),
    ).toEqual({ slug: '2026-27', part: 'approve' });
    expect(
      selfAssessmentRoute(
        '/console/self-assessment/2026-27/self-assessment.pdf',
      ),
    ).toEqual({ slug: '2026-27', part: 'pdf' });
    expect(
      selfAssessmentRoute('/console/self-assessment/2026-27/new-draft'),
    ).toEqual({ slug: '2026-27', part: 'new-draft' });
    expect(annualReportRoute('/console/annual-report/2025-26')).toEqual({
      slug: '2025-26',
    });
    expect(
      annualReportRoute('/console/annual-report/2025-26/annual-report.pdf'),
    ).toEqual({ slug: '2025-26', pdf: true });
  });

  it('matches nothing else, and lets the MRC post only an approval', () => {
    for (const path of [
      '/console/self-assessment/2026',
      '/console/self-assessment/2026-27/delete',
      '/console/self-assessment/../reports',
      '/console/self-assessmentx',
    ]) {
      expect(selfAssessmentRoute(path)).toBeUndefined();
    }
    expect(annualReportRoute('/console/annual-report/2026-27/x.pdf')).toBe(
      undefined,
    );
    expect(isApprovalPath('/console/self-assessment/2026-27/approve')).toBe(
      true,
    );
    expect(isApprovalPath('/console/self-assessment/2026-27')).toBe(false);
    expect(isApprovalPath('/console/complaints/x/approve')).toBe(false);
  });

  it('names each clause’s evidence field after the clause', () => {
    expect(evidenceField('6.2')).toBe('evidence-6-2');
    expect(evidenceField('5.11')).toBe('evidence-5-11');
  });
});

describe('a Board report for any period', () => {
  const date = (d: string, m: string, y: string) => ({
    day: d,
    month: m,
    year: y,
  });
  const today = '2026-11-25';

  it('takes a period up to a year, ending today at the latest', () => {
    expect(
      reportRequest(
        { from: date('1', '4', '2026'), to: date('30', '6', '2026') },
        today,
      ),
    ).toEqual({
      ok: true,
      period: {
        label: '2026-04-01_2026-06-30',
        from: '2026-04-01',
        to: '2026-06-30',
      },
    });
    expect(
      reportRequest(
        { from: date('1', '10', '2026'), to: date('31', '10', '2026') },
        today,
      ),
    ).toMatchObject({ ok: true, period: { label: '2026-10' } });
    expect(
      reportRequest(
        { from: date('26', '11', '2025'), to: date('25', '11', '2026') },
        today,
      ),
    ).toMatchObject({ ok: true });
  });

  it.each([
    [{}, ['from', 'to'], /^Enter the date the report starts from$/],
    [
      { from: date('31', '2', '2026'), to: date('1', '3', '2026') },
      ['from'],
      /starts from must be a real date/,
    ],
    [
      { from: date('1', 'x', '2026'), to: date('1', '3', '2026') },
      ['from'],
      /must be a real date/,
    ],
    [
      { from: date('1', '6', '2026'), to: date('31', '5', '2026') },
      ['to'],
      /same as or after the date it starts from/,
    ],
    [
      { from: date('1', '11', '2026'), to: date('26', '11', '2026') },
      ['to'],
      /today or in the past/,
    ],
    [
      { from: date('25', '11', '2025'), to: date('25', '11', '2026') },
      ['to'],
      /a year at most: .* Tuesday 24 November 2026 or before/,
    ],
  ])('refuses %j on its fields', (form, fields, message) => {
    const result = reportRequest(form, today);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    expect(result.errors[0]?.message).toMatch(message);
  });
});

describe('what staff add to the annual report', () => {
  it('reads determinations as reference: finding, and learning by line', () => {
    expect(
      readReportInputs({
        boardResponse: '  The Board accepts the report. ',
        determinations:
          '202412345: Maladministration: orders complied with\n\n 202400001 : Service failure ',
        learning: 'Repairs triage\n  \nNew phone menu',
      }),
    ).toEqual({
      ok: true,
      value: {
        boardResponse: 'The Board accepts the report.',
        determinations: [
          {
            reference: '202412345',
            finding: 'Maladministration: orders complied with',
          },
          { reference: '202400001', finding: 'Service failure' },
        ],
        learning: ['Repairs triage', 'New phone menu'],
      },
    });
    expect(readReportInputs({})).toEqual({
      ok: true,
      value: { determinations: [], learning: [] },
    });
  });

  it('names the field and the line of each problem, one per field', () => {
    const result = readReportInputs({
      boardResponse: 'x'.repeat(10_001),
      determinations: '202412345: fine\nno colon here\n: no reference',
      learning: 'y'.repeat(2001),
    });

    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'boardResponse',
          message:
            'The governing body’s response must be 10,000 characters or fewer',
        },
        {
          field: 'determinations',
          message:
            'Ombudsman determinations, line 2: give the Ombudsman’s reference, a colon, then the finding',
        },
        {
          field: 'learning',
          message:
            'Each line of wider learning must be 2,000 characters or fewer',
        },
      ],
    });
  });
});

describe('a long form', () => {
  const event = (body: string, type = 'application/x-www-form-urlencoded') => ({
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
    headers: { 'Content-Type': type },
  });

  it('reads flat fields, drops blanks, keeps the first of a repeat, and normalises line ends', () => {
    const form = longFormOf(
      event('evidence-6-2=a%0D%0Ab&evidence-6-3=+&draft=1&draft=2'),
    );

    expect([...form]).toEqual([
      ['evidence-6-2', 'a\nb'],
      ['draft', '1'],
    ]);
  });

  it('refuses another content type and a body over the limit', () => {
    expect(() => longFormOf(event('a=b', 'text/plain'))).toThrow(FormError);
    expect(() => longFormOf(event(`a=${'x'.repeat(100)}`), 50)).toThrow(
      'The form is too large',
    );
  });
});

describe('the printable documents', () => {
  it('lays the self-assessment out by Code section, each row with its answer and evidence', () => {
    const doc = selfAssessmentDocument(sa, {
      landlord: 'Hearth Homes',
      draft: 2,
      complete: true,
      approval: {
        by: 'mo',
        role: 'Member Responsible for Complaints',
        at: '2027-06-30T09:00:00Z',
      },
    });
    const headings = doc.blocks
      .filter((b) => b.kind === 'heading')
      .map((b) => (b.kind === 'heading' ? b.text : ''));

    expect(doc.title).toBe('Complaint Handling Code self-assessment 2026/27');
    expect(headings).toEqual(
      bySection(sa.rows).map((s) => `Section ${s.section}: ${s.title}`),
    );
    expect(headings[0]).toBe('Section 1: Definitions');
    expect(doc.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Assessed against policy code-2024 2024-04, draft 2. Approved for the governing body by mo (Member Responsible for Complaints) on 30 June 2027 at 10:00 am.',
    });
    expect(doc.blocks).toContainEqual({
      kind: 'subheading',
      text: 'Clause 6.2: Partly complies',
    });
    expect(doc.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Evidence: Every team is trained.\nRecords on the intranet.',
    });
  });

  it('lays the annual report out in its eight sections', () => {
    const report = annualReport({
      figures,
      assessment: sa,
      learning: [{ improvement: 'Complaint handling training' }],
      determinations: [{ reference: '202412345', finding: 'No fault' }],
    });
    const doc = annualReportDocument(report, {
      landlord: 'Hearth Homes',
      complete: true,
      draft: undefined,
    });

    expect(doc.blocks[2]).toMatchObject({
      kind: 'paragraph',
      text: expect.stringMatching(
        /^Policy code-2024 2024-04, no draft saved yet\. Not yet approved/,
      ),
    });

    expect(
      doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])),
    ).toEqual([
      '1. Self-assessment against the Complaint Handling Code',
      '2. Tenant Satisfaction Measures',
      '3. Complaints received',
      '4. Outcomes and refusals',
      '5. Timeliness',
      '6. The Housing Ombudsman',
      '7. Service improvements',
      '8. The governing body’s response',
    ]);
    expect(doc.blocks.at(-1)).toEqual({
      kind: 'paragraph',
      text: 'Not yet given.',
    });
    expect(doc.blocks).toContainEqual(
      expect.objectContaining({
        kind: 'table',
        caption: 'Determinations and findings',
        rows: [['202412345', 'No fault']],
      }),
    );
  });
});

describe('the PDF', () => {
  it('is an A4 PDF with every row, paged, each page footed', async () => {
    const doc = selfAssessmentDocument(sa, {
      landlord: 'Hearth Homes',
      draft: 1,
      complete: false,
    });
    const bytes = await renderPdf(doc, new Date('2026-11-25T09:00:00Z'));
    const pdf = await PDFDocument.load(bytes);
    const pages = pdf.getPages();
    const text = pages.flatMap(drawnText).join('\n');

    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages.length).toBeGreaterThan(3);
    expect(pdf.getTitle()).toBe(doc.title);
    for (const row of sa.rows) {
      expect(text).toContain(`Clause ${row.clause}:`);
    }
    expect(text).toContain('Records on the intranet.');
    expect(drawnText(pages[1] as PDFPage).at(-1)).toBe(
      `Hearth Homes \u00b7 Self-assessment 2026/27 \u00b7 Page 2 of ${pages.length}`,
    );
  });

  it('runs a table across pages, header and all, and draws text the fonts lack', async () => {
    const many = Array.from({ length: 120 }, (_, i) => [
      `HTH-${i}`,
      `Łódź finding ${i} 🏠 with a long enough text to wrap onto a second line of the column`,
    ]);
    const bytes = await renderPdf(
      {
        title: 'Tables',
        author: 'Landlord',
        short: 'Tables',
        blocks: [
          {
            kind: 'table',
            caption: 'Findings',
            header: ['Reference', 'Finding'],
            widths: [0.3, 0.7],
            rows: many,
          },
          {
            kind: 'table',
            caption: 'Nothing',
            header: ['A'],
            widths: [1],
            rows: [],
          },
        ],
      },
      new Date('2026-11-25T09:00:00Z'),
    );
    const pages = (await PDFDocument.load(bytes)).getPages();
    const text = pages.map(drawnText);

    expect(pages.length).toBeGreaterThan(2);
    for (const page of text.slice(1)) expect(page).toContain('Reference');
    expect(text.flat()).toContain('HTH-119');
    expect(text.flat().join(' ')).toContain('Lódz finding 0 with a');
    expect(text.flat()).toContain('Nothing: none.');
  });

  it('brings any text into the standard fonts’ characters', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const clean = winAnsiSanitiser(font.getCharacterSet());

    expect(clean('Łódź – “quoted” café\u200b\tend 🏠 ✓ 中')).toBe(
      'Lódz – “quoted” café    end  ? ?',
    );
  });
});

describe('the policy a draft assessed', () => {
  it('answers differently under another policy (why a change asks for a new draft)', () => {
    const other = selfAssessment({ policy: lhp2022, figures, evidence: {} });

    expect(other.summary).not.toEqual(sa.summary);
  });
});
