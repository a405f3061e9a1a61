import { describe, expect, it } from 'vitest';
import {
  type Approval,
  approvalProblems,
  approve,
  type BoardFigures,
  boardFigures,
  code2024,
  lhp2022,
  lintPolicy,
  livv2018,
  presets,
  reportingYear,
  type SelfAssessment,
  selfAssessment,
  tsm2024,
} from '../../../../domain/index.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

/*
 * Sentences hand-checked against the 2026/27 table in
 * board-figures.test.ts: stage1.acknowledge 25 met + F02 (1 WD) → 25/26 =
 * 96.15 %; stage1.respond 25 met + F05, F01 (1 WD each) → 25/27 = 92.59 %;
 * stage2.acknowledge 6/6; stage2.respond 4 met + E12, F07 (2 WD each) →
 * 4/6 = 66.67 %; CH01 27 and 6 over 5,000 homes → 5.4 and 1.2; CH02 base
 * 24/27 (88.9 %), extension 25/27 (92.6 %); stage 2 base 3/6, extension
 * 4/6; overdue action G1 (due 10 Mar, 13 WD), remedy G3 (due 15 Mar,
 * 10 WD); compensation S03 £75.50 + G1 £150 + G3 £50 = £275.50;
 * escalation 6 / 27 = 22.2 %; declined 1 (legal-proceedings).
 */
const complaints = referenceComplaints();
const figures: BoardFigures = boardFigures(
  { complaints, stock, period: reportingYear(tsm2024, 2026) },
  tsm2024,
);
const board: Approval = {
  by: 'A. Chair',
  role: 'Member Responsible for Complaints',
  on: '2027-06-30',
};

const row = (sa: SelfAssessment, clause: string) => {
  const found = sa.rows.find((r) => r.clause === clause);
  if (found === undefined) throw new Error(`no row ${clause}`);
  return found;
};

describe('self-assessment of the Code policy against the 2026/27 figures', () => {
  const sa = selfAssessment({ policy: code2024, figures, evidence: {} });

  it('has a row for every testable clause of sections 1 to 9', () => {
    const clauses = sa.rows.map((r) => r.clause);
    for (const c of [
      '1.2',
      '1.3',
      '3.1',
      '3.2',
      '3.3',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '5.6',
      ...Array.from({ length: 16 }, (_, i) => `6.${i + 1}`),
      '7.1',
      '7.2',
      '7.3',
      '8.1',
      '8.2',
      '8.3',
      '9.5',
      '9.7',
    ]) {
      expect(clauses).toContain(c);
    }
    expect(new Set(clauses).size).toBe(clauses.length);
    expect(row(sa, '6.14').section).toBe(6);
    expect(sa.period.label).toBe('2026/27');
    expect(sa.policy).toEqual({
      id: 'code-2024',
      version: code2024.version,
      landlord: code2024.landlord,
    });
  });

  it('states each clock with its breaches', () => {
    expect(row(sa, '6.2').generated).toEqual([
      `Policy code-2024 ${code2024.version}: the policy check finds no departure from the Code.`,
      'Stage 1 acknowledged within 5 working days: 96.2 % (25 of 26); 1 breach: HTH-F02 (1 working day late).',
    ]);
    expect(row(sa, '6.3').generated[1]).toBe(
      'Stage 1 responses sent within 10 working days: 92.6 % (25 of 27); 2 breaches: HTH-F05 (1 working day late), HTH-F01 (1 working day late).',
    );
    expect(row(sa, '6.11').generated[1]).toBe(
      'Stage 2 acknowledged within 5 working days: 100.0 % (6 of 6); no breaches.',
    );
    expect(row(sa, '6.14').generated[1]).toBe(
      'Stage 2 responses sent within 20 working days: 66.7 % (4 of 6); 2 breaches: HTH-E12 (2 working days late), HTH-F07 (2 working days late).',
    );
    expect(row(sa, '6.4').generated[1]).toBe(
      'Stage 1 responses within the timescale: 24 of 27 (88.9 %); within it or a Code-permitted extension: 25 of 27 (92.6 %).',
    );
    expect(row(sa, '6.15').generated[1]).toBe(
      'Stage 2 responses within the timescale: 3 of 6 (50.0 %); within it or a Code-permitted extension: 4 of 6 (66.7 %).',
    );
  });

  it('a compliant policy with breaches in practice is "partly", not "comply"', () => {
    expect(row(sa, '6.2').answer).toBe('partly');
    expect(row(sa, '6.3').answer).toBe('partly');
    expect(row(sa, '6.11').answer).toBe('comply');
    expect(row(sa, '6.14').answer).toBe('partly');
    expect(row(sa, '6.4').answer).toBe('comply');
  });

  it('follow-through, remedies, volumes and refusals', () => {
    expect(row(sa, '6.6').generated).toEqual([
      'Actions overdue at 2027-03-31: 1 (HTH-G1, due 2027-03-10, 13 working days late).',
    ]);
    expect(row(sa, '6.6').answer).toBe('partly');
    expect(row(sa, '7.3').generated).toEqual([
      'Remedies overdue at 2027-03-31: 1 (HTH-G3, due 2027-03-15, 10 working days late).',
    ]);
    expect(row(sa, '7.1').generated[0]).toMatch(
      /; compensation 3 \(£275\.50\)\.$/,
    );
    expect(row(sa, '3.3').generated).toEqual([
      'Received in 2026/27: 27 stage 1 and 6 stage 2 complaints (5.4 and 1.2 per 1,000 homes), reported without a rating.',
    ]);
    expect(row(sa, '3.3').answer).toBe('comply');
    expect(row(sa, '2.1').generated).toEqual([
      'Complaints not accepted in 2026/27: 1 (legal-proceedings 1).',
    ]);
    expect(row(sa, '5.11').generated[1]).toBe(
      'Escalations refused in 2026/27: 0.',
    );
    expect(row(sa, '6.10').generated[1]).toBe(
      'Stage 2 requests in 2026/27: 6 against 27 stage 1 responses (22.2 %).',
    );
    expect(row(sa, '3.1').generated[0]).toMatch(
      /^Complaints received in 2026\/27 through \d+ channels: /,
    );
    expect(row(sa, '9.1').generated[0]).toMatch(
      /^Most frequent complaint categories in 2026\/27: repairs 20, /,
    );
  });

  it('a clause no data or check covers needs evidence until staff supply it', () => {
    expect(row(sa, '1.3').answer).toBe('needs evidence');
    expect(row(sa, '1.3').generated).toEqual([]);
    expect(row(sa, '1.3').evidence).toBeNull();
    const withText = selfAssessment({
      policy: code2024,
      figures,
      evidence: {
        '1.3': '  Contact centre script offers a complaint.  ',
        '3.2': '   ',
      },
    });
    expect(row(withText, '1.3')).toMatchObject({
      answer: 'comply',
      evidence: 'Contact centre script offers a complaint.',
    });
    expect(row(withText, '3.2').answer).toBe('needs evidence');
    expect(
      sa.summary.comply +
        sa.summary.partly +
        sa.summary['does not comply'] +
        sa.summary['needs evidence'],
    ).toBe(sa.rows.length);
    expect(sa.summary['does not comply']).toBe(0);
  });
});

