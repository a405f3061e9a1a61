import { code2024, ukBankHolidays, workingCalendar } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import {
  dayNumbers,
  inputs,
  loopAddWorkingDays,
  seeded,
} from '../../../bench/calendar.js';
import {
  complaints,
  lifecyclePool,
  shiftDates,
  weekShift,
} from '../../../bench/report.js';

describe('the calendar bench', () => {
  const holidays = ukBankHolidays['england-and-wales']?.events ?? [];
  const closed = dayNumbers(holidays.map((e) => e.date));

  it('has a day-by-day loop that skips weekends and bank holidays', () => {
    // Wed 23 Dec 2026: 24, 29, 30, 31 Dec (25, 28 Dec are holidays), 4 Jan.
    expect(loopAddWorkingDays('2026-12-23', 5, closed)).toBe('2027-01-04');
    expect(loopAddWorkingDays('2026-11-20', 1, closed)).toBe('2026-11-23');
  });

  it('agrees with the domain calendar on seeded inputs', () => {
    const calendar = workingCalendar({
      nation: 'england-and-wales',
      feed: ukBankHolidays,
    });
    const given = inputs(2_000, { from: '2019-01-01', to: '2028-10-31' }, 40);

    const disagreements = given.dates.filter(
      (date, i) =>
        calendar.addWorkingDays(date, given.offsets[i] as number) !==
        loopAddWorkingDays(date, given.offsets[i] as number, closed),
    );

    expect(disagreements).toEqual([]);
  });

  it('draws the same inputs from the same seed, inside the range', () => {
    const a = inputs(500, { from: '2020-01-01', to: '2020-01-31' }, 40, 3);
    const b = inputs(500, { from: '2020-01-01', to: '2020-01-31' }, 40, 3);

    expect(a).toEqual(b);
    expect(a.dates.every((d) => d >= '2020-01-01' && d <= '2020-01-31')).toBe(
      true,
    );
    expect(Math.min(...a.offsets)).toBe(1);
    expect(Math.max(...a.offsets)).toBe(40);
    expect(seeded(1)()).not.toBe(seeded(2)());
  });
});

describe('the report bench', () => {
  it('moves every ISO date in a spec, and nothing else', () => {
    const spec = {
      ref: 'R01',
      received: '2025-04-08',
      s1: {
        ack: '2025-04-09',
        decisions: ['upheld'],
        remediesDone: ['2025-05-01'],
      },
      receivedAt: '2025-04-08T10:00:00Z',
    };

    expect(shiftDates(spec, 7)).toEqual({
      ref: 'R01',
      received: '2025-04-15',
      s1: {
        ack: '2025-04-16',
        decisions: ['upheld'],
        remediesDone: ['2025-05-08'],
      },
      receivedAt: '2025-04-08T10:00:00Z',
    });
  });

  it('moves by 0, +1, −1, +2, −2 … weeks', () => {
    expect([0, 1, 2, 3, 4].map(weekShift)).toEqual([0, 1, -1, 2, -2]);
  });

  it('builds distinct lifecycles through decide, and copies them under new ids', () => {
    const pool = lifecyclePool(2, code2024);

    const made = complaints(pool.states, pool.states.length * 2 + 1);

    expect(pool.states.length).toBeGreaterThan(100);
    expect(new Set(made.map((s) => s.id)).size).toBe(made.length);
    expect(new Set(made.map((s) => s.reference)).size).toBe(made.length);
    // A copy shares its original's parts: it costs a few fields, not a case.
    expect(made[pool.states.length]?.resident).toBe(pool.states[0]?.resident);
    expect(made[pool.states.length]?.id).not.toBe(pool.states[0]?.id);
  });
});
