import { describe, expect, it } from 'vitest';
import {
  annualReport,
  approve,
  boardFigures,
  code2024,
  reportingYear,
  selfAssessment,
  textTable,
  tsm2024,
} from '../../../../domain/index.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

/*
 * Hand-checked against the 2026/27 table in board-figures.test.ts: CH01
 * 27 and 6 over 5,000 homes (5.4, 1.2 per 1,000); CH02 published within
 * base: 24/27 = 88.9 %, 3/6 = 50.0 %; evidence requests F06 provided 2 WD
 * late, F07 outstanding 5 WD overdue; compensation £275.50; declined 1
 * (legal proceedings).
 */
const figures = boardFigures(
  {
    complaints: referenceComplaints(),
    stock,
    period: reportingYear(tsm2024, 2026),
  },
  tsm2024,
);
const draft = selfAssessment({ policy: code2024, figures, evidence: {} });
const learning = [
  {
    category: 'damp-and-mould',
    improvement: 'Damp surveys within 10 working days',
  },
  { category: 'damp-and-mould', improvement: 'Mould wash on first visit' },
  { improvement: 'Complaint handling training for all staff' },
  { category: 'gardening', improvement: 'Grounds contract re-let' },
];
const report = annualReport({ figures, assessment: draft, learning });

describe('annual complaints performance and service improvement report', () => {
  it('carries the self-assessment and the TSMs with their published basis', () => {
    expect(report.title).toBe(
      'Annual complaints performance and service improvement report 2026/27',
    );
    expect(report.selfAssessment).toBe(draft);
    expect(report.tsm.lines).toEqual([
      {
        measure: 'CH01',
        stage: 1,
        value: '5.4 per 1,000 homes',
        basis: '27 complaints / 5000 homes',
      },
      {
        measure: 'CH01',
        stage: 2,
        value: '1.2 per 1,000 homes',
        basis: '6 complaints / 5000 homes',
      },
      {
        measure: 'CH02',
        stage: 1,
        value: '88.9 %',
        basis: '24 of 27 responses',
      },
      { measure: 'CH02', stage: 2, value: '50.0 %', basis: '3 of 6 responses' },
    ]);
    expect(report.tsm.basis).toMatch(
      /^CH02 publishes responses within the timescale, without extensions; homes owned at 2027-03-31: 5000 \(LCRA 4000, LCHO 1000\); timescales stage 1: acknowledge 5, respond 10 working days/,
    );
    expect(report.tsm.rules).toEqual({
      id: tsm2024.id,
      version: tsm2024.version,
    });
  });

  it('shows volumes neutrally, outcomes, refusals and timeliness', () => {
    expect(report.volumes.byStage).toEqual({ stage1: 27, stage2: 6 });
    expect(report.volumes.note).toContain('Code 3.3');
    expect(report.outcomes).toBe(figures.outcomes);
    expect(report.refusals.declined.map((r) => [r.code, r.count])).toEqual([
      ['legal-proceedings', 1],
    ]);
    expect(report.timeliness.map((t) => t.sentence)).toEqual([
      'Stage 1 acknowledged on time: 96.2 % (25 of 26); 1 breach: HTH-F02 (1 working day late).',
      'Stage 1 responses on time: 92.6 % (25 of 27); 2 breaches: HTH-F05 (1 working day late), HTH-F01 (1 working day late).',
      'Stage 2 acknowledged on time: 100.0 % (6 of 6); no breaches.',
      'Stage 2 responses on time: 66.7 % (4 of 6); 2 breaches: HTH-E12 (2 working days late), HTH-F07 (2 working days late).',
    ]);
  });

  it('reports Ombudsman evidence requests', () => {
    expect(report.ombudsman.evidenceSentence).toBe(
      'Ombudsman evidence requests: 2 received, 1 provided (0 on time; late: HTH-F06 2 WD); 1 outstanding at 2027-03-31 (overdue: HTH-F07 5 WD).',
    );
    expect(report.ombudsman.determinations).toEqual([]);
  });

  it('groups learning by the categories complained about, most first', () => {
    const themes = report.improvements.themes;
    expect(themes[0]).toEqual({
      category: 'repairs',
      complaints: 20,
      improvements: [],
    });
    expect(themes.find((t) => t.category === 'damp-and-mould')).toEqual({
      category: 'damp-and-mould',
      complaints: 7,
      improvements: [
        'Damp surveys within 10 working days',
        'Mould wash on first visit',
      ],
    });
    expect(themes.reduce((n, t) => n + t.complaints, 0)).toBe(33);
    expect(report.improvements.wider).toEqual([
      'Complaint handling training for all staff',
      'gardening: Grounds contract re-let',
    ]);
  });

  it('prints headings, aligned tables and the key lines', () => {
    const text = report.printable;
    expect(
      text.startsWith(
        'Annual complaints performance and service improvement report 2026/27\n=====',
      ),
    ).toBe(true);
    for (const line of [
      '1. Self-assessment against the Complaint Handling Code',
      'Policy code-2024 2024-04. Not yet approved by the governing body.',
      'CH01     1      5.4 per 1,000 homes  27 complaints / 5000 homes',
      'CH02     1                   88.9 %  24 of 27 responses',
      'Stage 1 acknowledged on time: 96.2 % (25 of 26); 1 breach: HTH-F02 (1 working day late).',
      'Remedies: compensation 3 (£275.50); stage 1 within timescale or extension 25 of 27 (92.6 %).',
      'Complaints not accepted: 1; escalations refused: 0.',
      'Determinations: none recorded.',
      '- Complaint handling training for all staff',
      '8. Governing body response',
      'Not yet given.',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/^6\.2 +partly +Stage 1 complaints are acknowledged/m);
    expect(text).toMatch(
      /^damp-and-mould +7 +Damp surveys within 10 working days; Mould wash on first visit$/m,
    );
  });

  it('prints the approval, determinations and the governing body response when given', () => {
    const complete = selfAssessment({
      policy: code2024,
      figures,
      evidence: Object.fromEntries(draft.rows.map((r) => [r.clause, 'Seen.'])),
    });
    const approved = approve(complete, {
      by: 'A. Chair',
      role: 'Member Responsible for Complaints',
      on: '2027-06-30',
    });
    if (!approved.ok) throw new Error(approved.rejection.message);
    const r = annualReport({
      figures,
      assessment: approved.assessment,
      learning: [],
      determinations: [
        {
          reference: 'HOS-202612345',
          finding: 'Maladministration: delay in damp repairs',
        },
      ],
      boardResponse: '  The Board accepts the findings.  ',
    });
    expect(r.boardResponse).toBe('The Board accepts the findings.');
    expect(r.printable).toContain(
      'Approved by A. Chair (Member Responsible for Complaints) on 2027-06-30.',
    );
    expect(r.printable).toMatch(
      /^HOS-202612345 +Maladministration: delay in damp repairs$/m,
    );
    expect(r.printable).toContain('The Board accepts the findings.');
    expect(r.printable).not.toContain('Wider learning:');
  });
});

describe('textTable', () => {
  it('pads columns to the widest cell, right-aligning the columns asked', () => {
    expect(
      textTable(
        ['Name', 'n'],
        [
          ['a', '1'],
          ['bbbbb', '22'],
        ],
        [1],
      ),
    ).toBe(['Name    n', '-----  --', 'a       1', 'bbbbb  22'].join('\n'));
  });
});

describe('other years and bases', () => {
  it('lists refused escalations by ground (2025/26: one, previously considered)', () => {
    const f = boardFigures(
      {
        complaints: referenceComplaints(),
        stock,
        period: reportingYear(tsm2024, 2025),
      },
      tsm2024,
    );
    const r = annualReport({
      figures: f,
      assessment: selfAssessment({
        policy: code2024,
        figures: f,
        evidence: {},
      }),
      learning: [],
    });
    expect(r.refusals.escalationsRefused.map((x) => [x.code, x.count])).toEqual(
      [['previously-considered', 1]],
    );
    expect(r.printable).toMatch(/^escalation +.+ +1$/m);
    expect(r.printable).toContain(
      'Complaints not accepted: 3; escalations refused: 1.',
    );
  });

  it('states an extension basis, and a year with no timescales in force', () => {
    const rules = { ...tsm2024, ch02Publishes: 'within-extension' as const };
    const f = boardFigures(
      { complaints: [], stock, period: reportingYear(rules, 2026) },
      rules,
    );
    const r = annualReport({
      figures: f,
      assessment: selfAssessment({
        policy: code2024,
        figures: f,
        evidence: {},
      }),
      learning: [],
    });
    expect(r.tsm.basis).toBe(
      'CH02 publishes responses within the timescale or a Code-permitted extension; homes owned at 2027-03-31: 5000 (LCRA 4000, LCHO 1000); timescales none in force.',
    );
    expect(r.tsm.lines[2]?.value).toBe('n/a');
    expect(r.ombudsman.evidenceSentence).toBe(
      'Ombudsman evidence requests: 0 received, 0 provided (0 on time); 0 outstanding at 2027-03-31.',
    );
  });
});
