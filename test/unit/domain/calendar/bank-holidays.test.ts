import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  type Division,
  divisionOf,
  type Nation,
  ukBankHolidays,
} from '../../../../domain/calendar/index.js';

const DIVISIONS: readonly Division[] = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
];

function datesOf(division: Division): string[] {
  return (ukBankHolidays[division]?.events ?? []).map((e) => e.date);
}

const isWeekday = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

describe('divisionOf', () => {
  it.each([
    ['england-and-wales', 'england-and-wales'],
    ['wales', 'england-and-wales'],
    ['scotland', 'scotland'],
    ['northern-ireland', 'northern-ireland'],
  ] as const)('maps %s to the %s division', (nation, division) => {
    // Act, Assess
    expect(divisionOf(nation)).toBe(division);
  });

  it('rejects an unknown nation, and does not read inherited keys', () => {
    // Assess
    expect(() => divisionOf('england' as Nation)).toThrow(
      expect.objectContaining({ field: 'nation' }),
    );
    expect(() => divisionOf('toString' as Nation)).toThrow(
      expect.objectContaining({ field: 'nation' }),
    );
  });
});

describe('the pinned GOV.UK feed', () => {
  it('has the three divisions, each naming itself', () => {
    // Assess
    expect(Object.keys(ukBankHolidays).sort()).toEqual([...DIVISIONS].sort());
    for (const division of DIVISIONS) {
      expect(ukBankHolidays[division]?.division).toBe(division);
    }
  });

  it.each(DIVISIONS)(
    'lists %s dates once each, sorted, on weekdays, 2019–2028',
    (division) => {
      // Prepare
      const dates = datesOf(division);

      // Assess
      expect(dates.filter((d) => !isWeekday(d))).toEqual([]);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(
        new Set([
          '2019',
          '2020',
          '2021',
          '2022',
          '2023',
          '2024',
          '2025',
          '2026',
          '2027',
          '2028',
        ]),
      );
    },
  );

  it.each([
    [
      'england-and-wales',
      '2024',
      '2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26',
    ],
    [
      'england-and-wales',
      '2025',
      '2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26',
    ],
    [
      'england-and-wales',
      '2026',
      '2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28',
    ],
    [
      'england-and-wales',
      '2027',
      '2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28',
    ],
    [
      'scotland',
      '2024',
      '2024-01-01 2024-01-02 2024-03-29 2024-05-06 2024-05-27 2024-08-05 2024-12-02 2024-12-25 2024-12-26',
    ],
    [
      'scotland',
      '2025',
      '2025-01-01 2025-01-02 2025-04-18 2025-05-05 2025-05-26 2025-08-04 2025-12-01 2025-12-25 2025-12-26',
    ],
    [
      'scotland',
      '2026',
      '2026-01-01 2026-01-02 2026-04-03 2026-05-04 2026-05-25 2026-06-15 2026-08-03 2026-11-30 2026-12-25 2026-12-28',
    ],
    [
      'scotland',
      '2027',
      '2027-01-01 2027-01-04 2027-03-26 2027-05-03 2027-05-31 2027-08-02 2027-11-30 2027-12-27 2027-12-28',
    ],
    [
      'northern-ireland',
      '2024',
      '2024-01-01 2024-03-18 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-07-12 2024-08-26 2024-12-25 2024-12-26',
    ],
    [
      'northern-ireland',
      '2025',
      '2025-01-01 2025-03-17 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-07-14 2025-08-25 2025-12-25 2025-12-26',
    ],
    [
      'northern-ireland',
      '2026',
      '2026-01-01 2026-03-17 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-07-13 2026-08-31 2026-12-25 2026-12-28',
    ],
    [
      'northern-ireland',
      '2027',
      '2027-01-01 2027-03-17 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-07-12 2027-08-30 2027-12-27 2027-12-28',
    ],
  ] as const)('matches REGULATION §5 for %s %s', (division, year, listed) => {
    // Act
    const dates = datesOf(division).filter((d) => d.startsWith(year));

    // Assess
    expect(dates).toEqual(listed.split(' '));
  });
});

describe('agreement with date-holidays 3.37 (GB-ENG, GB-SCT, GB-NIR)', () => {
  // The library misses this one-off, made by Royal Proclamation in Feb 2026.
  const KNOWN_GAPS = new Set(['scotland 2026-06-15']);

  it.each([
    ['england-and-wales', 'ENG'],
    ['scotland', 'SCT'],
    ['northern-ireland', 'NIR'],
  ] as const)(
    'agrees for %s (%s) in every year 2019–2028',
    (division, state) => {
      // Prepare
      const library = new Holidays('GB', state);
      const libraryDates = new Set<string>();
      for (let year = 2019; year <= 2028; year += 1) {
        for (const holiday of library.getHolidays(year)) {
          const date = holiday.date.slice(0, 10);
          // The library also lists the weekend day a holiday was moved from.
          if (['public', 'bank'].includes(holiday.type) && isWeekday(date)) {
            libraryDates.add(date);
          }
        }
      }
      const pinned = new Set(datesOf(division));

      // Act
      const onlyPinned = [...pinned]
        .filter((d) => !libraryDates.has(d))
        .map((d) => `${division} ${d}`)
        .filter((key) => !KNOWN_GAPS.has(key));
      const onlyLibrary = [...libraryDates].filter((d) => !pinned.has(d));

      // Assess
      expect(onlyPinned).toEqual([]);
      expect(onlyLibrary).toEqual([]);
    },
  );

  it('still has the known gap, so the exception is not stale', () => {
    // Act
    const listed = new Holidays('GB', 'SCT')
      .getHolidays(2026)
      .some((h) => h.date.startsWith('2026-06-15'));

    // Assess
    expect(listed).toBe(false);
    expect(datesOf('scotland')).toContain('2026-06-15');
  });
});
