import { describe, expect, it } from 'vitest';
import {
  type BankHolidayFeed,
  type Nation,
  ukBankHolidays,
  workingCalendar,
} from '../../../../domain/calendar/index.js';
import {
  CalendarRangeError,
  InvalidInputError,
} from '../../../../domain/errors.js';

const calendars = {
  'england-and-wales': workingCalendar({
    nation: 'england-and-wales',
    feed: ukBankHolidays,
  }),
  wales: workingCalendar({ nation: 'wales', feed: ukBankHolidays }),
  scotland: workingCalendar({ nation: 'scotland', feed: ukBankHolidays }),
  'northern-ireland': workingCalendar({
    nation: 'northern-ireland',
    feed: ukBankHolidays,
  }),
} satisfies Record<Nation, unknown>;

const EW = calendars['england-and-wales'];
const SCT = calendars.scotland;
const NI = calendars['northern-ireland'];

// Each row was counted by hand on a paper calendar from the holiday lists in
// REGULATION §5 (and the JSON for 2022–23); the label is the working.
type Row = [
  label: string,
  nation: Nation,
  from: string,
  n: number,
  due: string,
];

function checkRows(rows: Row[]): void {
  it.each(rows)('%s', (_label, nation, from, n, due) => {
    // Act
    const result = calendars[nation].addWorkingDays(from, n);

    // Assess
    expect(result).toBe(due);
  });
}

describe('addWorkingDays across Christmas and New Year 2026–27', () => {
  checkRows([
    [
      'E&W: Wed 23 Dec, 5 WD: 24, 29, 30, 31 Dec, 4 Jan (25, 28 Dec and 1 Jan are holidays)',
      'england-and-wales',
      '2026-12-23',
      5,
      '2027-01-04',
    ],
    [
      'Scotland: Wed 23 Dec, 5 WD: 24, 29, 30, 31 Dec, 5 Jan (4 Jan is the 2 January substitute)',
      'scotland',
      '2026-12-23',
      5,
      '2027-01-05',
    ],
    [
      'NI: Wed 23 Dec, 5 WD: as E&W, Mon 4 Jan',
      'northern-ireland',
      '2026-12-23',
      5,
      '2027-01-04',
    ],
    [
      'Wales: Wed 23 Dec, 5 WD: the E&W division, Mon 4 Jan',
      'wales',
      '2026-12-23',
      5,
      '2027-01-04',
    ],
    [
      'E&W: Wed 23 Dec, 10 WD: 5th Mon 4 Jan, then 5, 6, 7, 8, 11 Jan',
      'england-and-wales',
      '2026-12-23',
      10,
      '2027-01-11',
    ],
    [
      'Scotland: Wed 23 Dec, 10 WD: 5th Tue 5 Jan, then 6, 7, 8, 11, 12 Jan',
      'scotland',
      '2026-12-23',
      10,
      '2027-01-12',
    ],
    [
      'E&W: Wed 23 Dec, 20 WD: 10th Mon 11 Jan, then 12–15, 18–22, 25 Jan',
      'england-and-wales',
      '2026-12-23',
      20,
      '2027-01-25',
    ],
    [
      'Scotland: Wed 23 Dec, 20 WD: 10th Tue 12 Jan, then 13–15, 18–22, 25, 26 Jan',
      'scotland',
      '2026-12-23',
      20,
      '2027-01-26',
    ],
    [
      'E&W: Fri 18 Dec, 10 WD: 21–24 Dec, 29–31 Dec, 4, 5, 6 Jan',
      'england-and-wales',
      '2026-12-18',
      10,
      '2027-01-06',
    ],
    [
      'E&W: Mon 14 Dec, 20 WD: 15–18, 21–24, 29–31 Dec, 4–8, 11–14 Jan',
      'england-and-wales',
      '2026-12-14',
      20,
      '2027-01-14',
    ],
    [
      'E&W: Thu 24 Dec, 1 WD: 25 Dec holiday, weekend, 28 Dec substitute, so Tue 29',
      'england-and-wales',
      '2026-12-24',
      1,
      '2026-12-29',
    ],
  ]);
});

