import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  boardFigures,
  ch01,
  ch02,
  code2024,
  compareDates,
  complaintDecision,
  InvalidInputError,
  monthsOf,
  perThousand,
  type ReportingComplaint,
  type ReportingPeriod,
  receivedInPeriod,
  reportingYear,
  respondedInPeriod,
  shareOf,
  stageFacts,
  stockFor,
  tsm2024,
  withinBase,
  withinExtension,
} from '../../../../domain/index.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

const complaints = referenceComplaints();
const facts = stageFacts(complaints);
const year1 = reportingYear(tsm2024, 2025);
const factsOf = (ref: string, stage: 1 | 2) => {
  const f = facts.find(
    (x) => x.complaint.state.reference === `HTH-${ref}` && x.stage === stage,
  );
  if (f === undefined) throw new Error(`no ${ref} stage ${stage}`);
  return f;
};

describe('reporting rules', () => {
  it('the reporting year runs 1 April to 31 March', () => {
    expect(reportingYear(tsm2024, 2025)).toEqual({
      label: '2025/26',
      from: '2025-04-01',
      to: '2026-03-31',
    });
    expect(reportingYear({ ...tsm2024, yearStartsOn: '01-01' }, 2026)).toEqual({
      label: '2026',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(() => reportingYear(tsm2024, 2025.5)).toThrow(InvalidInputError);
  });

  it('every unsettled TSM rule is cited as such', () => {
    const { citations } = tsm2024;
    expect(citations.ch02Basis.status).toBe('unverified');
    expect(citations.ch02Responded.status).toBe('unverified');
    expect(citations.ch01Received.status).toBe('unverified');
    expect(citations.bothParts.status).toBe('verified');
    expect(citations.neutralVolumes.ref).toBe('3.3');
    for (const c of Object.values(citations)) {
      expect(c.source).not.toBe('');
      expect(c.ref).not.toBe('');
    }
  });
});

describe('CH02 edge rules', () => {
  it('agrees with the flags decide stored on every response', () => {
    for (const f of facts) {
      const response = f.record.response;
      if (response === undefined) continue;
      expect(withinBase(f)).toBe(response.withinBaseTimescale);
      expect(compareDates(response.on, f.dueOn ?? response.on) <= 0).toBe(
        response.onTime,
      );
    }
  });

  it('a response inside a permitted extension is within extension, not base', () => {
    const e05 = factsOf('E05', 1);
    expect(e05.baseDueOn).toBe('2025-05-19');
    expect(e05.permittedDueOn).toBe('2025-06-02');
    expect([withinBase(e05), withinExtension(e05)]).toEqual([false, true]);
  });

  it('a good-reason extension past the cap is on time for the clock but not Code-permitted', () => {
    const e07 = factsOf('E07', 1);
    expect(e07.dueOn).toBe('2025-08-12');
    expect(e07.permittedDueOn).toBe('2025-08-05');
    expect(e07.record.response?.onTime).toBe(true);
    expect([withinBase(e07), withinExtension(e07)]).toEqual([false, false]);
  });

  it('received in March, answered in April: CH01 one year, CH02 the next', () => {
    const year2 = reportingYear(tsm2024, 2026);
    const e03 = factsOf('E03', 1);
    expect(receivedInPeriod(facts, 1, year1)).toContain(e03);
    expect(respondedInPeriod(facts, 1, year1)).not.toContain(e03);
    expect(receivedInPeriod(facts, 1, year2)).not.toContain(e03);
    expect(respondedInPeriod(facts, 1, year2)).toContain(e03);
  });

  it('publishes the within-extension figure when the rules say so', () => {
    const part = ch02(facts, 1, year1, 'within-extension');
    expect(part.published).toEqual(part.withinExtension);
    expect(part.published.count).toBe(23);
  });
});

describe('CH01 edge rules', () => {
  it('declined complaints and refused escalations are not counted; withdrawn ones are', () => {
    const refs = (stage: 1 | 2) =>
      receivedInPeriod(facts, stage, year1).map(
        (f) => f.complaint.state.reference,
      );
    expect(refs(1)).not.toContain('HTH-D1');
    expect(refs(1)).toContain('HTH-W1');
    expect(refs(2)).not.toContain('HTH-X1');
    expect(refs(1)).toContain('HTH-X1');
  });

  it('records that are not complaints are in no figure', () => {
    const asRequest: ReportingComplaint[] = complaints.map((c) => ({
      ...c,
      state: { ...c.state, classification: 'service-request' },
    }));
    expect(stageFacts(asRequest)).toEqual([]);
  });

  it('no homes gives no rate, not infinity', () => {
    expect(perThousand(3, 0)).toEqual({
      numerator: 3,
      denominator: 0,
      perThousand: null,
    });
    expect(shareOf(0, 0).percent).toBeNull();
  });

  it('counts are additive over adjacent periods (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (split) => {
        const mid = addDays(year1.from, split);
        const a: ReportingPeriod = { label: 'a', from: year1.from, to: mid };
        const b: ReportingPeriod = {
          label: 'b',
          from: addDays(mid, 1),
          to: year1.to,
        };
        const yearStock = stockFor(stock, year1, tsm2024);
        for (const stage of [1, 2] as const) {
          const whole = ch01(facts, stage, year1, yearStock).overall.numerator;
          const parts =
            ch01(facts, stage, a, yearStock).overall.numerator +
            ch01(facts, stage, b, yearStock).overall.numerator;
          expect(parts).toBe(whole);
          const responded = ch02(facts, stage, year1, 'within-base');
          const split2 =
            ch02(facts, stage, a, 'within-base').withinBase.count +
            ch02(facts, stage, b, 'within-base').withinBase.count;
          expect(split2).toBe(responded.withinBase.count);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('outcomes, months and inputs', () => {
  it('one decision per complaint from its issue decisions', () => {
    expect(
      complaintDecision([{ issueId: 'a', decision: 'upheld', reasons: 'r' }]),
    ).toBe('upheld');
    expect(
      complaintDecision([
        { issueId: 'a', decision: 'upheld', reasons: 'r' },
        { issueId: 'b', decision: 'not-upheld', reasons: 'r' },
      ]),
    ).toBe('partly-upheld');
    expect(
      complaintDecision([
        { issueId: 'a', decision: 'not-upheld', reasons: 'r' },
      ]),
    ).toBe('not-upheld');
  });

  it('stage 2 outcomes for 2025/26 (R06 N, R11 N, E08 P, E09 U, E10 N)', () => {
    const f = boardFigures({ complaints, stock, period: year1 }, tsm2024);
    expect(f.outcomes[1].byComplaint).toEqual({
      upheld: 1,
      'partly-upheld': 1,
      'not-upheld': 3,
    });
    // R04 has two issues (upheld, not upheld): partly upheld as a complaint.
    expect(f.outcomes[0].byIssue.upheld).toBeGreaterThan(0);
  });

  it('months of a part year, and a quarter uses its year stock', () => {
    const q: ReportingPeriod = {
      label: 'Q4',
      from: '2026-01-15',
      to: '2026-03-31',
    };
    expect(monthsOf(q)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(stockFor(stock, q, tsm2024).yearFrom).toBe('2025-04-01');
  });

  it('refuses a period with no stock count, or backwards', () => {
    expect(() =>
      boardFigures(
        { complaints, stock, period: reportingYear(tsm2024, 2027) },
        tsm2024,
      ),
    ).toThrow(InvalidInputError);
    expect(() =>
      boardFigures(
        {
          complaints,
          stock,
          period: { label: 'x', from: '2026-03-31', to: '2025-04-01' },
        },
        tsm2024,
      ),
    ).toThrow(InvalidInputError);
  });

  it('cites the policy the targets came from', () => {
    const f = boardFigures({ complaints, stock, period: year1 }, tsm2024);
    expect(
      f.tsm.targetTimescales.every((t) => t.policy.id === code2024.id),
    ).toBe(true);
    expect(f.rules).toMatchObject({ id: 'tsm-2024', version: '2024-04' });
  });
});
