import { CalendarRangeError, InvalidInputError } from '../errors.js';
import type { BankHolidayFeed, Nation } from './bank-holidays.js';
import { divisionOf } from './bank-holidays.js';
import type { IsoDate } from './dates.js';
import {
  dayNumberOrNaN,
  dayOfWeek,
  fromDayNumber,
  toDayNumber,
} from './dates.js';

/**
 * Why a date is not a working day.
 *
 * @example
 * const reason: NonWorkingReason = { kind: 'bank-holiday', title: 'Christmas Day' };
 */
export interface NonWorkingReason {
  kind: 'weekend' | 'bank-holiday' | 'closure';
  title: string;
}

/**
 * A landlord's working days: Monday to Friday, less its nation's bank
 * holidays and its own closure days (DESIGN §4).
 *
 * Counting convention (a design decision, not a Code rule: REGULATION item
 * 69): day 0 is the date itself, day 1 the next working day. So "within N
 * working days of D" falls due on `addWorkingDays(D, N)`, and a complaint
 * received on a Saturday has the same due date as one received the Friday
 * before.
 *
 * Every method throws {@link CalendarRangeError} rather than read or return
 * a date outside {@link WorkingCalendar.covers}: beyond the feed's years,
 * bank holidays are unknown and a clock could fall due a day early.
 *
 * @example
 * const calendar = workingCalendar({ nation: 'scotland', feed: ukBankHolidays });
 * calendar.addWorkingDays('2026-06-12', 5); // '2026-06-22': 15 June is a holiday
 */
export interface WorkingCalendar {
  readonly nation: Nation;
  /** 1 January of the feed's first year to 31 December of its last. */
  readonly covers: { readonly from: IsoDate; readonly to: IsoDate };
  /** Whether `date` is a working day. */
  isWorkingDay(date: IsoDate): boolean;
  /** Why `date` is not a working day; `undefined` if it is one. */
  whyNotWorking(date: IsoDate): NonWorkingReason | undefined;
  /**
   * n > 0: the n-th working day strictly after `date` ("within n working days
   * of date": day 0 is the date itself, whatever day it is). n = 0: `date`
   * itself. n < 0: the |n|-th working day strictly before `date`.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * Working days in (from, to]; negative (−count of working days in
   * (to, from]) when `to` is before `from`; 0 when equal.
   * Round-trips `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every
   * n ≥ 0, and for n < 0 when `d` is a working day. (For a non-working `d` and
   * n < 0 it gives n + 1: the count then has no working day at its end.)
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** `date` if it is a working day, else the next working day. */
  onOrAfter(date: IsoDate): IsoDate;
}

const SATURDAY: NonWorkingReason = Object.freeze({
  kind: 'weekend',
  title: 'Saturday',
});
const SUNDAY: NonWorkingReason = Object.freeze({
  kind: 'weekend',
  title: 'Sunday',
});
const CLOSURE: NonWorkingReason = Object.freeze({
  kind: 'closure',
  title: 'Landlord closure day',
});

/** The first and last year of a division's events, checking every date. */
function feedYears(
  feed: BankHolidayFeed,
  division: string,
): {
  first: number;
  last: number;
  events: BankHolidayFeed[string]['events'];
} {
  const entry = Object.hasOwn(feed, division) ? feed[division] : undefined;
  if (entry === undefined || entry.events.length === 0) {
    throw new InvalidInputError('feed', `has no ${division} bank holidays`);
  }
  const years = new Set<number>();
  for (const [index, event] of entry.events.entries()) {
    toDayNumber(event.date, `feed.${division}.events[${index}].date`);
    years.add(Number(event.date.slice(0, 4)));
  }
  const first = Math.min(...years);
  const last = Math.max(...years);
  // A year with no holidays at all means the feed has a gap, not a quiet year.
  for (let year = first; year <= last; year += 1) {
    if (!years.has(year)) {
      throw new InvalidInputError(
        'feed',
        `has no ${division} bank holidays in ${year}`,
      );
    }
  }
  return { first, last, events: entry.events };
}

