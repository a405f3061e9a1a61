import { describe, expect, it } from 'vitest';
import {
  type BoardFigures,
  boardFigures,
  covered,
  figureSourcing,
  followThroughStatus,
  previousPeriod,
  type ReportingRules,
  reportingYear,
  tsm2024,
  tsmFigureRules,
} from '../../../../domain/index.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

/*
 * Hand-worked themes and learning for the reference data set, from the
 * specs (test/fixtures/reporting/reference-complaints.ts), not by running
 * the code. "Received" is the CH01 population (accepted), so each year's
 * rows add up to the CH01 table in board-figures.test.ts. Upheld = the
 * complaint decision upheld or partly upheld (R04 [U, N] and S08 [U, P]
 * are partly upheld), of the stage's responses sent in the year.
 *
 * ── 2025/26 ── previous period 2024/25: not compared (the first
 * complaint held, P1, was received 24 Mar 2025, after 1 Apr 2024).
 *   repairs 16 / 3: R01 R02 R04 R07 R09 R11 R13, E01 E02 E04 E05 E07 E09
 *     E11 E12, X1 (D1–D3 declined); stage 2 R11 E09 E12 (X1 refused).
 *     Stage 1 responses 16: P1 R01 R02 R04 R07 R09 R11 R13 E01 E02 E04 E05
 *     E07 E09 E12 X1; upheld R01 R04 R07 R13 E01 E02 E05 E07 = 8.
 *     Stage 2: R11 N, E09 U → 1 of 2.
 *   damp-and-mould 6 / 1: R05 R08 R12 E03 E08 A1; E08. Stage 1 responses
 *     R05 R08 R12 E08 A1 (E03 answered in April) → upheld 4 of 5;
 *     stage 2 E08 P → 1 of 1.
 *   communication 4 / 0: R10 R14 E06 W1 (withdrawn, still received).
 *     Responses R10 U, R14 N, E06 U → 2 of 3.
 *   staff-conduct 2 / 2: R06 E10; both escalated. Stage 1 R06 N, E10 N →
 *     0 of 2; stage 2 R06 N, E10 N → 0 of 2.
 *   anti-social-behaviour 1 / 0: R03 P → 1 of 1.
 * ── 2026/27 ── previous period 2025/26, compared (the rows above).
 *   repairs 17 / 3: S01 S02 S05 S07 S10 S11 S12, F01 F02 F04 F05 F06 F08
 *     F09, G1 G2 G3 (F11 declined); stage 2 S02 S11 F06. Change +1 / 0.
 *     Stage 1 responses 16: E11 S01 S02 S05 S07 S10 S11 S12 F01 F02 F04
 *     F05 F06 G1 G2 G3; upheld S01 S05 S07 S10 S12 F01 F05 G1 G2 G3 = 10.
 *     Stage 2: E12 P, S02 N, S11 P, F06 N → 2 of 4.
 *   damp-and-mould 5 / 2: S03 S09 S13 F03 F10; S09 F10. Change −1 / +1.
 *     Stage 1: E03 U, S03 U, S09 N, S13 U, F03 P, F10 N → 4 of 6;
 *     stage 2: S09 N → 0 of 1 (F10 still open).
 *   staff-conduct 2 / 1: S06 F07; F07. Change 0 / −1. Stage 1 S06 N,
 *     F07 N → 0 of 2; stage 2 F07 P → 1 of 1.
 *   communication 2 / 0: S08 S14. Change −2 / 0. S08 P, S14 N → 1 of 2.
 *   anti-social-behaviour 1 / 0: S04. Change 0 / 0. S04 N → 0 of 1.
 *   Order: repairs, damp-and-mould, then staff-conduct before
 *   communication (2 / 1 against 2 / 0), then anti-social-behaviour.
 *
 * Learning (actions agreed in responses in the year, status at the year
 * end; learning recorded at closures in the year):
 * ── 2025/26 ── A1's action (agreed 10 Feb 2026, due 20 Mar, done 15 Apr)
 *   overdue, damp-and-mould. Notes: E06 (closed 30 Jun 2025,
 *   communication), R06 (closed 25 Jul 2025 before its escalation, which
 *   drops the closure from the state: read from the history,
 *   staff-conduct), R05 (closed 1 Aug 2025, damp-and-mould). R14's
 *   closure (2 Apr 2026) is the next year's. → damp-and-mould (2
 *   entries), then communication and staff-conduct (1 each, by name);
 *   1 overdue, 3 notes.
 * ── 2026/27 ── repairs: G2 (agreed 9 Feb 2027, due 31 Mar: open at
 *   31 Mar), G1 (10 Feb, due 10 Mar, not done: overdue), G3 (16 Feb, due
 *   1 Mar, done 5 Mar: completed). Notes: R14 (2 Apr 2026,
 *   communication), S03 (16 Jun 2026, damp-and-mould); S05 closed with
 *   no learning. → repairs (3), communication, damp-and-mould; 1
 *   completed, 1 overdue, 1 open, 2 notes.
 */