describe('addWorkingDays over Easter', () => {
  checkRows([
    [
      'E&W 2025: Thu 17 Apr, 5 WD: Good Fri 18 and Easter Mon 21 skipped: 22, 23, 24, 25, 28 Apr',
      'england-and-wales',
      '2025-04-17',
      5,
      '2025-04-28',
    ],
    [
      'Scotland 2025: Thu 17 Apr, 5 WD: no Easter Monday: 21, 22, 23, 24, 25 Apr',
      'scotland',
      '2025-04-17',
      5,
      '2025-04-25',
    ],
    [
      'NI 2025: Thu 17 Apr, 5 WD: Good Fri and Easter Mon as E&W: 28 Apr',
      'northern-ireland',
      '2025-04-17',
      5,
      '2025-04-28',
    ],
    [
      'E&W 2026: Thu 2 Apr, 5 WD: Good Fri 3 and Easter Mon 6 skipped: 7, 8, 9, 10, 13 Apr',
      'england-and-wales',
      '2026-04-02',
      5,
      '2026-04-13',
    ],
    [
      'Scotland 2026: Thu 2 Apr, 5 WD: 6, 7, 8, 9, 10 Apr',
      'scotland',
      '2026-04-02',
      5,
      '2026-04-10',
    ],
    [
      'NI 2026: Thu 2 Apr, 5 WD: as E&W, Mon 13 Apr',
      'northern-ireland',
      '2026-04-02',
      5,
      '2026-04-13',
    ],
    [
      'E&W 2026: received on Good Friday 3 Apr, 1 WD: Easter Mon skipped, Tue 7 Apr',
      'england-and-wales',
      '2026-04-03',
      1,
      '2026-04-07',
    ],
    [
      'Scotland 2026: received on Good Friday 3 Apr, 1 WD: Mon 6 Apr',
      'scotland',
      '2026-04-03',
      1,
      '2026-04-06',
    ],
  ]);
});

describe('addWorkingDays over the one-off bank holidays', () => {
  checkRows([
    [
      'E&W 2022: Wed 1 Jun, 1 WD: Thu 2 (Spring, moved) and Fri 3 (Platinum Jubilee) skipped: Mon 6',
      'england-and-wales',
      '2022-06-01',
      1,
      '2022-06-06',
    ],
    [
      'E&W 2022: Fri 27 May, 5 WD: Mon 30 May is a working day that year: 30, 31 May, 1, 6, 7 Jun',
      'england-and-wales',
      '2022-05-27',
      5,
      '2022-06-07',
    ],
    [
      'E&W 2022: Fri 16 Sep, 5 WD: Mon 19 (State Funeral) skipped: 20, 21, 22, 23, 26 Sep',
      'england-and-wales',
      '2022-09-16',
      5,
      '2022-09-26',
    ],
    [
      'E&W 2023: Fri 28 Apr, 5 WD: Mon 1 May and Mon 8 May (Coronation) skipped: 2, 3, 4, 5, 9 May',
      'england-and-wales',
      '2023-04-28',
      5,
      '2023-05-09',
    ],
    [
      'Scotland 2026: Fri 12 Jun, 5 WD: Mon 15 (World Cup) skipped: 16, 17, 18, 19, 22 Jun',
      'scotland',
      '2026-06-12',
      5,
      '2026-06-22',
    ],
    [
      'E&W 2026: Fri 12 Jun, 5 WD: 15, 16, 17, 18, 19 Jun',
      'england-and-wales',
      '2026-06-12',
      5,
      '2026-06-19',
    ],
    [
      'NI 2026: Fri 12 Jun, 5 WD: no World Cup holiday: Fri 19 Jun',
      'northern-ireland',
      '2026-06-12',
      5,
      '2026-06-19',
    ],
  ]);

  it.each([
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ])('finds %s (%s) in the pinned E&W data', (date, title) => {
    // Act
    const reason = EW.whyNotWorking(date);

    // Assess
    expect(reason).toEqual({ kind: 'bank-holiday', title });
  });

  it('treats the usual Spring bank holiday date as a working day in 2022', () => {
    // Act
    const working = EW.isWorkingDay('2022-05-30');

    // Assess
    expect(working).toBe(true);
  });

  it('makes 15 June 2026 a holiday in Scotland only', () => {
    // Act
    const reasons = [EW, SCT, NI].map((c) => c.whyNotWorking('2026-06-15'));

    // Assess
    expect(reasons).toEqual([
      undefined,
      { kind: 'bank-holiday', title: 'World Cup bank holiday' },
      undefined,
    ]);
  });
});

