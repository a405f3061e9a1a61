import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divisionOf,
  type Nation,
  ukBankHolidays,
  type WorkingCalendar,
  workingCalendar,
} from '../../../../domain/calendar/index.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2019, 0, 1);
const TO = Date.UTC(2028, 11, 31);
// 60 working days never span more than ~90 calendar days, even at Christmas.
const MARGIN = 120;

const NATIONS: readonly Nation[] = [
  'england-and-wales',
  'wales',
  'scotland',
  'northern-ireland',
];

const iso = (millis: number): string =>
  new Date(millis).toISOString().slice(0, 10);
const millisOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** A day-by-day oracle that shares no code with the domain's calendar. */
class NaiveCalendar {
  readonly #closed: Set<string>;

  constructor(nation: Nation, closureDays: readonly string[] = []) {
    const events = ukBankHolidays[divisionOf(nation)]?.events ?? [];
    this.#closed = new Set([...events.map((e) => e.date), ...closureDays]);
  }

  isWorkingDay(date: string): boolean {
    const weekday = new Date(millisOf(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.#closed.has(date);
  }

  addWorkingDays(date: string, n: number): string {
    const step = n >= 0 ? DAY : -DAY;
    let millis = millisOf(date);
    for (let left = Math.abs(n); left > 0; ) {
      millis += step;
      if (this.isWorkingDay(iso(millis))) left -= 1;
    }
    return iso(millis);
  }

  workingDaysBetween(from: string, to: string): number {
    const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let m = millisOf(low) + DAY; m <= millisOf(high); m += DAY) {
      if (this.isWorkingDay(iso(m))) count += 1;
    }
    return count === 0 ? 0 : sign * count;
  }

  previousOnOrBefore(date: string): string {
    let millis = millisOf(date);
    while (!this.isWorkingDay(iso(millis))) millis -= DAY;
    return iso(millis);
  }
}

const calendars = new Map<Nation, WorkingCalendar>(
  NATIONS.map((nation) => [
    nation,
    workingCalendar({ nation, feed: ukBankHolidays }),
  ]),
);
const oracles = new Map<Nation, NaiveCalendar>(
  NATIONS.map((nation) => [nation, new NaiveCalendar(nation)]),
);

function calendarOf(nation: Nation): WorkingCalendar {
  const calendar = calendars.get(nation);
  if (calendar === undefined) throw new Error(nation);
  return calendar;
}

function oracleOf(nation: Nation): NaiveCalendar {
  const oracle = oracles.get(nation);
  if (oracle === undefined) throw new Error(nation);
  return oracle;
}

const nation = fc.constantFrom(...NATIONS);
const date = fc
  .integer({ min: FROM / DAY + MARGIN, max: TO / DAY - MARGIN })
  .map((day) => iso(day * DAY));
const count = fc.integer({ min: -60, max: 60 });
const positive = fc.integer({ min: 1, max: 60 });

describe('addWorkingDays properties', () => {
  it('lands on a working day strictly after the date when n ≥ 1', () => {
    fc.assert(
      fc.property(nation, date, positive, (n, d, k) => {
        // Act
        const due = calendarOf(n).addWorkingDays(d, k);

        // Assess
        expect(calendarOf(n).isWorkingDay(due)).toBe(true);
        expect(due > d).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lands on a working day strictly before the date when n ≤ −1', () => {
    fc.assert(
      fc.property(nation, date, positive, (n, d, k) => {
        // Act
        const earlier = calendarOf(n).addWorkingDays(d, -k);

        // Assess
        expect(calendarOf(n).isWorkingDay(earlier)).toBe(true);
        expect(earlier < d).toBe(true);
      }),
    );
  });

  it('is monotonic in the date', () => {
    fc.assert(
      fc.property(nation, date, date, count, (n, a, b, k) => {
        // Prepare
        const [d1, d2] = a <= b ? [a, b] : [b, a];

        // Act
        const [r1, r2] = [d1, d2].map((d) =>
          calendarOf(n).addWorkingDays(d, k),
        );

        // Assess
        expect((r1 ?? '') <= (r2 ?? '')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(nation, date, count, count, (n, d, a, b) => {
        fc.pre(a !== b);
        // Prepare
        const [k1, k2] = a < b ? [a, b] : [b, a];

        // Act
        const r1 = calendarOf(n).addWorkingDays(d, k1);
        const r2 = calendarOf(n).addWorkingDays(d, k2);

        // Assess
        expect(r1 < r2).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips through workingDaysBetween for n ≥ 0, and n < 0 from a working day', () => {
    fc.assert(
      fc.property(nation, date, count, (n, d, k) => {
        // Prepare
        const calendar = calendarOf(n);
        fc.pre(k >= 0 || calendar.isWorkingDay(d));

        // Act
        const moved = calendar.addWorkingDays(d, k);

        // Assess
        expect(calendar.workingDaysBetween(d, moved)).toBe(k);
        expect(calendar.addWorkingDays(moved, -k)).toBe(
          k === 0 ? d : oracleOf(n).previousOnOrBefore(d),
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('is one short on the way back from a non-working day (documented)', () => {
    fc.assert(
      fc.property(nation, date, positive, (n, d, k) => {
        // Prepare
        const calendar = calendarOf(n);
        fc.pre(!calendar.isWorkingDay(d));

        // Act
        const earlier = calendar.addWorkingDays(d, -k);

        // Assess
        expect(calendar.workingDaysBetween(d, earlier)).toBe(-k + 1);
      }),
    );
  });

  it('composes: add(add(d, a), b) === add(d, a + b) for a, b ≥ 1', () => {
    fc.assert(
      fc.property(
        nation,
        date,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (n, d, a, b) => {
          // Prepare
          const calendar = calendarOf(n);

          // Act
          const stepwise = calendar.addWorkingDays(
            calendar.addWorkingDays(d, a),
            b,
          );

          // Assess
          expect(stepwise).toBe(calendar.addWorkingDays(d, a + b));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('counts from a non-working day as from the working day before it', () => {
    fc.assert(
      fc.property(nation, date, positive, (n, d, k) => {
        // Prepare
        const previous = oracleOf(n).previousOnOrBefore(d);

        // Act
        const due = calendarOf(n).addWorkingDays(d, k);

        // Assess
        expect(due).toBe(calendarOf(n).addWorkingDays(previous, k));
      }),
      { numRuns: 500 },
    );
  });
});

describe('agreement with a day-by-day oracle', () => {
  it('agrees on addWorkingDays for n in −60..60', () => {
    fc.assert(
      fc.property(nation, date, count, (n, d, k) => {
        expect(calendarOf(n).addWorkingDays(d, k)).toBe(
          oracleOf(n).addWorkingDays(d, k),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees on workingDaysBetween', () => {
    fc.assert(
      fc.property(nation, date, date, (n, a, b) => {
        expect(calendarOf(n).workingDaysBetween(a, b)).toBe(
          oracleOf(n).workingDaysBetween(a, b),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on every day of the covered years', () => {
    for (const n of NATIONS) {
      for (let m = FROM; m <= TO; m += DAY) {
        const d = iso(m);
        expect([n, d, calendarOf(n).isWorkingDay(d)]).toEqual([
          n,
          d,
          oracleOf(n).isWorkingDay(d),
        ]);
      }
    }
  });

  it('agrees when the landlord adds closure days', () => {
    fc.assert(
      fc.property(
        nation,
        fc.uniqueArray(date, { maxLength: 40 }),
        date,
        count,
        (n, closureDays, d, k) => {
          // Prepare
          const calendar = workingCalendar({
            nation: n,
            feed: ukBankHolidays,
            closureDays,
          });
          const oracle = new NaiveCalendar(n, closureDays);

          // Act, Assess
          expect(calendar.addWorkingDays(d, k)).toBe(
            oracle.addWorkingDays(d, k),
          );
          expect(calendar.isWorkingDay(d)).toBe(oracle.isWorkingDay(d));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees on nextWorkingDay and onOrAfter', () => {
    fc.assert(
      fc.property(nation, date, (n, d) => {
        // Prepare
        const oracle = oracleOf(n);
        const next = oracle.addWorkingDays(d, 1);

        // Act, Assess
        expect(calendarOf(n).nextWorkingDay(d)).toBe(next);
        expect(calendarOf(n).onOrAfter(d)).toBe(
          oracle.isWorkingDay(d) ? d : next,
        );
      }),
      { numRuns: 500 },
    );
  });
});
