import type { IsoDate } from '../calendar/index.js';
import { isIsoDate } from '../calendar/index.js';
import { InvalidInputError } from '../errors.js';

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Sakamoto's method: 0 = Sunday. Pure arithmetic, no `Date`. */
function weekday(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  const t = offsets[month - 1] ?? 0;
  return (
    (y +
      Math.floor(y / 4) -
      Math.floor(y / 100) +
      Math.floor(y / 400) +
      t +
      day) %
    7
  );
}

/**
 * A date as a UK letter writes it, with the weekday so a resident need not
 * look it up.
 *
 * @throws InvalidInputError for a value that is not a real `YYYY-MM-DD` date
 * @example
 * formatLetterDate('2027-01-07'); // 'Thursday 7 January 2027'
 */
export function formatLetterDate(date: IsoDate): string {
  if (!isIsoDate(date)) {
    throw new InvalidInputError('date', `is not a YYYY-MM-DD date: ${date}`);
  }
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return `${WEEKDAYS[weekday(year, month, day)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * An amount in pence, written in pounds.
 *
 * @example
 * formatPounds(125000); // '£1,250.00'
 */
export function formatPounds(pence: number): string {
  const pounds = Math.trunc(pence / 100);
  const rest = String(Math.abs(pence % 100)).padStart(2, '0');
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${grouped}.${rest}`;
}