/**
 * Builds the working-day calendar of a nation from a bank-holiday feed and
 * the landlord's closure days. Construction precomputes the covered years
 * (about 3,650 days), so every later query is O(1) on integer day numbers.
 *
 * @param options.closureDays - extra non-working days (e.g. 29–31 December);
 *   days outside the feed's years are accepted and ignored
 * @throws InvalidInputError for an unknown nation, a feed without the
 *   nation's division (or with a gap year or a malformed date), or a
 *   malformed closure day
 * @example
 * const calendar = workingCalendar({
 *   nation: 'england-and-wales',
 *   feed: ukBankHolidays,
 *   closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'],
 * });
 * calendar.addWorkingDays('2026-12-23', 5); // '2027-01-07'
 */
export function workingCalendar(options: {
  nation: Nation;
  feed: BankHolidayFeed;
  closureDays?: readonly IsoDate[];
}): WorkingCalendar {
  const { nation, feed, closureDays = [] } = options;
  const division = divisionOf(nation);
  const { first, last, events } = feedYears(feed, division);
  const covers = Object.freeze({
    from: `${String(first).padStart(4, '0')}-01-01`,
    to: `${String(last).padStart(4, '0')}-12-31`,
  });
  const base = toDayNumber(covers.from, 'feed');
  const size = toDayNumber(covers.to, 'feed') - base + 1;

  // reasons[i]: why day base + i is not a working day. A weekend outranks a
  // bank holiday, which outranks a closure, so a closure on Boxing Day still
  // reads "Boxing Day".
  const reasons: (NonWorkingReason | undefined)[] = new Array(size);
  for (let i = 0; i < size; i += 1) {
    const weekday = dayOfWeek(base + i);
    if (weekday === 6) reasons[i] = SATURDAY;
    else if (weekday === 0) reasons[i] = SUNDAY;
  }
  for (const event of events) {
    const i = dayNumberOrNaN(event.date) - base;
    reasons[i] ??= Object.freeze({ kind: 'bank-holiday', title: event.title });
  }
  for (const [index, date] of closureDays.entries()) {
    const i = toDayNumber(date, `closureDays[${index}]`) - base;
    if (i >= 0 && i < size) reasons[i] ??= CLOSURE;
  }

  // before[i]: working days in [base, base + i). working[k]: the k-th
  // working day (0-based). The n-th working day after day i is then
  // working[before[i + 1] + n - 1]: one array read, no loop.
  const before = new Int32Array(size + 1);
  const working: IsoDate[] = [];
  for (let i = 0; i < size; i += 1) {
    if (reasons[i] === undefined) working.push(fromDayNumber(base + i));
    before[i + 1] = working.length;
  }

  /** Index of a date in the covered range, or a range/input error. */
  function indexOf(date: IsoDate, field: string): number {
    const i = toDayNumber(date, field) - base;
    if (i < 0 || i >= size) throw new CalendarRangeError(date, covers);
    return i;
  }

  /** Working days from covers.from up to and including day i. */
  function workingUpTo(i: number): number {
    return before[i + 1] ?? 0;
  }

  function workingDayAt(k: number, description: () => string): IsoDate {
    const date = working[k];
    if (date === undefined) throw new CalendarRangeError(description(), covers);
    return date;
  }

  function addWorkingDays(date: IsoDate, n: number): IsoDate {
    const i = indexOf(date, 'date');
    if (!Number.isInteger(n)) {
      throw new InvalidInputError('n', `must be an integer, got ${n}`);
    }
    if (n === 0) return date;
    // For n < 0, count back from the working days strictly before the date.
    const k = n > 0 ? workingUpTo(i) + n - 1 : workingUpTo(i - 1) + n;
    return workingDayAt(k, () => `${n} working days from ${date}`);
  }

  return Object.freeze({
    nation,
    covers,
    isWorkingDay(date: IsoDate): boolean {
      return reasons[indexOf(date, 'date')] === undefined;
    },
    whyNotWorking(date: IsoDate): NonWorkingReason | undefined {
      return reasons[indexOf(date, 'date')];
    },
    addWorkingDays,
    workingDaysBetween(from: IsoDate, to: IsoDate): number {
      return (
        workingUpTo(indexOf(to, 'to')) - workingUpTo(indexOf(from, 'from'))
      );
    },
    nextWorkingDay(date: IsoDate): IsoDate {
      return addWorkingDays(date, 1);
    },
    onOrAfter(date: IsoDate): IsoDate {
      const i = indexOf(date, 'date');
      return workingDayAt(
        workingUpTo(i - 1),
        () => `the first working day from ${date}`,
      );
    },
  });
}