type Row = [
  category: string,
  received: [number, number],
  previous: [number, number] | null,
  upheld1: [number, number],
  upheld2: [number, number],
];

const themes: Record<'2025' | '2026', Row[]> = {
  '2025': [
    ['repairs', [16, 3], null, [8, 16], [1, 2]],
    ['damp-and-mould', [6, 1], null, [4, 5], [1, 1]],
    ['communication', [4, 0], null, [2, 3], [0, 0]],
    ['staff-conduct', [2, 2], null, [0, 2], [0, 2]],
    ['anti-social-behaviour', [1, 0], null, [1, 1], [0, 0]],
  ],
  '2026': [
    ['repairs', [17, 3], [16, 3], [10, 16], [2, 4]],
    ['damp-and-mould', [5, 2], [6, 1], [4, 6], [0, 1]],
    ['staff-conduct', [2, 1], [2, 2], [0, 2], [1, 1]],
    ['communication', [2, 0], [4, 0], [1, 2], [0, 0]],
    ['anti-social-behaviour', [1, 0], [1, 0], [0, 1], [0, 0]],
  ],
};

const complaints = referenceComplaints();
const figures = (year: 2025 | 2026): BoardFigures =>
  boardFigures(
    { complaints, stock, period: reportingYear(tsm2024, year) },
    tsm2024,
  );
const pair = ([stage1, stage2]: [number, number]) => ({ stage1, stage2 });

describe.each([2025, 2026] as const)('themes for %i', (year) => {
  const f = figures(year);
  const want = themes[String(year) as '2025' | '2026'];

  it('ranks categories by complaints received, with the change and uphold shares', () => {
    expect(f.themes.byCategory.map((t) => t.category)).toEqual(
      want.map(([category]) => category),
    );
    for (const [i, [, received, previous, up1, up2]] of want.entries()) {
      const t = f.themes.byCategory[i];
      expect(t?.received).toEqual(pair(received));
      expect(t?.previous).toEqual(previous === null ? null : pair(previous));
      expect(t?.change).toEqual(
        previous === null
          ? null
          : pair([received[0] - previous[0], received[1] - previous[1]]),
      );
      expect([t?.upheld[0].count, t?.upheld[0].of]).toEqual(up1);
      expect([t?.upheld[1].count, t?.upheld[1].of]).toEqual(up2);
      expect(t?.upheld[1].percent).toBe(
        up2[1] === 0 ? null : (up2[0] / up2[1]) * 100,
      );
    }
  });

  it('adds up to CH01 and to the outcomes', () => {
    const sum = (k: 'stage1' | 'stage2') =>
      f.themes.byCategory.reduce((n, t) => n + t.received[k], 0);
    expect(sum('stage1')).toBe(f.tsm.ch01[0].overall.numerator);
    expect(sum('stage2')).toBe(f.tsm.ch01[1].overall.numerator);
    const responses = f.themes.byCategory.reduce(
      (n, t) => n + t.upheld[0].of,
      0,
    );
    expect(responses).toBe(f.tsm.ch02[0].responded);
  });
});

