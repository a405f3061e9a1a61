import { describe, expect, it } from 'vitest';
import {
  type BoardFigures,
  boardFigures,
  type ClockName,
  reportingYear,
  tsm2024,
} from '../../../../domain/index.js';
import {
  referenceComplaints,
  specs,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

/*
 * Hand-worked figures for the reference data set (test/fixtures/reporting),
 * worked out from the specs' dates with the England & Wales bank holidays
 * (REGULATION §5), not by running the code. Due dates: "within N working
 * days of D" is the N-th working day after D (working-calendar.ts).
 *
 * Stock: 2025/26 LCRA 4,000 + LCHO 800 = 4,800; 2026/27 LCRA 4,000 + LCHO 1,000 = 5,000.
 *
 * ── 2025/26 ───────────────────────────────────────────────────────────
 * CH01(1) received 1 Apr 2025 – 31 Mar 2026, accepted: R01–R14 (14),
 *   E01–E12 (12), W1, X1, A1 = 29 (D1–D3 declined: not counted).
 *   LCRA: R×10 + E01 E03 E04 E05 E07 E08 E10 E11 E12 (9) + W1 X1 A1 = 22;
 *   LCHO: R04 R07 R12 + E02 E06 E09 = 6; other (R09 leaseholder) = 1.
 *   → 29/4800 ×1000 = 6.0417; LCRA 22/4000 = 5.5; LCHO 6/800 = 7.5.
 * CH01(2) requests: R06 R11 E08 E09 E10 E12 X1 = 7; X1 refused → 6.
 *   LCRA 5 (R06 R11 E08 E10 E12), LCHO 1 (E09). → 1.25 / 1.25 / 1.25.
 * CH02(1) responses dated in the year: P1 (8 Apr 2025, due 8 Apr), R01–R14,
 *   E01 E02 E04 E05 E06 E07 E08 E09 E10 E12, X1, A1 = 27 (E03, E11 answered in April 2026).
 *   Not within base: E02 (due 16 Jan, sent 19 Jan), E04 (due 12 May: 5 May
 *   holiday; sent 13 May), E05 (base 19 May, extended to 2 Jun, sent 30 May),
 *   E06 (extended to 24 Jun, sent 26 Jun), E07 (cap 5 Aug, good-reason
 *   extension to 12 Aug, sent 8 Aug) → within base 22/27.
 *   Within a Code-permitted extension: + E05 → 23/27.
 * CH02(2): R06 R11 E08 (due 19 Jan 2026, sent 19 Jan) E09 (base 21 Oct,
 *   extended to 11 Nov, cap 18 Nov, sent 10 Nov) E10 (due 26 Nov, sent 26 Nov) = 5.
 *   Within base 4 (not E09); within extension 5.
 * Clocks (settled in the year):
 *   stage1.acknowledge: 29 acks (R×14, E01–E12, W1, X1, A1; P1 acked in
 *     2024/25); breach E02 (due 31 Dec, acked 2 Jan: 1 Jan holiday → 1 WD).
 *   stage1.respond: 27; breaches E02 (1 WD), E04 (1 WD), E06 (due 24 Jun,
 *     sent 26 Jun → 2 WD). E05 and E07 answered by their extended dates: met.
 *   stage2.acknowledge: R06 R11 E08 E09 E10 E12 = 6; breach E10 (due 27 Oct,
 *     acked 29 Oct → 2 WD).
 *   stage2.respond: 5, none breached.
 * Escalation rate 7 requests / 27 stage 1 responses.
 * Open at 31 Mar 2026: stage 1 E03, E11; stage 2 E12.
 * Declined 3 (one each: legal-proceedings, previously-considered,
 *   outside-time-limit); escalations refused 1 (previously-considered).
 * Compensation: R05 £100 + A1 £250 = 2 remedies, 35,000p.
 * Overdue at 31 Mar 2026: A1's action (due 20 Mar, done 15 Apr) → 7 WD
 *   (23–27, 30, 31 Mar). A1's remedy was paid 18 Mar: not overdue.
 * Evidence: E08's request 2 Feb 2026, due 23 Feb (15 WD), sent 20 Feb: on time.
 *
 * ── 2026/27 ───────────────────────────────────────────────────────────
 * CH01(1): S01–S14 (14), F01–F10 (10), G1–G3 (3) = 27 (F11 declined).
 *   LCRA: S×10 + F01 F03 F04 F06 F07 F08 F10 (7) + G×3 = 20;
 *   LCHO: S04 S08 S11 + F02 F05 F09 = 6; other (S06) = 1.
 *   → 27/5000 = 5.4; LCRA 20/4000 = 5; LCHO 6/1000 = 6.
 * CH01(2): S02 S09 S11 F06 F07 F10 = 6; LCRA 5, LCHO 1 (S11).
 *   → 1.2; LCRA 1.25; LCHO 1.
 * CH02(1) responses: E03 (due 16 Apr: Easter 3 and 6 Apr; sent 16 Apr), E11
 *   (due 9 Apr, sent 9 Apr), S01–S14, F01–F07, F10, G1–G3 = 27.
 *   Not within base: F01 (ack due 4 Jan 2027 over 25/28 Dec and 1 Jan;
 *   response due 18 Jan, sent 19 Jan), F03 (base 18 May, extended to 29 May
 *   within the cap of 2 Jun, sent 29 May), F05 (due 3 Jun: 25 May holiday;
 *   sent 4 Jun) → 24/27; within extension + F03 → 25/27.
 * CH02(2): E12 (due 16 Apr 2026, sent 20 Apr), S02, S09, S11, F06 (base
 *   30 Jul, extended to 20 Aug, sent 20 Aug), F07 (due 16 Sep: 31 Aug
 *   holiday; sent 18 Sep) = 6. Within base 3 (S02 S09 S11); extension 4 (+F06).
 * Clocks:
 *   stage1.acknowledge: S×14, F01–F08, F10, G×3 = 26; breach F02 (due 24 Dec,
 *     acked 29 Dec: 25 and 28 Dec holidays → 1 WD).
 *   stage1.respond: 27; breaches F01 (1 WD), F05 (1 WD).
 *   stage2.acknowledge: S02 S09 S11 F06 F07 F10 = 6, none breached.
 *   stage2.respond: 6; breaches E12 (2 WD), F07 (2 WD).
 * Escalation rate 6 / 27. Open at 31 Mar 2027: stage 1 F08, F09; stage 2 F10.
 * Declined 1 (legal-proceedings). Compensation: S03 £75.50 + G1 £150 + G3 £50
 *   = 3 remedies, 27,550p.
 * Overdue at 31 Mar 2027: action G1 (due 10 Mar → 13 WD: 26 and 29 Mar are
 *   Easter 2027); remedy G3 (due 15 Mar → 10 WD). G2's action is due on
 *   31 Mar (not overdue); G3's action was done 5 Mar; G1's remedy is due 31 Mar.
 * Evidence: received 2 (F06 14 Dec 2026, F07 1 Mar 2027). F06 due 7 Jan 2027
 *   (25, 28 Dec, 1 Jan holidays), sent 11 Jan → 2 WD late. F07 due 22 Mar,
 *   outstanding at 31 Mar → 5 WD overdue (26, 29 Mar holidays).
 */
interface Expected {
  ch01: [number, number, number, number][]; // [received, overall denominator, LCRA, LCHO] per stage
  ch01Other: [number, number];
  ch02: [number, number, number][]; // [responded, within base, within extension] per stage
  clocks: Record<ClockName, { met: number; breaches: [string, number][] }>;
  escalation: [number, number];
  open: [string[], string[]];
}

const table: Record<'2025' | '2026', Expected> = {
  '2025': {
    ch01: [
      [29, 4800, 22, 6],
      [6, 4800, 5, 1],
    ],
    ch01Other: [1, 0],
    ch02: [
      [27, 22, 23],
      [5, 4, 5],
    ],
    clocks: {
      'stage1.acknowledge': { met: 28, breaches: [['HTH-E02', 1]] },
      'stage1.respond': {
        met: 24,
        breaches: [
          ['HTH-E04', 1],
          ['HTH-E06', 2],
          ['HTH-E02', 1],
        ],
      },
      'stage2.acknowledge': { met: 5, breaches: [['HTH-E10', 2]] },
      'stage2.respond': { met: 5, breaches: [] },
    },
    escalation: [7, 27],
    open: [['HTH-E03', 'HTH-E11'], ['HTH-E12']],
  },
  '2026': {
    ch01: [
      [27, 5000, 20, 6],
      [6, 5000, 5, 1],
    ],
    ch01Other: [1, 0],
    ch02: [
      [27, 24, 25],
      [6, 3, 4],
    ],
    clocks: {
      'stage1.acknowledge': { met: 25, breaches: [['HTH-F02', 1]] },
      'stage1.respond': {
        met: 25,
        breaches: [
          ['HTH-F05', 1],
          ['HTH-F01', 1],
        ],
      },
      'stage2.acknowledge': { met: 6, breaches: [] },
      'stage2.respond': {
        met: 4,
        breaches: [
          ['HTH-E12', 2],
          ['HTH-F07', 2],
        ],
      },
    },
    escalation: [6, 27],
    open: [['HTH-F08', 'HTH-F09'], ['HTH-F10']],
  },
};

const complaints = referenceComplaints();
const figures = (year: 2025 | 2026): BoardFigures =>
  boardFigures(
    { complaints, stock, period: reportingYear(tsm2024, year) },
    tsm2024,
  );

describe('the reference data set', () => {
  it('has at least 60 complaints over two reporting years', () => {
    expect(specs.length).toBeGreaterThanOrEqual(60);
    expect(complaints).toHaveLength(specs.length);
  });
});

describe.each([2025, 2026] as const)('Board figures for %i/%i', (year) => {
  const f = figures(year);
  const want = table[String(year) as '2025' | '2026'];

  it('CH01: received per 1,000 homes, overall and by tenure', () => {
    for (const [i, part] of f.tsm.ch01.entries()) {
      const [received, homes, lcra, lcho] = want.ch01[i] ?? [];
      const stockRow = stock.find((s) => s.yearFrom === `${year}-04-01`);
      expect(part.overall).toEqual({
        numerator: received,
        denominator: homes,
        perThousand: ((received ?? 0) / (homes ?? 1)) * 1000,
      });
      expect(part.LCRA.numerator).toBe(lcra);
      expect(part.LCRA.denominator).toBe(stockRow?.LCRA);
      expect(part.LCHO.numerator).toBe(lcho);
      expect(part.LCHO.denominator).toBe(stockRow?.LCHO);
      expect(part.otherTenure).toBe(want.ch01Other[i]);
    }
  });

  it('CH02: within base and within a permitted extension, publishing base', () => {
    for (const [i, part] of f.tsm.ch02.entries()) {
      const [responded, base, extension] = want.ch02[i] ?? [];
      expect(part.responded).toBe(responded);
      expect(part.withinBase.count).toBe(base);
      expect(part.withinExtension.count).toBe(extension);
      expect(part.withinBase.percent).toBeCloseTo(
        ((base ?? 0) / (responded ?? 1)) * 100,
        10,
      );
      expect(part.published).toEqual(part.withinBase);
    }
    expect(f.tsm.ch02Publishes).toBe('within-base');
    expect(f.tsm.targetTimescales).toEqual([
      {
        policy: { id: 'code-2024', version: '2024-04' },
        stage: 1,
        acknowledgeWorkingDays: 5,
        respondWorkingDays: 10,
        respondFrom: 'acknowledgement',
        extensionMaxWorkingDays: 10,
      },
      {
        policy: { id: 'code-2024', version: '2024-04' },
        stage: 2,
        acknowledgeWorkingDays: 5,
        respondWorkingDays: 20,
        respondFrom: 'acknowledgement',
        extensionMaxWorkingDays: 20,
      },
    ]);
  });

  it('timeliness per clock, with breaches in working days', () => {
    for (const clock of f.timeliness) {
      const w = want.clocks[clock.clock];
      expect(clock.met).toBe(w.met);
      expect(clock.breached).toBe(w.breaches.length);
      expect(
        clock.breaches.map((b) => [b.reference, b.workingDaysLate]),
      ).toEqual(w.breaches);
    }
  });

  it('escalation rate and complaints open at the year end', () => {
    const [requests, responses] = want.escalation;
    expect(f.escalationRate).toEqual({
      stage2Requests: requests,
      stage1Responses: responses,
      rate: requests / responses,
    });
    expect(f.openAtPeriodEnd).toEqual({
      stage1: want.open[0],
      stage2: want.open[1],
    });
  });

  it('volumes add up to CH01 and cover every month', () => {
    expect(f.volumes.byMonth).toHaveLength(12);
    const sum = (rows: readonly { stage1: number; stage2: number }[]) =>
      rows.reduce((n, r) => n + r.stage1 + r.stage2, 0);
    const ch01 =
      (f.tsm.ch01[0].overall.numerator ?? 0) + f.tsm.ch01[1].overall.numerator;
    expect(sum(f.volumes.byMonth)).toBe(ch01);
    expect(sum(f.volumes.byChannel)).toBe(ch01);
    expect(sum(f.volumes.byCategory)).toBe(ch01);
  });
});

describe('2025/26 follow-through, refusals and money', () => {
  const f = figures(2025);

  it('declined and refused complaints by reason', () => {
    expect(f.refusals.declined).toBe(3);
    expect(f.refusals.declinedByReason.map((r) => [r.code, r.count])).toEqual([
      ['legal-proceedings', 1],
      ['outside-time-limit', 1],
      ['previously-considered', 1],
    ]);
    expect(f.refusals.escalationsRefused).toBe(1);
    expect(f.refusals.escalationsRefusedByGround[0]?.code).toBe(
      'previously-considered',
    );
  });

  it('compensation in pence', () => {
    expect(f.remedies.compensation).toEqual({ count: 2, totalPence: 35000 });
  });

  it('actions overdue at the year end', () => {
    expect(
      f.overdue.actions.map((a) => [a.reference, a.dueOn, a.workingDaysLate]),
    ).toEqual([['HTH-A1', '2026-03-20', 7]]);
    expect(f.overdue.remedies).toEqual([]);
  });

  it('Ombudsman evidence requests', () => {
    expect(f.evidence).toMatchObject({
      received: 1,
      provided: 1,
      providedOnTime: 1,
      providedLate: [],
      outstandingAtPeriodEnd: 0,
      overdueAtPeriodEnd: [],
    });
  });
});

describe('2026/27 follow-through, refusals and money', () => {
  const f = figures(2026);

  it('declined complaints', () => {
    expect(f.refusals.declined).toBe(1);
    expect(f.refusals.escalationsRefused).toBe(0);
  });

  it('compensation in pence', () => {
    expect(f.remedies.compensation).toEqual({ count: 3, totalPence: 27550 });
  });

  it('actions and remedies overdue at the year end', () => {
    expect(
      f.overdue.actions.map((a) => [a.reference, a.dueOn, a.workingDaysLate]),
    ).toEqual([['HTH-G1', '2027-03-10', 13]]);
    expect(
      f.overdue.remedies.map((a) => [a.reference, a.dueOn, a.workingDaysLate]),
    ).toEqual([['HTH-G3', '2027-03-15', 10]]);
  });

  it('Ombudsman evidence requests', () => {
    expect(f.evidence.received).toBe(2);
    expect(f.evidence.provided).toBe(1);
    expect(f.evidence.providedOnTime).toBe(0);
    expect(
      f.evidence.providedLate.map((l) => [
        l.reference,
        l.dueOn,
        l.workingDaysLate,
      ]),
    ).toEqual([['HTH-F06', '2027-01-07', 2]]);
    expect(f.evidence.outstandingAtPeriodEnd).toBe(1);
    expect(
      f.evidence.overdueAtPeriodEnd.map((l) => [
        l.reference,
        l.dueOn,
        l.workingDaysLate,
      ]),
    ).toEqual([['HTH-F07', '2027-03-22', 5]]);
  });
});