describe('addWorkingDays for weekend receipts', () => {
  checkRows([
    [
      'E&W: Sat 13 Jun 2026, 5 WD: same as Fri 12: Fri 19 Jun',
      'england-and-wales',
      '2026-06-13',
      5,
      '2026-06-19',
    ],
    [
      'E&W: Sun 14 Jun 2026, 5 WD: same as Fri 12: Fri 19 Jun',
      'england-and-wales',
      '2026-06-14',
      5,
      '2026-06-19',
    ],
    [
      'Scotland: Sat 13 Jun 2026, 5 WD: same as Fri 12: Mon 22 Jun',
      'scotland',
      '2026-06-13',
      5,
      '2026-06-22',
    ],
    [
      'Scotland: Sun 14 Jun 2026, 5 WD: same as Fri 12: Mon 22 Jun',
      'scotland',
      '2026-06-14',
      5,
      '2026-06-22',
    ],
    [
      'E&W: Fri 18 Dec 2026, 5 WD: 21, 22, 23, 24, 29 Dec',
      'england-and-wales',
      '2026-12-18',
      5,
      '2026-12-29',
    ],
    [
      'E&W: Sat 19 Dec 2026, 5 WD: same as Fri 18: Tue 29 Dec',
      'england-and-wales',
      '2026-12-19',
      5,
      '2026-12-29',
    ],
    [
      'E&W: Sun 20 Dec 2026, 5 WD: same as Fri 18: Tue 29 Dec',
      'england-and-wales',
      '2026-12-20',
      5,
      '2026-12-29',
    ],
  ]);
});

describe('addWorkingDays in Northern Ireland', () => {
  checkRows([
    [
      'NI: Mon 16 Mar 2026, 5 WD: Tue 17 (St Patrick) skipped: 18, 19, 20, 23, 24 Mar',
      'northern-ireland',
      '2026-03-16',
      5,
      '2026-03-24',
    ],
    [
      'E&W: Mon 16 Mar 2026, 5 WD: 17, 18, 19, 20, 23 Mar',
      'england-and-wales',
      '2026-03-16',
      5,
      '2026-03-23',
    ],
    [
      'NI: Fri 15 Mar 2024, 1 WD: Mon 18 (St Patrick substitute) skipped: Tue 19',
      'northern-ireland',
      '2024-03-15',
      1,
      '2024-03-19',
    ],
    [
      'NI: Thu 11 Jul 2024, 1 WD: Fri 12 (Boyne) skipped: Mon 15',
      'northern-ireland',
      '2024-07-11',
      1,
      '2024-07-15',
    ],
    [
      'NI: Fri 10 Jul 2026, 5 WD: Mon 13 (Boyne substitute) skipped: 14, 15, 16, 17, 20 Jul',
      'northern-ireland',
      '2026-07-10',
      5,
      '2026-07-20',
    ],
    [
      'E&W: Fri 10 Jul 2026, 5 WD: 13, 14, 15, 16, 17 Jul',
      'england-and-wales',
      '2026-07-10',
      5,
      '2026-07-17',
    ],
    [
      'NI: Fri 9 Jul 2027, 1 WD: Mon 12 (Boyne) skipped: Tue 13',
      'northern-ireland',
      '2027-07-09',
      1,
      '2027-07-13',
    ],
  ]);
});

