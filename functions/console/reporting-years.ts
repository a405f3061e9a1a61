/**
 * Reporting years as the console names them: the UK social housing year,
 * 1 April to 31 March (the TSM rules' `yearStartsOn`), written `2026-27`
 * in a path and `2026/27` on a page. A year not yet over is reported to
 * today, so nothing counts as overdue at a date still to come.
 */
import {
  compareDates,
  type IsoDate,
  type ReportingPeriod,
  reportingYear,
  tsm2024,
} from '@hearth/domain';

const SLUG = /^(\d{4})-(\d{2})$/;

/** `2026-27` → 2026; undefined for anything that is not one year's span. */
export function yearOfSlug(slug: string): number | undefined {
  const match = SLUG.exec(slug);
  if (match === null) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}

/** 2026 → `2026-27`. */
export function slugOf(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The reporting year `today` falls in: 2026 for any day from 1 April 2026. */
export function yearOf(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= tsm2024.yearStartsOn ? year : year - 1;
}

export interface YearPeriod {
  readonly year: number;
  readonly slug: string;
  readonly period: ReportingPeriod;
  /** The year is over: its figures are final (late changes aside). */
  readonly complete: boolean;
}

/** The year's period, to today while the year is running. */
export function yearPeriod(year: number, today: IsoDate): YearPeriod {
  const whole = reportingYear(tsm2024, year);
  const complete = compareDates(whole.to, today) < 0;
  return {
    year,
    slug: slugOf(year),
    period: complete ? whole : { ...whole, to: today },
    complete,
  };
}

/** How many past years the lists offer besides those with something stored. */
const PAST_YEARS = 3;

/**
 * The years to list, newest first: this one, the few before it, and any
 * other with something stored; never a year still to start.
 */
export function yearsToList(
  today: IsoDate,
  stored: Iterable<number>,
): number[] {
  const current = yearOf(today);
  const years = new Set<number>();
  for (let i = 0; i <= PAST_YEARS; i++) years.add(current - i);
  for (const year of stored) if (year <= current) years.add(year);
  return [...years].sort((a, b) => b - a);
}
