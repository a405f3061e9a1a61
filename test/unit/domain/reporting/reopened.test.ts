import { describe, expect, it } from 'vitest';
import {
  boardFigures,
  learningOf,
  type ReportingComplaint,
  refusalsOf,
  reportingYear,
  tsm2024,
} from '../../../../domain/index.js';
import {
  reportingComplaintsOf,
  specs,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';
import { reopenedSpecs } from '../../../fixtures/reporting/reopened-complaints.js';

/*
 * Hand-worked: the 61 reference complaints plus K1–K6
 * (test/fixtures/reporting/reopened-complaints.ts).
 *
 * 2025/26 declines, on the date of each decline:
 *   D1 legal-proceedings (6 Aug 2025), D2 previously-considered (2 Oct),
 *   D3 outside-time-limit (4 Feb 2026), as before;
 *   K1 previously-considered (3 Jun 2025; reopened 9 Jun and answered);
 *   K2 legal-proceedings (18 Mar 2026; reopened 7 Apr 2026);
 *   K4 declined 2 Sep (previously-considered), reopened 4 Sep, declined
 *     5 Sep (legal-proceedings): one complaint, its last reason.
 *   → 6: legal-proceedings 3, previously-considered 2, outside-time-limit 1.
 *   Before the fix (state only): K1 and K2 lost their declination on
 *   reopening → 4 (legal 2, previously 1, outside 1).
 * 2025/26 escalations refused: X1 (7 Jan 2026), K3 (23 Jul 2025; reopened
 *   28 Jul and answered at stage 2) → 2, both previously-considered.
 *   Before the fix: 1.
 * 2026/27: F11 legal-proceedings only → 1; K2's reopening is no decline.
 * CH01 2025/26: K1, K2, K3, K5 are accepted now and received in the year:
 *   stage 1 29 + 4 = 33; stage 2 6 + K3 = 7. K4 is declined; K6 is a
 *   service request.
 * Learning 2025/26, communication: K5's action (due 30 Apr 2026: open at
 *   the year end) and its policy-change remedy (due 31 Dec, completed
 *   5 Jan 2026), both agreed 9 Oct 2025 (same day and case: in id order,
 *   and decide numbers remedies before actions);
 *   notes E06 (30 Jun 2025) then K5 (6 Jan 2026). K6's learning is a
 *   service request's, not listed.
 */

const year = (y: 2025 | 2026) => reportingYear(tsm2024, y);
const all = (withHistory: boolean): ReportingComplaint[] => [
  ...reportingComplaintsOf(specs, undefined, withHistory),
  ...reportingComplaintsOf(reopenedSpecs, undefined, withHistory),
];
const figures = (y: 2025 | 2026, withHistory = true) =>
  boardFigures(
    { complaints: all(withHistory), stock, period: year(y) },
    tsm2024,
  );
const reasons = (rows: readonly { code: string; count: number }[]) =>
  rows.map((r) => [r.code, r.count]);

describe('refusals of complaints later reopened', () => {
  it('counts every decline in the period by its reason, reopened or not', () => {
    const f = figures(2025);

    expect(f.refusals.declined).toBe(6);
    expect(reasons(f.refusals.declinedByReason)).toEqual([
      ['legal-proceedings', 3],
      ['previously-considered', 2],
      ['outside-time-limit', 1],
    ]);
    expect(f.refusals.escalationsRefused).toBe(2);
    expect(reasons(f.refusals.escalationsRefusedByGround)).toEqual([
      ['previously-considered', 2],
    ]);
  });

  it('keeps the decline in its own period, not the period it was reopened in', () => {
    const f = figures(2026);

    expect(reasons(f.refusals.declinedByReason)).toEqual([
      ['legal-proceedings', 1],
    ]);
    expect(f.refusals.escalationsRefused).toBe(0);
  });

  it('counts the reopened complaints in CH01 once accepted', () => {
    const f = figures(2025);

    expect(f.tsm.ch01[0].overall.numerator).toBe(33);
    expect(f.tsm.ch01[1].overall.numerator).toBe(7);
  });

  it('without histories, falls back to the state, which forgets reopened declines', () => {
    const f = figures(2025, false);

    expect(reasons(f.refusals.declinedByReason)).toEqual([
      ['legal-proceedings', 2],
      ['outside-time-limit', 1],
      ['previously-considered', 1],
    ]);
    expect(f.refusals.escalationsRefused).toBe(1);
  });

  it('reads refusals from the history in order, or the state without one', () => {
    const [k4] = reportingComplaintsOf(
      reopenedSpecs.filter((s) => s.ref === 'K4'),
    );
    const [x1] = reportingComplaintsOf(
      specs.filter((s) => s.ref === 'X1'),
      undefined,
      false,
    );

    expect(refusalsOf(k4 as ReportingComplaint)).toEqual([
      { kind: 'declined', code: 'previously-considered', on: '2025-09-02' },
      { kind: 'declined', code: 'legal-proceedings', on: '2025-09-05' },
    ]);
    expect(refusalsOf(x1 as ReportingComplaint)).toEqual([
      {
        kind: 'escalation-refused',
        code: 'previously-considered',
        on: '2026-01-07',
      },
    ]);
  });
});

describe('learning of complaints later reopened or escalated', () => {
  it('lists a practice-changing remedy and leaves out service requests', () => {
    const communication = figures(2025).learning.byCategory.find(
      (c) => c.category === 'communication',
    );

    expect(
      communication?.actions.map((a) => [
        a.reference,
        a.kind,
        a.recordedOn,
        a.dueOn,
        a.status,
        a.completedOn,
      ]),
    ).toEqual([
      [
        'HTH-K5',
        'policy-change',
        '2025-10-09',
        '2025-12-31',
        'completed',
        '2026-01-05',
      ],
      ['HTH-K5', 'action', '2025-10-09', '2026-04-30', 'open', null],
    ]);
    expect(communication?.counts).toEqual({
      completed: 1,
      overdue: 0,
      open: 1,
    });
    expect(communication?.notes.map((n) => [n.reference, n.closedOn])).toEqual([
      ['HTH-E06', '2025-06-30'],
      ['HTH-K5', '2026-01-06'],
    ]);
    expect(
      figures(2025).learning.byCategory.flatMap((c) =>
        c.notes.map((n) => n.reference),
      ),
    ).not.toContain('HTH-K6');
  });

  it('reads learning from every closure in the history, and the state keeps only the last', () => {
    const [withHistory] = reportingComplaintsOf(
      specs.filter((s) => s.ref === 'R06'),
    );
    const [stateOnly] = reportingComplaintsOf(
      specs.filter((s) => s.ref === 'R05' || s.ref === 'R06'),
      undefined,
      false,
    );

    expect(learningOf(withHistory as ReportingComplaint)).toEqual([
      {
        closedOn: '2025-07-25',
        text: 'Officers give their name and team on every call.',
      },
    ]);
    expect(learningOf(stateOnly as ReportingComplaint)).toEqual([
      {
        closedOn: '2025-08-01',
        text: 'Mould reports now get a survey within five working days.',
      },
    ]);
  });
});