describe('addWorkingDays with landlord closure days', () => {
  const closed = workingCalendar({
    nation: 'england-and-wales',
    feed: ukBankHolidays,
    closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'],
  });

  it('skips 29–31 Dec: Wed 23 Dec, 5 WD: 24 Dec, 4, 5, 6, 7 Jan', () => {
    // Act
    const due = closed.addWorkingDays('2026-12-23', 5);

    // Assess
    expect(due).toBe('2027-01-07');
  });

  it('explains a closure day, and keeps the holiday title on a holiday', () => {
    // Prepare
    const overlapping = workingCalendar({
      nation: 'england-and-wales',
      feed: ukBankHolidays,
      closureDays: ['2026-12-28', '2026-12-29'],
    });

    // Act
    const reasons = ['2026-12-28', '2026-12-29'].map((d) =>
      overlapping.whyNotWorking(d),
    );

    // Assess
    expect(reasons).toEqual([
      { kind: 'bank-holiday', title: 'Boxing Day' },
      { kind: 'closure', title: 'Landlord closure day' },
    ]);
  });

  it('accepts closure days outside the covered years and ignores them', () => {
    // Act
    const calendar = workingCalendar({
      nation: 'scotland',
      feed: ukBankHolidays,
      closureDays: ['2018-12-31', '2031-01-02'],
    });

    // Assess
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-05');
  });

  it('rejects a malformed closure day, naming its position', () => {
    // Act
    const build = () =>
      workingCalendar({
        nation: 'wales',
        feed: ukBankHolidays,
        closureDays: ['2026-12-29', '2026-12-32'],
      });

    // Assess
    expect(build).toThrow(expect.objectContaining({ field: 'closureDays[1]' }));
  });
});

describe('addWorkingDays backwards, for reminders', () => {
  checkRows([
    [
      'E&W: 2 WD before due Mon 4 Jan 2027: 1 Jan holiday, so Thu 31, Wed 30 Dec',
      'england-and-wales',
      '2027-01-04',
      -2,
      '2026-12-30',
    ],
    [
      'Scotland: 2 WD before due Tue 5 Jan 2027: 4 Jan and 1 Jan holidays: Thu 31, Wed 30 Dec',
      'scotland',
      '2027-01-05',
      -2,
      '2026-12-30',
    ],
    [
      'Scotland: 2 WD before due Mon 22 Jun 2026: Fri 19, Thu 18 Jun',
      'scotland',
      '2026-06-22',
      -2,
      '2026-06-18',
    ],
    [
      'E&W: 1 WD before Tue 7 Apr 2026: Easter Mon and Good Fri skipped: Thu 2 Apr',
      'england-and-wales',
      '2026-04-07',
      -1,
      '2026-04-02',
    ],
    [
      'E&W: 1 WD before Sat 13 Jun 2026: Fri 12 Jun',
      'england-and-wales',
      '2026-06-13',
      -1,
      '2026-06-12',
    ],
    [
      'E&W: 0 WD from Sat 13 Jun 2026: the date itself',
      'england-and-wales',
      '2026-06-13',
      0,
      '2026-06-13',
    ],
  ]);
});

describe('workingDaysBetween', () => {
  it.each([
    [
      'E&W: Wed 23 Dec 2026 to Mon 4 Jan 2027: 24, 29, 30, 31 Dec, 4 Jan',
      EW,
      '2026-12-23',
      '2027-01-04',
      5,
    ],
    [
      'E&W: Mon 4 Jan 2027 back to Wed 23 Dec 2026: minus the same 5',
      EW,
      '2027-01-04',
      '2026-12-23',
      -5,
    ],
    ['E&W: a date to itself', EW, '2026-12-25', '2026-12-25', 0],
    [
      'E&W: Fri 12 to Mon 22 Jun 2026: 15–19 and 22 Jun',
      EW,
      '2026-06-12',
      '2026-06-22',
      6,
    ],
    [
      'Scotland: Fri 12 to Mon 22 Jun 2026: 16–19 and 22 Jun',
      SCT,
      '2026-06-12',
      '2026-06-22',
      5,
    ],
    ['E&W: Sat 13 to Sun 14 Jun 2026: none', EW, '2026-06-13', '2026-06-14', 0],
    [
      'E&W: Thu 24 to Tue 29 Dec 2026: 25 and 28 holidays, so only 29',
      EW,
      '2026-12-24',
      '2026-12-29',
      1,
    ],
    [
      'E&W 2026: 261 weekdays (52 weeks + Thu 1 Jan) less 8 holidays',
      EW,
      '2025-12-31',
      '2026-12-31',
      253,
    ],
    [
      'Scotland 2026: 261 weekdays less 10 holidays',
      SCT,
      '2025-12-31',
      '2026-12-31',
      251,
    ],
    [
      'NI 2026: 261 weekdays less 10 holidays',
      NI,
      '2025-12-31',
      '2026-12-31',
      251,
    ],
  ])('%s', (_label, calendar, from, to, expected) => {
    // Act
    const count = calendar.workingDaysBetween(from, to);

    // Assess
    expect(count).toBe(expected);
  });
});

