import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  isIsoDate,
  isWeekend,
  parseInstant,
  parseIsoDate,
} from '../../../../domain/calendar/index.js';
import { InvalidInputError } from '../../../../domain/errors.js';

/** An independent oracle: the JavaScript Date in UTC. */
function utcIso(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

const anyDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2200-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-12-31', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-01-01', false],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['2026/01/01', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
    ['2026-0a-01', false],
    ['', false],
  ])('says %s is %s', (value, expected) => {
    // Act
    const result = isIsoDate(value);

    // Assess
    expect(result).toBe(expected);
  });

  it('agrees with Date for every day it generates', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(isIsoDate(date)).toBe(true);
      }),
    );
  });
});

describe('parseIsoDate', () => {
  it('returns a valid date unchanged', () => {
    // Act
    const date = parseIsoDate('2026-12-23', 'receivedOn');

    // Assess
    expect(date).toBe('2026-12-23');
  });

  it('names the field in the error', () => {
    // Act
    const act = () => parseIsoDate('2026-02-30', 'receivedOn');

    // Assess
    expect(act).toThrow(InvalidInputError);
    expect(act).toThrow(
      'receivedOn: expected a calendar date as YYYY-MM-DD, got "2026-02-30"',
    );
  });

  it('defaults the field to "date" and survives a non-string at run time', () => {
    // Act
    const act = () => parseIsoDate(undefined as unknown as string);

    // Assess
    expect(act).toThrow(expect.objectContaining({ field: 'date' }));
  });

  it('shortens a long bad value in the message', () => {
    // Act
    const act = () => parseIsoDate('x'.repeat(100), 'd');

    // Assess
    expect(act).toThrow(
      `d: expected a calendar date as YYYY-MM-DD, got "${'x'.repeat(40)}…"`,
    );
  });
});

describe('parseInstant', () => {
  it.each([
    '2026-06-30T23:30:00Z',
    '2026-06-30T23:30Z',
    '2026-06-30T23:30:00.123Z',
    '2026-06-30T23:30:00.123456789Z',
    '2026-07-01T00:30:00+01:00',
    '2026-06-30T18:30:00-05:00',
  ])('accepts %s unchanged', (value) => {
    // Act
    const instant = parseInstant(value, 'receivedAt');

    // Assess
    expect(instant).toBe(value);
  });

  it.each([
    '2026-06-30T23:30:00',
    '2026-06-30 23:30:00Z',
    '2026-06-30T24:00:00Z',
    '2026-06-30T23:60:00Z',
    '2026-06-30T23:30:60Z',
    '2026-06-30T23:30:00+0100',
    '2026-06-30T23:30:00+24:00',
    '2026-06-30T23:30:00+01:60',
    '2026-02-30T10:00:00Z',
    '2026-06-30',
    '2026-06-30T23:30:00z',
  ])('rejects %s, naming the field', (value) => {
    // Act
    const act = () => parseInstant(value, 'receivedAt');

    // Assess
    expect(act).toThrow(expect.objectContaining({ field: 'receivedAt' }));
  });

  it('defaults the field to "instant"', () => {
    // Act
    const act = () => parseInstant(42 as unknown as string);

    // Assess
    expect(act).toThrow(expect.objectContaining({ field: 'instant' }));
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2026-12-23', 12, '2027-01-04'],
    ['2026-12-23', 0, '2026-12-23'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2000-02-28', 366, '2001-02-28'],
  ])('adds to %s %i days: %s', (date, days, expected) => {
    // Act
    const result = addDays(date, days);

    // Assess
    expect(result).toBe(expected);
    expect(daysBetween(date, result)).toBe(days);
  });

  it('rejects a fractional count and a result beyond 9999', () => {
    // Assess
    expect(() => addDays('2026-01-01', 0.5)).toThrow(
      expect.objectContaining({ field: 'days' }),
    );
    expect(() => addDays('9999-12-31', 1)).toThrow(
      expect.objectContaining({ field: 'days' }),
    );
    expect(() => addDays('0001-01-01', -1)).toThrow(InvalidInputError);
  });

  it('names from and to when they are malformed', () => {
    // Assess
    expect(() => daysBetween('x', '2026-01-01')).toThrow(
      expect.objectContaining({ field: 'from' }),
    );
    expect(() => daysBetween('2026-01-01', 'x')).toThrow(
      expect.objectContaining({ field: 'to' }),
    );
  });

  it('agrees with Date.UTC, and addDays(−k) undoes addDays(k)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -3_000, max: 3_000 }), (d, k) => {
        // Act
        const moved = addDays(d, k);

        // Assess
        const [y, m, day] = d.split('-').map(Number) as [
          number,
          number,
          number,
        ];
        expect(moved).toBe(utcIso(y, m - 1, day + k));
        expect(addDays(moved, -k)).toBe(d);
        expect(daysBetween(d, moved)).toBe(k);
        expect(daysBetween(moved, d)).toBe(0 - k);
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-06-30', -30, '2023-12-30'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('moves %s by %i months to %s', (date, months, expected) => {
    // Act
    const result = addMonths(date, months);

    // Assess
    expect(result).toBe(expected);
  });

  it('rejects a fractional count, a bad date and years beyond 0001–9999', () => {
    // Assess
    expect(() => addMonths('2026-01-01', 1.5)).toThrow(
      expect.objectContaining({ field: 'months' }),
    );
    expect(() => addMonths('2026-02-30', 1)).toThrow(
      expect.objectContaining({ field: 'date' }),
    );
    expect(() => addMonths('9999-12-01', 1)).toThrow(
      expect.objectContaining({ field: 'months' }),
    );
    expect(() => addMonths('0001-01-01', -1)).toThrow(InvalidInputError);
  });

  it('undoes itself for days 1–28 and otherwise clamps to the month’s end', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -600, max: 600 }), (d, k) => {
        // Act
        const moved = addMonths(d, k);

        // Assess
        const [y, m, day] = d.split('-').map(Number) as [
          number,
          number,
          number,
        ];
        const lastDay = Number(utcIso(y, m - 1 + k + 1, 0).slice(8, 10));
        expect(moved).toBe(utcIso(y, m - 1 + k, Math.min(day, lastDay)));
        if (day <= 28) expect(addMonths(moved, -k)).toBe(d);
        else
          expect(compareDates(addMonths(moved, -k), d)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('compareDates and isWeekend', () => {
  it('orders dates as a sort comparator', () => {
    // Act
    const sorted = ['2027-01-04', '2026-12-23', '2026-12-31'].sort(
      compareDates,
    );

    // Assess
    expect(sorted).toEqual(['2026-12-23', '2026-12-31', '2027-01-04']);
    expect(compareDates('2026-12-23', '2026-12-23')).toBe(0);
  });

  it('agrees with string order for valid dates', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Math.sign(compareDates(a, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it.each([
    ['2026-06-12', false, 'Friday'],
    ['2026-06-13', true, 'Saturday'],
    ['2026-06-14', true, 'Sunday'],
    ['2026-06-15', false, 'Monday'],
    ['1969-12-28', true, 'a Sunday before 1970'],
  ])('says %s is a weekend: %s (%s)', (date, expected) => {
    // Act
    const weekend = isWeekend(date);

    // Assess
    expect(weekend).toBe(expected);
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const day = new Date(`${d}T00:00:00Z`).getUTCDay();
        expect(isWeekend(d)).toBe(day === 0 || day === 6);
      }),
    );
  });

  it('names the operands of compareDates', () => {
    // Assess
    expect(() => compareDates('2026-01-01', 'nope')).toThrow(
      expect.objectContaining({ field: 'b' }),
    );
  });
});
