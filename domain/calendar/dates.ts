import { InvalidInputError } from '../errors.js';

/**
 * A calendar date, strictly `YYYY-MM-DD` (proleptic Gregorian, years
 * 0001–9999). It names a day in Europe/London, not an instant.
 *
 * @example
 * const received: IsoDate = '2026-12-23';
 */
export type IsoDate = string;

/**
 * An ISO 8601 timestamp with a `Z` or `±hh:mm` offset, e.g.
 * `2026-06-30T23:30:00Z` or `2026-07-01T00:30:00+01:00`.
 *
 * @example
 * const receivedAt: Instant = '2026-06-30T23:30:00Z';
 */
export type Instant = string;

const DASH = 45;
const ZERO = 48;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Reads `count` ASCII digits at `at`; -1 if any is not a digit. */
function digits(value: string, at: number, count: number): number {
  let result = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = value.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a civil date; integer arithmetic only
 * (H. Hinnant's `days_from_civil`), so the hot path makes no Date objects.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear =
    Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Quotes a bad value for an error message without echoing a whole payload. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Day number (days since 1970-01-01) of a strict `YYYY-MM-DD`, or NaN when
 * the value is not a real calendar date. Internal to `calendar/`.
 */
export function dayNumberOrNaN(value: string): number {
  if (
    typeof value !== 'string' ||
    value.length !== 10 ||
    value.charCodeAt(4) !== DASH ||
    value.charCodeAt(7) !== DASH
  ) {
    return Number.NaN;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/**
 * Day number of a date, throwing {@link InvalidInputError} naming `field`
 * when it is not a strict, real `YYYY-MM-DD`. Internal to `calendar/`.
 */
export function toDayNumber(value: string, field: string): number {
  const dayNumber = dayNumberOrNaN(value);
  if (Number.isNaN(dayNumber)) {
    throw new InvalidInputError(
      field,
      `expected a calendar date as YYYY-MM-DD, got ${show(value)}`,
    );
  }
  return dayNumber;
}

/**
 * The `YYYY-MM-DD` of a day number (H. Hinnant's `civil_from_days`).
 * Internal to `calendar/`.
 */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const FIRST_DAY = daysFromCivil(1, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

/** Formats a computed day number, refusing results beyond year 9999. */
function resultDate(dayNumber: number, field: string): IsoDate {
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    throw new InvalidInputError(field, 'moves the date outside 0001–9999');
  }
  return fromDayNumber(dayNumber);
}

function requireInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidInputError(
      field,
      `must be an integer, got ${show(value)}`,
    );
  }
}

/**
 * Whether a string is a real calendar date written strictly as `YYYY-MM-DD`.
 *
 * @example
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2025-02-29'); // false: not a leap year
 * isIsoDate('2025-2-3');   // false: not zero-padded
 */
export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(value));
}

/**
 * Checks a calendar date and returns it unchanged.
 *
 * @param field - named in the {@link InvalidInputError} if the check fails
 * @throws InvalidInputError when `value` is not a strict, real `YYYY-MM-DD`
 * @example
 * parseIsoDate('2026-12-23', 'receivedOn'); // '2026-12-23'
 * parseIsoDate('2026-13-01', 'receivedOn'); // throws: receivedOn: expected …
 */
export function parseIsoDate(value: string, field = 'date'): IsoDate {
  toDayNumber(value, field);
  return value;
}

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the Unix epoch of an {@link Instant}, throwing
 * {@link InvalidInputError} naming `field` if it is malformed. Internal to
 * `calendar/`.
 */
export function instantToEpochMillis(value: string, field: string): number {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const dayNumber = match ? dayNumberOrNaN(match[1] ?? '') : Number.NaN;
  if (!match || Number.isNaN(dayNumber)) {
    throw new InvalidInputError(
      field,
      `expected an ISO 8601 timestamp with Z or ±hh:mm, got ${show(value)}`,
    );
  }
  const [, , hh, mm, ss = '0', fraction = '0', zulu, sign, oh, om] = match;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  const offsetHours = zulu ? 0 : Number(oh);
  const offsetMinutes = zulu ? 0 : Number(om);
  if (
    hours > 23 ||
    minutes > 59 ||
    seconds > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    throw new InvalidInputError(
      field,
      `has a time or offset out of range: ${show(value)}`,
    );
  }
  const offset =
    (sign === '-' ? -1 : 1) *
    (offsetHours * 60 + offsetMinutes) *
    MS_PER_MINUTE;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return (
    dayNumber * MS_PER_DAY +
    ((hours * 60 + minutes) * 60 + seconds) * 1000 +
    millis -
    offset
  );
}

/**
 * Checks an ISO 8601 timestamp (date, `T`, `hh:mm[:ss[.fraction]]`, then `Z`
 * or `±hh:mm`) and returns it unchanged: the offset is kept, not normalised.
 *
 * @param field - named in the {@link InvalidInputError} if the check fails
 * @throws InvalidInputError when the value is malformed or has no offset
 * @example
 * parseInstant('2026-06-30T23:30:00Z', 'receivedAt'); // returned as is
 * parseInstant('2026-06-30T23:30:00', 'receivedAt');  // throws: no offset
 */
export function parseInstant(value: string, field = 'instant'): Instant {
  instantToEpochMillis(value, field);
  return value;
}

/**
 * Adds (or with a negative count, subtracts) calendar days.
 *
 * @throws InvalidInputError for a malformed date or a non-integer count
 * @example
 * addDays('2026-12-31', 1);  // '2027-01-01'
 * addDays('2024-03-01', -1); // '2024-02-29'
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  const start = toDayNumber(date, 'date');
  requireInteger(days, 'days');
  return resultDate(start + days, 'days');
}

/**
 * Adds (or subtracts) calendar months, clamping to the last day of a
 * shorter month, as "within 12 months" is read for the time limit.
 *
 * @throws InvalidInputError for a malformed date or a non-integer count
 * @example
 * addMonths('2024-02-29', 12); // '2025-02-28'
 * addMonths('2026-01-31', 1);  // '2026-02-28'
 * addMonths('2026-03-31', -1); // '2026-02-28'
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  toDayNumber(date, 'date');
  requireInteger(months, 'months');
  const monthIndex =
    Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1 || year > 9999) {
    throw new InvalidInputError('months', 'moves the date outside 0001–9999');
  }
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Calendar days from `from` to `to` (`to − from`; negative if `to` is
 * earlier).
 *
 * @example
 * daysBetween('2026-12-23', '2027-01-04'); // 12
 * daysBetween('2027-01-04', '2026-12-23'); // -12
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/**
 * Orders two dates: negative if `a` is earlier, 0 if equal, positive if
 * later. Usable as an `Array.prototype.sort` comparator.
 *
 * @example
 * ['2027-01-04', '2026-12-23'].sort(compareDates); // ['2026-12-23', '2027-01-04']
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a, 'a') - toDayNumber(b, 'b');
}

/**
 * Whether a date is a Saturday or a Sunday.
 *
 * @example
 * isWeekend('2026-06-13'); // true (Saturday)
 * isWeekend('2026-06-15'); // false (Monday)
 */
export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(toDayNumber(date, 'date'));
  return day === 0 || day === 6;
}