describe('isWorkingDay, whyNotWorking, nextWorkingDay and onOrAfter', () => {
  it('gives Wales the England and Wales holidays, not Scotland’s', () => {
    // Act
    const wales = calendars.wales;

    // Assess
    expect(wales.nation).toBe('wales');
    expect(wales.whyNotWorking('2026-08-31')).toEqual({
      kind: 'bank-holiday',
      title: 'Summer bank holiday',
    });
    expect(wales.isWorkingDay('2026-08-03')).toBe(true);
    expect(SCT.isWorkingDay('2026-08-03')).toBe(false);
  });

  it('names weekends and says nothing about a working day', () => {
    // Act
    const reasons = ['2026-07-11', '2026-07-12', '2026-07-14'].map((d) =>
      NI.whyNotWorking(d),
    );

    // Assess
    expect(reasons).toEqual([
      { kind: 'weekend', title: 'Saturday' },
      { kind: 'weekend', title: 'Sunday' },
      undefined,
    ]);
  });

  it('names Boyne substitute day in Northern Ireland', () => {
    // Act
    const reason = NI.whyNotWorking('2026-07-13');

    // Assess
    expect(reason).toEqual({
      kind: 'bank-holiday',
      title: 'Battle of the Boyne (Orangemen’s Day)',
    });
  });

  it('moves to the next working day strictly after the date', () => {
    // Act
    const next = [
      EW.nextWorkingDay('2026-12-24'),
      EW.nextWorkingDay('2026-12-29'),
    ];

    // Assess
    expect(next).toEqual(['2026-12-29', '2026-12-30']);
  });

  it('keeps a working day and moves a non-working one forward', () => {
    // Act
    const results = [
      SCT.onOrAfter('2027-01-01'),
      SCT.onOrAfter('2027-01-05'),
      EW.onOrAfter('2027-01-01'),
    ];

    // Assess
    expect(results).toEqual(['2027-01-05', '2027-01-05', '2027-01-04']);
  });
});

describe('the covered range', () => {
  it('covers 1 Jan 2019 to 31 Dec 2028 with the pinned feed', () => {
    // Assess
    expect(EW.covers).toEqual({ from: '2019-01-01', to: '2028-12-31' });
  });

  it.each([
    ['adding past 31 Dec 2028', () => EW.addWorkingDays('2028-12-27', 3)],
    [
      'the next working day after Fri 29 Dec 2028',
      () => EW.nextWorkingDay('2028-12-29'),
    ],
    ['onOrAfter Sun 31 Dec 2028', () => EW.onOrAfter('2028-12-31')],
    ['going back before 1 Jan 2019', () => EW.addWorkingDays('2019-01-02', -1)],
    ['a start date before the range', () => EW.addWorkingDays('2018-12-31', 1)],
    ['a start date after the range', () => SCT.addWorkingDays('2029-01-02', 0)],
    ['isWorkingDay in 2029', () => NI.isWorkingDay('2029-01-01')],
    ['whyNotWorking in 2018', () => NI.whyNotWorking('2018-12-25')],
    [
      'a count from 2018',
      () => EW.workingDaysBetween('2018-12-31', '2019-01-05'),
    ],
    [
      'a count to 2029',
      () => EW.workingDaysBetween('2028-12-29', '2029-01-02'),
    ],
  ])('throws CalendarRangeError for %s', (_label, act) => {
    // Assess
    expect(act).toThrow(CalendarRangeError);
  });

  it('still answers on the edges of the range', () => {
    // Act
    const results = [
      EW.addWorkingDays('2028-12-27', 2),
      EW.addWorkingDays('2019-01-03', -1),
      EW.workingDaysBetween('2019-01-01', '2028-12-31'),
    ];

    // Assess: 2019 Wed 2 Jan is the first working day after New Year's Day.
    expect(results.slice(0, 2)).toEqual(['2028-12-29', '2019-01-02']);
    expect(results[2]).toBeGreaterThan(2_400);
  });

  it('says which sum left the range', () => {
    // Act
    const act = () => EW.addWorkingDays('2028-12-27', 3);

    // Assess
    expect(act).toThrow(
      '3 working days from 2028-12-27 is outside the bank-holiday data (2019-01-01 to 2028-12-31)',
    );
  });
});