describe('a policy departure sets the answer on its clause', () => {
  it('lhp-2022: the 6-month limit does not comply with 2.3; no MRC is partly 9.5', () => {
    const sa = selfAssessment({ policy: lhp2022, figures, evidence: {} });
    const limit = row(sa, '2.3');
    expect(limit.answer).toBe('does not comply');
    expect(limit.departures.map((d) => d.rule)).toEqual(['time-limit']);
    expect(limit.generated[0]).toMatch(
      /^Policy lhp-2022 .* \(breach\): The policy accepts complaints within 6 months of /,
    );
    expect(row(sa, '1.2').answer).toBe('does not comply');
    expect(row(sa, '9.5').answer).toBe('partly');
    expect(row(sa, '9.5').generated[0]).toContain('(gap)');
    // Advisory exclusions need the Board's justification (2.2).
    expect(row(sa, '2.2').answer).toBe('needs evidence');
    const justified = selfAssessment({
      policy: lhp2022,
      figures,
      evidence: { '2.2': 'Exclusions consulted on with residents, 2026.' },
    });
    expect(row(justified, '2.2').answer).toBe('comply');
    // Clauses the policy meets keep their answers.
    expect(row(sa, '5.2').answer).toBe('comply');
  });

  it('livv-2018: a 15-day stage 1 response does not comply with 6.3, whatever the figures say', () => {
    const sa = selfAssessment({ policy: livv2018, figures, evidence: {} });
    const r = row(sa, '6.3');
    expect(r.answer).toBe('does not comply');
    expect(r.departures[0]?.rule).toBe('stage1-response');
    expect(r.generated).toHaveLength(2);
    expect(r.generated[1]).toMatch(
      /^Stage 1 responses sent within 10 working days: 92\.6 %/,
    );
    expect(row(sa, '5.2').answer).toBe('does not comply');
    expect(row(sa, '6.4').answer).toBe('partly');
  });

  it('every departure of every preset lands on a row', () => {
    for (const policy of presets) {
      const sa = selfAssessment({ policy, figures, evidence: {} });
      const onRows = sa.rows.flatMap((r) => r.departures);
      expect(onRows).toHaveLength(lintPolicy(policy).length);
    }
  });
});

