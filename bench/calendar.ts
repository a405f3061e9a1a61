/**
 * The working-day calendar (domain/calendar) against the obvious way to
 * do it: step a day at a time, skipping weekends, bank holidays and
 * closure days. Both get the same million seeded start dates and offsets
 * (1–40 working days) in the same run, and must agree on every one.
 */
import {
  type IsoDate,
  ukBankHolidays,
  type WorkingCalendar,
  workingCalendar,
} from '@hearth/domain';
import type { Measure } from './support.js';
import { median, spread } from './support.js';

/** A seeded generator (mulberry32): the same inputs every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Inputs {
  readonly dates: readonly IsoDate[];
  readonly offsets: Int32Array;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `count` start dates in [from, to] and offsets in [1, maxOffset]. */
export function inputs(
  count: number,
  range: { readonly from: IsoDate; readonly to: IsoDate },
  maxOffset: number,
  seed = 9,
): Inputs {
  const random = seeded(seed);
  const first = Date.parse(`${range.from}T00:00:00Z`);
  const days = (Date.parse(`${range.to}T00:00:00Z`) - first) / DAY + 1;
  const dates: IsoDate[] = new Array(count);
  const offsets = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    dates[i] = iso(first + Math.floor(random() * days) * DAY);
    offsets[i] = 1 + Math.floor(random() * maxOffset);
  }
  return { dates, offsets };
}

/**
 * The reference: from `date`, step one calendar day at a time and count
 * the days that are neither a weekend nor in `closed` (n ≥ 1). Days are
 * whole numbers since 1970-01-01 (a Thursday), so the loop itself does no
 * date formatting; `closed` holds day numbers.
 */
export function loopAddWorkingDays(
  date: IsoDate,
  n: number,
  closed: ReadonlySet<number>,
): IsoDate {
  let day = Date.parse(`${date}T00:00:00Z`) / DAY;
  let left = n;
  while (left > 0) {
    day += 1;
    const weekday = (day + 4) % 7;
    if (weekday === 0 || weekday === 6) continue;
    if (closed.has(day)) continue;
    left -= 1;
  }
  return iso(day * DAY);
}

/** Day numbers since 1970-01-01 of ISO dates. */
export function dayNumbers(dates: readonly string[]): Set<number> {
  return new Set(dates.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY));
}

/** The Code's default landlord closes between Christmas and New Year. */
function closureDays(first: number, last: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let year = first; year <= last; year += 1) {
    days.push(`${year}-12-29`, `${year}-12-30`, `${year}-12-31`);
  }
  return days;
}

function timed(run: () => IsoDate[]): { ms: number; out: IsoDate[] } {
  const started = performance.now();
  const out = run();
  return { ms: performance.now() - started, out };
}

export const measure: Measure = async (context) => {
  const count = context.quick ? 100_000 : 1_000_000;
  const repeats = context.quick ? 3 : 5;
  const maxOffset = 40;
  const division = 'england-and-wales';
  const feed = ukBankHolidays[division];
  if (feed === undefined) throw new Error(`No ${division} bank holidays`);
  const years = feed.events.map((e) => Number(e.date.slice(0, 4)));
  const closures = closureDays(Math.min(...years), Math.max(...years));
  const calendar: WorkingCalendar = workingCalendar({
    nation: division,
    feed: ukBankHolidays,
    closureDays: closures,
  });
  const closed = dayNumbers([...feed.events.map((e) => e.date), ...closures]);
  // Late enough in the feed's last year that 40 working days stay inside it.
  const given = inputs(
    count,
    {
      from: calendar.covers.from,
      to: `${calendar.covers.to.slice(0, 4)}-10-31`,
    },
    maxOffset,
  );

  const ours = () =>
    given.dates.map((date, i) =>
      calendar.addWorkingDays(date, given.offsets[i] as number),
    );
  const loop = () =>
    given.dates.map((date, i) =>
      loopAddWorkingDays(date, given.offsets[i] as number, closed),
    );

  // Warm-up, and the check: every answer the same.
  const expected = loop();
  const actual = ours();
  for (let i = 0; i < count; i += 1) {
    if (actual[i] !== expected[i]) {
      throw new Error(
        `addWorkingDays(${given.dates[i]}, ${given.offsets[i]}) is ${actual[i]}; the day-by-day loop says ${expected[i]}`,
      );
    }
  }
  context.log(`calendar: ${count.toLocaleString('en-GB')} inputs agree`);

  const oursMs: number[] = [];
  const loopMs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < repeats; r += 1) {
    const a = timed(loop).ms;
    const b = timed(ours).ms;
    loopMs.push(a);
    oursMs.push(b);
    ratios.push(a / b);
  }
  const ratio = median(ratios);
  const perCall = (ms: number) => `${((ms * 1e6) / count).toFixed(0)} ns`;
  return [
    {
      group: 'calendar',
      name: 'addWorkingDays vs day-by-day loop',
      value: ratio,
      unit: '× faster',
      spread: spread(ratios),
      budget: '≥ 1× (faster than the loop)',
      pass: ratio >= 1,
      note: `${count.toLocaleString('en-GB')} seeded dates ${calendar.covers.from}…, offsets 1–${maxOffset}, England & Wales + 29–31 Dec closures, all agree; ours ${median(oursMs).toFixed(0)} ms (${perCall(median(oursMs))}/call), loop ${median(loopMs).toFixed(0)} ms (${perCall(median(loopMs))}/call); median of ${repeats} paired runs`,
      details: { count, oursMs, loopMs, ratios },
    },
  ];
};