describe('input checks', () => {
  it.each([
    ['date', () => EW.addWorkingDays('2026-02-30', 1)],
    ['date', () => EW.addWorkingDays('26-12-23', 1)],
    ['n', () => EW.addWorkingDays('2026-12-23', 1.5)],
    ['n', () => EW.addWorkingDays('2026-12-23', Number.NaN)],
    ['from', () => EW.workingDaysBetween('2026-1-1', '2026-12-23')],
    ['to', () => EW.workingDaysBetween('2026-12-23', '')],
    ['date', () => EW.isWorkingDay('2026/12/23')],
    ['date', () => EW.onOrAfter('2026-12-23T00:00:00Z')],
  ])('names the field %s when it is malformed', (field, act) => {
    // Assess
    expect(act).toThrow(InvalidInputError);
    expect(act).toThrow(expect.objectContaining({ field }));
  });

  it('rejects a nation it does not know', () => {
    // Act
    const build = () =>
      workingCalendar({ nation: 'cornwall' as Nation, feed: ukBankHolidays });

    // Assess
    expect(build).toThrow(expect.objectContaining({ field: 'nation' }));
  });

  it('rejects a feed without the nation’s division', () => {
    // Prepare
    const { scotland } = ukBankHolidays;
    const feed = { scotland } as BankHolidayFeed;

    // Act
    const build = () => workingCalendar({ nation: 'wales', feed });

    // Assess
    expect(build).toThrow(
      new InvalidInputError('feed', 'has no england-and-wales bank holidays'),
    );
  });

  it('rejects a feed with a year missing, rather than count it as holiday-free', () => {
    // Prepare
    const feed: BankHolidayFeed = {
      scotland: {
        division: 'scotland',
        events: [
          { title: 'A', date: '2025-01-01', notes: '', bunting: true },
          { title: 'B', date: '2027-01-01', notes: '', bunting: true },
        ],
      },
    };

    // Act
    const build = () => workingCalendar({ nation: 'scotland', feed });

    // Assess
    expect(build).toThrow('has no scotland bank holidays in 2026');
  });

  it('rejects a feed with a malformed date, naming where it is', () => {
    // Prepare
    const feed: BankHolidayFeed = {
      'northern-ireland': {
        division: 'northern-ireland',
        events: [{ title: 'A', date: '2025-13-01', notes: '', bunting: true }],
      },
    };

    // Act
    const build = () => workingCalendar({ nation: 'northern-ireland', feed });

    // Assess
    expect(build).toThrow(
      expect.objectContaining({
        field: 'feed.northern-ireland.events[0].date',
      }),
    );
  });

  it('covers just the years of a small feed', () => {
    // Prepare
    const feed: BankHolidayFeed = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Christmas', date: '2026-12-25', notes: '', bunting: true },
        ],
      },
    };

    // Act
    const calendar = workingCalendar({ nation: 'england-and-wales', feed });

    // Assess
    expect(calendar.covers).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(calendar.addWorkingDays('2026-12-23', 2)).toBe('2026-12-28');
  });
});