describe('approval', () => {
  const draft = selfAssessment({ policy: code2024, figures, evidence: {} });
  const everything = Object.fromEntries(
    draft.rows.map((r) => [r.clause, `Evidence for ${r.clause}.`]),
  );

  it('is refused while any row needs evidence, naming the clauses', () => {
    const result = approve(draft, board);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('SELF_ASSESSMENT.EVIDENCE_MISSING');
    expect(result.rejection.message).toContain('1.3, 1.4');
    expect(draft.approval).toBeNull();
  });

  it('returns a new approved value once evidence is supplied', () => {
    const complete = selfAssessment({
      policy: code2024,
      figures,
      evidence: everything,
    });
    expect(complete.summary['needs evidence']).toBe(0);
    const result = approve(complete, board);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.assessment.approval).toEqual(board);
    expect(result.assessment.rows).toBe(complete.rows);
    expect(complete.approval).toBeNull();
  });

  it('is taken at generation when given and allowed, ignored when refused', () => {
    expect(
      selfAssessment({
        policy: code2024,
        figures,
        evidence: everything,
        approval: board,
      }).approval,
    ).toEqual(board);
    expect(
      selfAssessment({
        policy: code2024,
        figures,
        evidence: {},
        approval: board,
      }).approval,
    ).toBeNull();
  });

  it('is refused while a row that does not comply has no explanation', () => {
    const lhp = selfAssessment({
      policy: lhp2022,
      figures,
      evidence: { ...everything, '2.3': '', '1.2': '' },
    });
    const result = approve(lhp, board);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('SELF_ASSESSMENT.EXPLANATION_MISSING');
    expect(result.rejection.message).toContain('1.2, 2.3');
  });

  it('names every row that stops it, both kinds at once, in the form’s order', () => {
    const lhp = selfAssessment({
      policy: lhp2022,
      figures,
      evidence: { ...everything, '2.3': '', '1.2': '', '3.2': ' ' },
    });
    const result = approve(lhp, board);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('SELF_ASSESSMENT.EVIDENCE_MISSING');
    expect(result.problems).toEqual(approvalProblems(lhp));
    expect(result.problems).toEqual([
      {
        clause: '1.2',
        code: 'SELF_ASSESSMENT.EXPLANATION_MISSING',
        message: 'Clause 1.2 does not comply: explain why, and by when it will',
      },
      {
        clause: '2.3',
        code: 'SELF_ASSESSMENT.EXPLANATION_MISSING',
        message: 'Clause 2.3 does not comply: explain why, and by when it will',
      },
      {
        clause: '3.2',
        code: 'SELF_ASSESSMENT.EVIDENCE_MISSING',
        message: 'Clause 3.2 needs evidence: say how the requirement is met',
      },
    ]);
    expect(
      approvalProblems(
        selfAssessment({ policy: code2024, figures, evidence: everything }),
      ),
    ).toEqual([]);
  });

  it('is refused without who approved it', () => {
    const complete = selfAssessment({
      policy: code2024,
      figures,
      evidence: everything,
    });
    const result = approve(complete, { ...board, role: ' ' });
    expect(result).toMatchObject({
      ok: false,
      rejection: {
        code: 'SELF_ASSESSMENT.APPROVAL_INCOMPLETE',
        field: 'approval.role',
      },
    });
  });
});

describe('a year with no complaints', () => {
  const empty = boardFigures(
    { complaints: [], stock, period: reportingYear(tsm2024, 2026) },
    tsm2024,
  );
  const sa = selfAssessment({ policy: code2024, figures: empty, evidence: {} });

  it('says so rather than inventing a rate', () => {
    expect(row(sa, '6.2').generated[1]).toBe(
      'Stage 1 acknowledged within 5 working days: none fell due.',
    );
    expect(row(sa, '6.2').answer).toBe('comply');
    expect(row(sa, '6.6').generated).toEqual([
      'Actions overdue at 2027-03-31: none.',
    ]);
    expect(row(sa, '6.10').generated[1]).toBe(
      'Stage 2 requests in 2026/27: 0 against 0 stage 1 responses (n/a).',
    );
    expect(row(sa, '7.1').generated[0]).toBe(
      'Remedies given in 2026/27: none; compensation 0 (£0.00).',
    );
    expect(row(sa, '9.1').generated[0]).toBe(
      'Most frequent complaint categories in 2026/27: none.',
    );
    expect(row(sa, '3.1').generated[0]).toBe(
      'Complaints received in 2026/27: none.',
    );
  });
});
