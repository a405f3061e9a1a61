/**
 * Working days for the Code's clocks: calendar dates, the Europe/London
 * date of an instant, UK bank holidays and a landlord's working-day calendar.
 *
 * @example
 * import { ukBankHolidays, workingCalendar } from './calendar/index.js';
 * const calendar = workingCalendar({ nation: 'wales', feed: ukBankHolidays });
 * calendar.addWorkingDays('2026-12-23', 5); // '2027-01-04'
 */
export type {
  BankHolidayFeed,
  Division,
  Nation,
} from './bank-holidays.js';
export { divisionOf, ukBankHolidays } from './bank-holidays.js';
export type { Instant, IsoDate } from './dates.js';
export {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  isIsoDate,
  isWeekend,
  parseInstant,
  parseIsoDate,
} from './dates.js';
export { londonDate } from './london.js';
export type {
  NonWorkingReason,
  WorkingCalendar,
} from './working-calendar.js';
export { workingCalendar } from './working-calendar.js';
