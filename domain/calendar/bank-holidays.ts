import { InvalidInputError } from '../errors.js';
import feed from './uk-bank-holidays.json' with { type: 'json' };

/**
 * The UK nation whose bank holidays a landlord observes. Wales has no
 * division of its own in the GOV.UK feed: it shares England's.
 *
 * @example
 * const nation: Nation = 'wales';
 */
export type Nation =
  | 'england-and-wales'
  | 'wales'
  | 'scotland'
  | 'northern-ireland';

/**
 * A division of the GOV.UK bank-holidays feed.
 *
 * @example
 * const division: Division = 'scotland';
 */
export type Division = 'england-and-wales' | 'scotland' | 'northern-ireland';

/**
 * The GOV.UK bank-holidays feed (`https://www.gov.uk/bank-holidays.json`):
 * division name → that division's events.
 *
 * @example
 * const feed: BankHolidayFeed = {
 *   scotland: {
 *     division: 'scotland',
 *     events: [
 *       { title: 'St Andrew’s Day', date: '2026-11-30', notes: '', bunting: true },
 *     ],
 *   },
 * };
 */
export interface BankHolidayFeed {
  readonly [division: string]: {
    readonly division: string;
    readonly events: readonly {
      title: string;
      date: string;
      notes: string;
      bunting: boolean;
    }[];
  };
}

/**
 * The pinned copy of the GOV.UK feed shipped with Hearth (2019–2028 for all
 * three divisions, including Scotland's one-off World Cup bank holiday on
 * 15 June 2026). Refresh it with `npm run holidays:update`.
 *
 * @example
 * const calendar = workingCalendar({ nation: 'wales', feed: ukBankHolidays });
 */
export const ukBankHolidays: BankHolidayFeed = feed;

const DIVISIONS: Readonly<Record<Nation, Division>> = {
  'england-and-wales': 'england-and-wales',
  wales: 'england-and-wales',
  scotland: 'scotland',
  'northern-ireland': 'northern-ireland',
};

/**
 * The feed division whose bank holidays apply in a nation.
 *
 * @throws InvalidInputError (field `nation`) for an unknown nation
 * @example
 * divisionOf('wales');    // 'england-and-wales'
 * divisionOf('scotland'); // 'scotland'
 */
export function divisionOf(nation: Nation): Division {
  const division = Object.hasOwn(DIVISIONS, nation)
    ? DIVISIONS[nation]
    : undefined;
  if (division === undefined) {
    throw new InvalidInputError(
      'nation',
      `expected one of ${Object.keys(DIVISIONS).join(', ')}`,
    );
  }
  return division;
}