describe('the previous period', () => {
  it('is the year before, a month before, or as many days before', () => {
    expect(figures(2025).themes).toMatchObject({
      previousPeriod: reportingYear(tsm2024, 2024),
      compared: false,
    });
    expect(figures(2026).themes).toMatchObject({
      previousPeriod: reportingYear(tsm2024, 2025),
      compared: true,
    });
    expect(
      previousPeriod(
        { label: '2026-03', from: '2026-03-01', to: '2026-03-31' },
        tsm2024,
      ),
    ).toEqual({ label: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(
      previousPeriod(
        { label: 'q', from: '2026-04-01', to: '2026-06-30' },
        tsm2024,
      ),
    ).toEqual({
      label: '2026-01-01_2026-03-31',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(
      previousPeriod(
        { label: 'x', from: '2026-04-01', to: '2026-11-30' },
        tsm2024,
      ).from,
    ).toBe('2025-08-01');
    expect(
      previousPeriod(
        { label: 'd', from: '2026-03-10', to: '2026-03-19' },
        tsm2024,
      ),
    ).toEqual({
      label: '2026-02-28_2026-03-09',
      from: '2026-02-28',
      to: '2026-03-09',
    });
    expect(
      previousPeriod(
        { label: 'm', from: '2026-03-01', to: '2026-03-30' },
        tsm2024,
      ).from,
    ).toBe('2026-01-30');
    expect(
      previousPeriod(
        { label: 'y', from: '2026-01-01', to: '2026-12-31' },
        tsm2024,
      ).label,
    ).toBe('2025-01-01_2025-12-31');
  });

  it('is compared only when the complaints held cover all of it', () => {
    const year = reportingYear(tsm2024, 2025);
    expect(covered(year, complaints, undefined)).toBe(true);
    expect(covered(year, complaints, '2025-04-01')).toBe(true);
    expect(covered(year, complaints, '2025-04-02')).toBe(false);
    expect(covered(year, [], undefined)).toBe(false);
    const f = boardFigures(
      {
        complaints,
        stock,
        period: reportingYear(tsm2024, 2026),
        recordsFrom: '2025-06-01',
      },
      tsm2024,
    );
    expect(f.themes.compared).toBe(false);
    expect(f.themes.byCategory[0]?.previous).toBeNull();
  });
});

describe('learning and service improvements', () => {
  it('2025/26: actions agreed with their status, and learning at closure, by category', () => {
    const l = figures(2025).learning;

    expect(l.byCategory.map((c) => c.category)).toEqual([
      'damp-and-mould',
      'communication',
      'staff-conduct',
    ]);
    expect(l.counts).toEqual({ completed: 0, overdue: 1, open: 0 });
    expect(l.notes).toBe(3);
    const damp = l.byCategory[0];
    expect(
      damp?.actions.map((a) => [
        a.reference,
        a.kind,
        a.recordedOn,
        a.dueOn,
        a.status,
        a.completedOn,
      ]),
    ).toEqual([
      ['HTH-A1', 'action', '2026-02-10', '2026-03-20', 'overdue', null],
    ]);
    expect(
      l.byCategory.flatMap((c) =>
        c.notes.map((n) => [c.category, n.reference, n.closedOn]),
      ),
    ).toEqual([
      ['damp-and-mould', 'HTH-R05', '2025-08-01'],
      ['communication', 'HTH-E06', '2025-06-30'],
      ['staff-conduct', 'HTH-R06', '2025-07-25'],
    ]);
    expect(damp?.notes[0]?.text).toBe(
      'Mould reports now get a survey within five working days.',
    );
  });

  it('2026/27: one completed, one overdue, one open; two notes', () => {
    const l = figures(2026).learning;

    expect(l.byCategory.map((c) => c.category)).toEqual([
      'repairs',
      'communication',
      'damp-and-mould',
    ]);
    expect(l.counts).toEqual({ completed: 1, overdue: 1, open: 1 });
    expect(l.byCategory[0]?.counts).toEqual(l.counts);
    expect(
      l.byCategory[0]?.actions.map((a) => [
        a.reference,
        a.recordedOn,
        a.status,
        a.completedOn,
      ]),
    ).toEqual([
      ['HTH-G2', '2027-02-09', 'open', null],
      ['HTH-G1', '2027-02-10', 'overdue', null],
      ['HTH-G3', '2027-02-16', 'completed', '2027-03-05'],
    ]);
    expect(l.notes).toBe(2);
    expect(l.byCategory[1]?.notes.map((n) => n.reference)).toEqual(['HTH-R14']);
  });

  it('agrees with the overdue table on what is overdue', () => {
    for (const year of [2025, 2026] as const) {
      const f = figures(year);
      const overdue = f.learning.byCategory
        .flatMap((c) => c.actions)
        .filter((a) => a.status === 'overdue')
        .map((a) => a.reference);
      expect(overdue).toEqual(f.overdue.actions.map((a) => a.reference));
    }
    expect(followThroughStatus({}, '2026-03-31')).toBe('open');
    expect(
      followThroughStatus(
        { dueOn: '2026-03-01', completedOn: '2026-04-01' },
        '2026-03-31',
      ),
    ).toBe('overdue');
  });
});

describe('how firmly each TSM figure is sourced', () => {
  it('is the weakest status among the rules the figure rests on', () => {
    const t = figures(2025).tsm.sourcing;

    // tsm2024: ch01Received, ch01NotAccepted, stock, ch02Responded and
    // ch02Basis are unverified, so CH01 and CH02 are unverified.
    expect([t.ch01.status, t.ch01Tenure.status, t.ch02.status]).toEqual([
      'unverified',
      'unverified',
      'unverified',
    ]);
    expect(t.ch01Tenure.rules.map((r) => r.key)).toContain('tenure');
    expect(t.ch02.rules).toContainEqual({
      key: 'ch02Basis',
      status: 'unverified',
    });

    const settled: ReportingRules['citations'] = Object.fromEntries(
      Object.entries(tsm2024.citations).map(([k, c]) => [
        k,
        { ...c, status: k === 'tenure' ? 'secondary' : 'verified' },
      ]),
    ) as ReportingRules['citations'];
    expect(figureSourcing(tsmFigureRules.ch01, settled).status).toBe(
      'verified',
    );
    expect(figureSourcing(tsmFigureRules.ch01Tenure, settled).status).toBe(
      'secondary',
    );
    expect(
      figureSourcing(tsmFigureRules.ch02, {
        ...settled,
        ch02: { ...settled.ch02, status: 'corroborated' },
      }).status,
    ).toBe('corroborated');
    expect(figureSourcing([], settled).status).toBe('verified');
  });
});
